import type { Store } from '../db/store';
import type { Actor } from '../domain/actor';
import { localDate, longDate } from '../domain/quarter';

/**
 * "Nothing new means nothing new": before a nil return is recorded, whether the organisation has
 * already settled the quarter, said as the person should hear it, or null when a nil return is
 * still wanted. Used by `nothing new`, its confirmation and the reminders' button alike.
 */
export async function alreadySettled(deps: { store: Store; timezone: string }, actor: Actor, quarter: string): Promise<string | null> {
  const { store } = deps;
  const checkin = await store.checkins.get(actor, actor.orgCode, quarter);
  if (!checkin) return null;
  const org = (await store.organisations.get(actor.orgCode))?.shortName ?? actor.orgCode;
  if (checkin.state === 'exempt')
    return `${org} is exempt from reporting for ${quarter}${checkin.note ? ` (${checkin.note})` : ''}. Nothing is needed.`;
  if (checkin.state === 'nil-return')
    return `“Nothing new” for ${quarter} is already recorded for ${org} (on ${longDate(localDate(checkin.firstAt, deps.timezone))}). Nothing more is needed.`;
  const counts = await store.records.countForQuarter(actor.orgCode, quarter);
  const n = counts.update + counts.need + counts.response;
  return `${org} already reported ${n === 1 ? '1 record ' : n ? `${n} records ` : ''}for ${quarter}; nothing more is needed.`;
}
