import type { CheckinDoc } from '../db/models/checkin.model';
import type { OrganisationDoc } from '../db/models/organisation.model';
import type { PersonDoc } from '../db/models/person.model';
import type { SnoozeDoc } from '../db/models/snooze.model';
import { reportsQuarterly } from '../domain/permissions';
import { localDate, localParts } from '../domain/quarter';
import { candidateSchedules, isReportingDue, latestDueStep, type CalendarStep, type DueStep, type QuarterSchedule } from '../calendar/calendar';
import type { ReportingCalendar } from '../calendar/calendar-config';
import { canBeReminded, groupBy, isAway, teamOf, zoneOf } from '../notify/recipients';

/**
 * "Who is due what at time T": a pure function of T and a snapshot of the roster, check-ins and
 * snoozes. Whether a message was already sent is not its concern (the delivery ledger's is), so
 * the plan for an instant is the same on every run and every instance.
 */
export interface ChannelTarget {
  platform: 'slack' | 'teams';
  channel: string;
}

export interface PlanningInput {
  calendar: ReportingCalendar;
  /** Default timezone (people without one, channels, the Secretariat's deadline). */
  timezone: string;
  organisations: OrganisationDoc[];
  people: PersonDoc[];
  checkins: CheckinDoc[];
  snoozes: SnoozeDoc[];
  channels: ChannelTarget[];
}

export interface PlannedNudge {
  key: string;
  kind: 'nudge' | 'last-note' | 'digest';
  quarter: string;
  schedule: QuarterSchedule;
  step: CalendarStep;
  orgCode?: string;
  person?: PersonDoc;
  channel?: ChannelTarget;
  timezone: string;
  dueAt: Date;
  reason: string;
  /** For a deputy: the focal point they receive this for. */
  deputyFor?: PersonDoc;
}

export interface PlanNote {
  quarter: string;
  orgCode?: string;
  text: string;
}

export function planNudges(asOf: Date, input: PlanningInput): { items: PlannedNudge[]; notes: PlanNote[] } {
  const { calendar: cal } = input;
  const items: PlannedNudge[] = [];
  const notes: PlanNote[] = [];
  const checkins = new Map(input.checkins.map((c) => [`${c.orgCode}|${c.quarter}`, c]));
  const snoozes = new Map(input.snoozes.map((s) => [`${s.personId}|${s.quarter}`, s]));
  const members = groupBy(input.people.filter(canBeReminded), (p) => p.orgCode);
  const orgs = input.organisations.filter((o) => o.active && reportsQuarterly(o));

  for (const schedule of candidateSchedules(asOf, input.timezone, cal)) {
    const q = schedule.quarter;
    const defaultDue = latestDueStep(schedule, input.timezone, asOf, cal);
    // Reporting starts when the group starts: nothing is chased (nor digested) for earlier quarters.
    if (!isReportingDue(q, cal)) {
      if (defaultDue) notes.push({ quarter: q, text: `${q}: not due (reporting starts with ${cal.firstQuarter}), no reminders` });
      continue;
    }
    const reminders = schedule.steps.filter((s) => s.kind === 'reminder').length;
    // Many people share a few timezones: work out each zone's current step once.
    const byZone = new Map<string, DueStep | null>();
    const dueIn = (tz: string) => {
      if (!byZone.has(tz)) byZone.set(tz, latestDueStep(schedule, tz, asOf, cal));
      return byZone.get(tz) ?? null;
    };

    for (const org of orgs) {
      const checkin = checkins.get(`${org._id}|${q}`);
      if (checkin) {
        if (defaultDue) notes.push({ quarter: q, orgCode: org._id, text: `${org.shortName}: ${checkin.state} for ${q}, no reminders` });
        continue;
      }
      const people = members.get(org._id) ?? [];
      if (!people.length) {
        if (defaultDue) notes.push({ quarter: q, orgCode: org._id, text: `${org.shortName}: not reported for ${q}, but nobody on the roster to remind` });
        continue;
      }
      const team = teamOf(people);
      const hasDeputies = team.focalOf.size > 0;
      for (const person of people) {
        const tz = zoneOf(person, input.timezone);
        const due = dueIn(tz);
        if (!due) continue;
        const audience = whyThisPerson(person, due.step, team, hasDeputies, cal.deputyFromReminder);
        if (!audience) continue;
        if ('skip' in audience) {
          notes.push({ quarter: q, orgCode: org._id, text: `${person.name}: ${audience.skip}` });
          continue;
        }
        const stepText =
          due.step.kind === 'reminder' ? `reminder ${due.step.reminderNo} of ${reminders} (${due.step.id})` : `after the deadline (${due.step.id})`;
        const base = {
          kind: due.step.kind === 'reminder' ? ('nudge' as const) : ('last-note' as const),
          quarter: q,
          schedule,
          step: due.step,
          orgCode: org._id,
          person,
          timezone: tz,
          ...(audience.deputyFor ? { deputyFor: audience.deputyFor } : {}),
        };
        const held = applySnooze(due, snoozes.get(`${person._id}|${q}`), tz, asOf);
        if ('until' in held) {
          notes.push({ quarter: q, orgCode: org._id, text: `${person.name}: snoozed until ${local(held.until, tz)}` });
          continue;
        }
        items.push({
          ...base,
          key: `nudge|${org._id}|${q}|${due.step.id}${held.suffix}|${person._id}`,
          dueAt: held.dueAt,
          reason: `${org.shortName} has not reported for ${q}; ${stepText} due ${local(held.dueAt, tz)}; ${audience.why}${held.why}`,
        });
      }
    }
    items.push(...planDigest(asOf, schedule, input));
  }
  items.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.key.localeCompare(b.key));
  return { items, notes };
}

