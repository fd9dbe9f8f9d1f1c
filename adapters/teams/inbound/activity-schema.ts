import { z } from 'zod';

/**
 * The minimum an activity must have before botbuilder and teams-ai see it. Both trust their input
 * (a `null` value, an entity without `type` or a mention without text make them throw), so anything
 * that would is answered 400 here instead. Unknown fields pass through untouched.
 */
const MAX_TEXT = 40_000;

const httpUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(2048);
const account = z.looseObject({
  id: z.string().min(1).max(512),
  name: z.string().max(512).optional(),
  aadObjectId: z.string().min(1).max(128).optional(),
});
const plainObject = z.record(z.string(), z.unknown());
const entity = z.looseObject({ type: z.string().min(1).max(64) });
const mention = z.looseObject({ mentioned: z.looseObject({ id: z.string().max(512) }), text: z.string().max(1024) });

export const activitySchema = z
  .looseObject({
    type: z.string().min(1).max(64),
    id: z.string().min(1).max(512).optional(),
    channelId: z.string().min(1).max(64),
    serviceUrl: httpUrl,
    from: account,
    recipient: account,
    conversation: z.looseObject({
      id: z.string().min(1).max(1024),
      conversationType: z.string().max(64).optional(),
      tenantId: z.string().max(128).optional(),
      isGroup: z.boolean().optional(),
    }),
    text: z.string().max(MAX_TEXT).optional(),
    value: z.unknown().optional(),
    name: z.string().max(256).optional(),
    replyToId: z.string().max(512).optional(),
    locale: z.string().max(64).optional(),
    entities: z.array(entity).max(100).optional(),
    membersAdded: z.array(account).max(1000).optional(),
    membersRemoved: z.array(account).max(1000).optional(),
    channelData: plainObject.optional(),
  })
  .superRefine((a, ctx) => {
    if (a.value !== undefined && (a.type === 'message' || a.type === 'invoke') && !plainObject.safeParse(a.value).success) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'must be an object' });
    }
    // An Action.Execute is routed on its verb: one that is not a string would go unhandled (501).
    if (a.type === 'invoke' && a.name === 'adaptiveCard/action' && typeof (a.value as { action?: { verb?: unknown } } | undefined)?.action?.verb !== 'string') {
      ctx.addIssue({ code: 'custom', path: ['value', 'action', 'verb'], message: 'must be a string' });
    }
    (a.entities ?? []).forEach((e, i) => {
      if (e.type.toLowerCase() !== 'mention') return;
      const m = mention.safeParse(e);
      if (!m.success) ctx.addIssue({ code: 'custom', path: ['entities', i], message: 'a mention needs mentioned.id and text' });
      else if (m.data.mentioned.id === a.recipient.id && a.text === undefined) {
        ctx.addIssue({ code: 'custom', path: ['text'], message: 'is required when the bot is mentioned' });
      }
    });
  });

export type InboundActivity = z.infer<typeof activitySchema>;

/** Short, value-free descriptions of what is wrong (never echo the payload back). */
export function activityProblems(body: unknown): string[] | null {
  const parsed = activitySchema.safeParse(body);
  if (parsed.success) return null;
  return parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(body)'} ${i.message}`);
}
