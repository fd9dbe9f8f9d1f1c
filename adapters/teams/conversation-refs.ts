import { TurnContext, type Activity } from 'botbuilder';
import { z } from 'zod';
import type { Store } from '../../src/db/store';

/**
 * Conversation references: where the bot can write to a person or a channel later (reminders,
 * summaries, reports). Refreshed on every turn from `TurnContext.getConversationReference`, but only
 * the fields a proactive send needs are kept, as plain strings: a payload cannot smuggle odd keys
 * into the database this way.
 */
const account = z.object({ id: z.string().min(1).max(512), name: z.string().max(256).default(''), aadObjectId: z.string().max(128).optional() });
const storedReference = z.object({
  channelId: z.string().min(1).max(64),
  serviceUrl: z.url({ protocol: /^https?$/ }).max(2048),
  locale: z.string().max(32).optional(),
  bot: account,
  user: account.optional(),
  conversation: z.object({
    id: z.string().min(1).max(1024),
    name: z.string().max(256).default(''),
    conversationType: z.string().max(64).default('personal'),
    isGroup: z.boolean().default(false),
    tenantId: z.string().max(128).optional(),
  }),
});
export type StoredReference = z.infer<typeof storedReference>;

export type AddressKind = 'person' | 'channel';

/** Personal chat with the bot (1:1), as opposed to a channel or a group chat. */
export function isPersonal(activity: Partial<Activity>): boolean {
  const c = activity.conversation;
  return c?.conversationType === 'personal' || (!c?.conversationType && !c?.isGroup);
}

/** A channel's conversation id without the thread suffix, so a proactive post starts a new thread. */
export const channelKey = (conversationId: string) => conversationId.split(';messageid=')[0]!;

/** The reference to answer in this conversation (`thread` keeps a channel thread, for late replies). */
export function referenceOf(activity: Partial<Activity>, opts: { thread?: boolean } = {}): StoredReference | null {
  const r = TurnContext.getConversationReference(activity);
  const personal = isPersonal(activity);
  const conversationId = r.conversation?.id;
  const parsed = storedReference.safeParse({
    channelId: r.channelId,
    serviceUrl: r.serviceUrl,
    ...(typeof r.locale === 'string' ? { locale: r.locale } : {}),
    bot: pickAccount(r.bot),
    // Only a 1:1 chat needs to know the person; a channel reference does not keep who last wrote.
    ...(r.user && personal ? { user: pickAccount(r.user) } : {}),
    conversation: {
      id: typeof conversationId === 'string' && !personal && !opts.thread ? channelKey(conversationId) : conversationId,
      conversationType: r.conversation?.conversationType ?? (personal ? 'personal' : 'channel'),
      isGroup: r.conversation?.isGroup === true,
      ...(typeof r.conversation?.tenantId === 'string' ? { tenantId: r.conversation.tenantId } : {}),
    },
  });
  return parsed.success ? parsed.data : null;
}

function pickAccount(a: Partial<{ id: unknown; name: unknown; aadObjectId: unknown }> | undefined) {
  if (!a) return undefined;
  return {
    id: a.id,
    ...(typeof a.name === 'string' ? { name: a.name.slice(0, 256) } : {}),
    ...(typeof a.aadObjectId === 'string' ? { aadObjectId: a.aadObjectId } : {}),
  };
}

/** Saved and read Teams addresses, over `store.addresses`. */
export function teamsAddresses(store: Store) {
  return {
    async save(kind: AddressKind, key: string, ref: StoredReference): Promise<void> {
      await store.addresses.save('teams', kind, key, ref);
    },

    async get(kind: AddressKind, key: string): Promise<StoredReference | null> {
      const doc = await store.addresses.get('teams', kind, key);
      const parsed = doc ? storedReference.safeParse(doc.ref) : null;
      return parsed?.success ? parsed.data : null;
    },

    /** Any stored address: where Teams is (service URL, tenant, bot id), to open a new 1:1 chat. */
    async anyInTenant(): Promise<StoredReference | null> {
      for (const kind of ['channel', 'person'] as const) {
        for (const doc of await store.addresses.list('teams', kind)) {
          const parsed = storedReference.safeParse(doc.ref);
          if (parsed.success && parsed.data.conversation.tenantId) return parsed.data;
        }
      }
      return null;
    },

    /**
     * Remembers where this turn came from: the person's 1:1 chat (keyed by their AAD object id) or
     * the channel / group chat (keyed by its conversation id without the thread).
     */
    async rememberTurn(activity: Partial<Activity>, aadObjectId: string | undefined): Promise<void> {
      const ref = referenceOf(activity);
      if (!ref) return;
      if (isPersonal(activity)) {
        if (aadObjectId) await store.addresses.save('teams', 'person', aadObjectId, ref);
      } else {
        await store.addresses.save('teams', 'channel', ref.conversation.id, ref);
      }
    },
  };
}
export type TeamsAddresses = ReturnType<typeof teamsAddresses>;