type Audience = { why: string; deputyFor?: PersonDoc } | { skip: string };

/** Focal points get every reminder; deputies when their focal point is away, or from the Nth on. */
function whyThisPerson(person: PersonDoc, step: CalendarStep, team: Team, hasDeputies: boolean, deputyFrom: number): Audience | null {
  const focal = team.focalOf.get(person._id);
  if (step.kind === 'escalation') {
    if (focal) return { why: `last note to the deputy of ${focal.name}`, deputyFor: focal };
    return hasDeputies ? null : { why: 'last note to the focal point (no deputy on the roster)' };
  }
  if (!focal) {
    if (!isAway(person, step.date)) return { why: 'focal point' };
    if (team.deputiesOf.get(person._id)?.length) return { skip: `away until ${person.awayUntil}, the deputy stands in` };
    return { why: `focal point (away until ${person.awayUntil}, but no deputy on the roster)` };
  }
  if (isAway(focal, step.date)) return { why: `deputy standing in for ${focal.name} (away until ${focal.awayUntil})`, deputyFor: focal };
  if ((step.reminderNo ?? 0) >= deputyFrom) return { why: `deputy of ${focal.name} (from reminder ${deputyFrom} on)`, deputyFor: focal };
  return null;
}
type Team = ReturnType<typeof teamOf>;

/**
 * A snooze holds the person's reminders until `until`. A step that fell due while snoozed goes out
 * at `until` under its own key; when the person snoozed a reminder they had already received, the
 * reminder comes back once at `until` under a follow-up key.
 */
function applySnooze(
  due: DueStep,
  snooze: SnoozeDoc | undefined,
  tz: string,
  asOf: Date,
): { until: Date } | { dueAt: Date; suffix: string; why: string } {
  if (!snooze || snooze.until <= due.dueAt) return { dueAt: due.dueAt, suffix: '', why: '' };
  if (asOf < snooze.until) return { until: snooze.until };
  if (snooze.snoozedAt >= due.dueAt)
    return { dueAt: snooze.until, suffix: `~snooze-${localDate(snooze.until, tz)}`, why: '; asked to be reminded again' };
  return { dueAt: snooze.until, suffix: '', why: '; held while snoozed' };
}

/** After the deadline: one digest to each Secretariat person and each configured channel. */
function planDigest(asOf: Date, schedule: QuarterSchedule, input: PlanningInput): PlannedNudge[] {
  const out: PlannedNudge[] = [];
  const targets: { person?: PersonDoc; channel?: ChannelTarget; tz: string; id: string; name: string }[] = [
    ...input.people
      .filter((p) => p.active && p.role === 'secretariat')
      .map((p) => ({ person: p, tz: zoneOf(p, input.timezone), id: `person|${p._id}`, name: p.name })),
    ...input.channels.map((c) => ({ channel: c, tz: input.timezone, id: `${c.platform}|${c.channel}`, name: `${c.platform} channel ${c.channel}` })),
  ];
  for (const t of targets) {
    const due = latestDueStep(schedule, t.tz, asOf, input.calendar);
    if (!due || due.step.kind !== 'escalation') continue;
    out.push({
      key: `digest|${schedule.quarter}|${due.step.id}|${t.id}`,
      kind: 'digest',
      quarter: schedule.quarter,
      schedule,
      step: due.step,
      ...(t.person ? { person: t.person } : {}),
      ...(t.channel ? { channel: t.channel } : {}),
      timezone: t.tz,
      dueAt: due.dueAt,
      reason: `quarterly status digest for ${schedule.quarter} to ${t.name}, due ${local(due.dueAt, t.tz)} (the deadline has passed)`,
    });
  }
  return out;
}

function local(at: Date, tz: string): string {
  const p = localParts(at, tz);
  return `${localDate(at, tz)} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')} ${tz}`;
}
