import type { DeliveryDoc } from '../db/models/delivery.model';
import type { Store } from '../db/store';
import type { BotMessage } from '../messages/bot-message';
import type { Notifier } from './notifier';

/** Someone the bot has messages for but cannot reach, and why, in words the Secretariat can act on. */
export interface UnreachablePerson {
  personId: string;
  name: string;
  orgCode: string;
  reason: string;
  /** Messages for them that failed and are waiting (or were given up). */
  messages: number;
  /** When the ledger tries again (absent: given up, or not tried yet). */
  nextAttemptAt?: Date;
}

/**
 * Failures that say the person cannot be reached as the roster has them (a retry will fail the
 * same way until someone fixes their ids), as written by the notifiers (DeliveryError messages).
 * Rate limits and outages are not here: those pass, and the ledger retries them.
 */
const PERMANENT: [RegExp, string][] = [
  [/^no platform can reach person/, 'no Slack or Teams id in the roster'],
  [/has no Slack id/, 'no Slack id in the roster'],
  [/^Slack refused: users?_not_found/, 'Slack does not know their Slack id'],
  [/^Slack refused: (account_inactive|user_disabled)/, 'their Slack account is deactivated'],
  [/^Slack refused: (cannot_dm_bot|user_not_visible)/, 'Slack does not let the bot write to them'],
  [/^no Teams address/, 'Teams: the bot is not in a team of their organisation and they have not written to it'],
  [/^Bot Connector refused the message \(HTTP 403\)/, 'Teams refused: the app is not installed for them, or was removed'],
];

/** The plain reason of a failed delivery, or null when it is a passing failure (retried as usual). */
export function unreachableReason(lastError: string | undefined, gaveUp: boolean): string | null {
  for (const [pattern, reason] of PERMANENT) if (pattern.test(lastError ?? '')) return reason;
  return gaveUp ? `given up after repeated failures (${lastError ?? 'unknown error'})` : null;
}

const personOf = (d: DeliveryDoc) => (d.recipient.startsWith('person:') ? d.recipient.slice('person:'.length) : null);

/**
 * People whose latest message failed for good or for a reason only a roster change can fix, read
 * from the delivery ledger; plus, when `planned` and `notifier` are given, people due a message now
 * whom no configured platform can reach (not tried yet). A later successful delivery clears them.
 */
export async function unreachablePeople(
  deps: { store: Store; notifier?: Notifier },
  planned: { personId: string; slackId?: string; teamsId?: string }[] = [],
): Promise<UnreachablePerson[]> {
  const byPerson = new Map<string, DeliveryDoc[]>();
  for (const d of await deps.store.deliveries.list()) {
    const id = personOf(d);
    if (id) byPerson.set(id, [...(byPerson.get(id) ?? []), d]);
  }
  const found = new Map<string, Omit<UnreachablePerson, 'name' | 'orgCode'>>();
  for (const [personId, docs] of byPerson) {
    const settled = docs.filter((d) => d.status === 'sent' || d.status === 'failed');
    const latest = settled.reduce<DeliveryDoc | undefined>((a, d) => (!a || (d.sentAt ?? d.createdAt) >= (a.sentAt ?? a.createdAt) ? d : a), undefined);
    if (!latest || latest.status !== 'failed') continue;
    const reason = unreachableReason(latest.lastError, !latest.nextAttemptAt);
    if (!reason) continue;
    const failed = docs.filter((d) => d.status === 'failed');
    const next = failed.map((d) => d.nextAttemptAt).filter((d): d is Date => Boolean(d)).sort((a, b) => a.getTime() - b.getTime())[0];
    found.set(personId, { personId, reason, messages: failed.length, ...(next ? { nextAttemptAt: next } : {}) });
  }
  if (deps.notifier) {
    for (const p of planned) {
      if (found.has(p.personId) || (await deps.notifier.canReach({ kind: 'person', ...p }))) continue;
      found.set(p.personId, { personId: p.personId, reason: p.slackId || p.teamsId ? 'no chat with the bot yet on their platform' : 'no Slack or Teams id in the roster', messages: 0 });
    }
  }
  const out: UnreachablePerson[] = [];
  for (const u of found.values()) {
    const person = await deps.store.people.get(u.personId);
    // The composite notifier cannot tell "no id" from "an id but no chat yet": the roster can.
    const reason = u.reason === 'no Slack or Teams id in the roster' && (person?.slackId || person?.teamsId) ? 'no chat with the bot yet on their platform' : u.reason;
    out.push({ ...u, reason, name: person?.name ?? u.personId, orgCode: person?.orgCode ?? '?' });
  }
  return out.sort((a, b) => a.orgCode.localeCompare(b.orgCode) || a.name.localeCompare(b.name));
}

/** For the Secretariat's `status`: who does not get the bot's messages, and what to do about it. */
export function unreachableMessage(people: UnreachablePerson[]): BotMessage | null {
  if (!people.length) return null;
  return {
    text: [
      `*Cannot be reached (${people.length}):*`,
      ...people.map((p) => `• ${p.name} (${p.orgCode}): ${p.reason}`),
      'Their reminders are kept and tried again once a day. Add or correct their Slack or Teams id with *wbbsi roster import*.',
    ].join('\n'),
  };
}
