import type { OrganisationDoc } from '../db/models/organisation.model';
import type { PersonDoc } from '../db/models/person.model';
import type { RecordDoc } from '../db/models/record.model';
import { addDays, localDate } from '../domain/quarter';
import { dueAt, isWorkingDay } from '../calendar/calendar';
import type { ReportingCalendar } from '../calendar/calendar-config';
import { canBeReminded, groupBy, isAway, teamOf, zoneOf } from '../notify/recipients';

/**
 * Freshness offers: records nobody has confirmed for 90 days go back to their organisation, all of
 * an organisation's in one message ("still accurate / edit / retire"), on a working day at the
 * sending hour. Offers come in cycles: the first offer to an organisation starts a cycle (its date,
 * on the Secretariat's clock, is in the key), everyone due in that organisation gets that cycle's
 * offer once, and the next cycle starts `repeatDays` later if records are still stale. A record
 * that turns stale during a cycle waits for the next one.
 */
export interface PlannedFreshness {
  key: string;
  kind: 'freshness';
  orgCode: string;
  cycle: string;
  person: PersonDoc;
  timezone: string;
  dueAt: Date;
  reason: string;
  records: RecordDoc[];
}

export interface FreshnessInput {
  calendar: ReportingCalendar;
  timezone: string;
  organisations: OrganisationDoc[];
  people: PersonDoc[];
  /** Active records not confirmed since `staleBefore(asOf)`. */
  records: RecordDoc[];
  /** Latest offer cycle (YYYY-MM-DD) per organisation that started less than `repeatDays` ago. */
  cycles: Map<string, string>;
}

/** The earliest cycle date that is still running at `asOf` (for loading `cycles`). */
export function cyclesFrom(asOf: Date, timezone: string, cal: ReportingCalendar): string {
  return addDays(localDate(asOf, timezone), 1 - cal.freshness.repeatDays);
}

export function staleBefore(asOf: Date, cal: ReportingCalendar): Date {
  return new Date(asOf.getTime() - cal.freshness.afterDays * 24 * 3600_000);
}

/** Only laws, strategies and action plans among updates; finished needs and responses never. */
export function isOfferable(r: RecordDoc, cal: ReportingCalendar): boolean {
  const f = cal.freshness;
  if (r.status !== 'active' || !f.types.includes(r.type)) return false;
  if (r.type === 'update') return f.updateKinds.includes(String(r.data.kind));
  return !f.finishedStatuses.includes(String(r.data.status));
}

export function planFreshness(asOf: Date, input: FreshnessInput): PlannedFreshness[] {
  const cal = input.calendar;
  const cutoff = staleBefore(asOf, cal);
  const orgs = new Map(input.organisations.filter((o) => o.active).map((o) => [o._id, o]));
  const members = groupBy(input.people.filter(canBeReminded), (p) => p.orgCode);
  const stale = groupBy(
    input.records.filter((r) => r.lastConfirmedAt < cutoff && isOfferable(r, cal) && orgs.has(r.orgCode)),
    (r) => r.orgCode,
  );
  const out: PlannedFreshness[] = [];
  const today = localDate(asOf, input.timezone);
  for (const [orgCode, records] of stale) {
    const cycle = input.cycles.get(orgCode) ?? today;
    const team = teamOf(members.get(orgCode) ?? []);
    for (const focal of team.focalPoints) {
      const today = localDate(asOf, zoneOf(focal, input.timezone));
      const deputies = team.deputiesOf.get(focal._id) ?? [];
      const away = isAway(focal, today) && deputies.length > 0;
      for (const person of away ? deputies : [focal]) {
        const tz = zoneOf(person, input.timezone);
        const day = localDate(asOf, tz);
        const at = dueAt(day, tz, cal);
        if (!isWorkingDay(day, cal) || asOf < at) continue;
        out.push({
          key: `fresh|${orgCode}|${cycle}|${person._id}`,
          kind: 'freshness',
          orgCode,
          cycle,
          person,
          timezone: tz,
          dueAt: at,
          reason: `${records.length} record(s) of ${orgs.get(orgCode)!.shortName} not confirmed for ${cal.freshness.afterDays} days; offer of the cycle started ${cycle} to ${
            away ? `the deputy of ${focal.name} (away until ${focal.awayUntil})` : 'the focal point'
          }`,
          records,
        });
      }
    }
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}
