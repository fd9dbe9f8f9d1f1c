import { z } from 'zod';
import { ROLES } from '../../src/config/vocabulary';
import { DEMO_KEYS } from './console-roster';

/**
 * Every body and query the console API accepts. Strings only where the core expects strings, so
 * operator objects such as {"$gt": ""} never reach a database query.
 */
const id = z.string().trim().min(1).max(128);
const noControl = (s: string) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s); // eslint-disable-line no-control-regex

export const personIdQuery = z.object({ personId: id });

export const inboxQuery = z.object({
  personId: id,
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
});

export const fileQuery = z.object({ personId: id });

export const newPersonBody = z.object({
  name: z.string().trim().min(2, 'Please give a name (2 characters or more).').max(100).refine(noControl, 'Please remove control characters.'),
  orgCode: z.string().trim().min(1).max(32),
  role: z.enum(ROLES.codes).default('member'),
});

export const demoPersonBody = z.object({ key: z.enum(DEMO_KEYS) });

export const messageBody = z
  .object({
    personId: id,
    text: z.string().max(4_000).optional(),
    action: z.object({ id: z.string().min(1).max(100), value: z.string().max(2_000).optional() }).optional(),
    mode: z.enum(['chat', 'form']).default('chat'),
  })
  .refine((b) => (b.text === undefined) !== (b.action === undefined), { message: 'send either text or action' });

/** A whole form as the page posts it: field name → text, code, or codes. */
const fieldValues = z
  .record(
    z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/),
    z.union([z.string().max(20_000), z.array(z.string().max(200)).max(100)]),
  )
  .refine((v) => Object.keys(v).length <= 60, { message: 'too many fields' });

export const formBody = z.object({ personId: id, draftId: id, values: fieldValues });

export type MessageBody = z.infer<typeof messageBody>;
export type FormBody = z.infer<typeof formBody>;
