import { createHmac } from 'node:crypto';

/**
 * trigger_ids as Slack hands them out with a slash command or a click: "They expire in three
 * seconds … they can be used only once" (https://api.slack.com/docs/triggers); views.open answers
 * `expired_trigger_id`, `exchanged_trigger_id` (used before) or `invalid_trigger_id`
 * (https://docs.slack.dev/reference/methods/views.open/, its error list).
 * The payload builders mint them and the Slack stand-in checks them: the issue time and a
 * signature travel inside the id, so neither needs to know the other.
 */
export const TRIGGER_TTL_MS = 3_000;
const SECRET = 'slack-standin-trigger-secret';
let seq = 0;

const signatureOf = (issuedAt: number, n: number) => createHmac('sha256', SECRET).update(`${issuedAt}.${n}`).digest('hex').slice(0, 16);

/** A fresh trigger_id issued now (or at `issuedAt`, to show an expired one without waiting). */
export function mintTrigger(issuedAt: number = Date.now()): string {
  seq += 1;
  return `${issuedAt}.${seq}.${signatureOf(issuedAt, seq)}`;
}

/** When the trigger was issued, or null when Slack never issued it (wrong shape or signature). */
export function triggerIssuedAt(id: string): number | null {
  const m = /^(\d+)\.(\d+)\.([0-9a-f]{16})$/.exec(id);
  if (!m) return null;
  const issuedAt = Number(m[1]);
  return signatureOf(issuedAt, Number(m[2])) === m[3] ? issuedAt : null;
}
