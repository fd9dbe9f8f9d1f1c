import type { ServiceDeps } from '../module';
import type { DeliveryDoc } from '../db/models/delivery.model';
import type { Actor } from '../domain/actor';
import { formatQuarter, parseQuarter } from '../domain/quarter';
import { AppError } from '../errors';
import type { BotMessage } from '../messages/bot-message';
import { createDeliveryLedger, isSettledDelivery, type DeliveryOutcome, type LedgerOptions } from '../notify/delivery-ledger';
import type { Recipient } from '../notify/notifier';
import { candidateSchedules, snoozeUntil } from '../calendar/calendar';
import { cyclesFrom, planFreshness, staleBefore, type PlannedFreshness } from './freshness';
import { quarterStatus } from '../calendar/quarter-status';
import { digestMessage, freshnessMessage, nudgeMessage } from './messages';
import { planNudges, type ChannelTarget, type PlanNote, type PlannedNudge, type PlanningInput } from './planner';
import { zoneOf } from '../notify/recipients';

/**
 * Quarterly nudges, the Secretariat's digest and freshness offers. `plan(T)` says what is due at T
 * and why; `run(T)` sends it, each message through the delivery ledger, so a re-run, a crash half
 * way or a second instance never sends anything twice. The scheduler (jobs/scheduler.ts) and the
 * `wbbsi remind` command are its only callers besides the chat buttons.
 */
export type ReminderServiceDeps = ServiceDeps;

export interface ReminderServiceOptions {
  ledger?: LedgerOptions;
  /** Messages in flight at once (default SEND_CONCURRENCY). */
  concurrency?: number;
}

/**
 * Messages in flight at once in a run. When the platform answers 429 its client pauses for
 * Retry-After; the messages waiting then must be ready to go the moment it resumes, or every
 * rate-limit window loses the time it takes to prepare the next ones (claim, DM channel). Measured
 * with `npm run bench` (2,000 members, 50 a second allowed): 4 in flight took 1.23× the minimum the
 * limit allows, 16 took ≈1.05×. Few enough that a window's 429s stay a handful.
 */
export const SEND_CONCURRENCY = 16;

export type PlannedMessage = PlannedNudge | PlannedFreshness;

export interface PlanEntry {
  item: PlannedMessage;
  /** What the ledger already holds for this key, if anything. */
  delivery?: DeliveryDoc;
  /** False when sent already, claimed by a live run, or waiting for its retry time. */
  willSend: boolean;
}

export interface ReminderPlan {
  asOf: Date;
  entries: PlanEntry[];
  notes: PlanNote[];
}

export interface RunReport {
  asOf: Date;
  planned: number;
  outcomes: { key: string; outcome: DeliveryOutcome }[];
  counts: Partial<Record<DeliveryOutcome['status'], number>>;
}

export function createReminderService(deps: ReminderServiceDeps, options: ReminderServiceOptions = {}) {
  const { config, store, clock, logger, notifier } = deps;
  const { calendar } = deps;
  const ledger = createDeliveryLedger(deps, options.ledger);
  const concurrency = Math.max(1, options.concurrency ?? SEND_CONCURRENCY);
  const channels: ChannelTarget[] = [
    ...(config.slack?.channel ? [{ platform: 'slack' as const, channel: config.slack.channel }] : []),
    ...(config.teams?.channel ? [{ platform: 'teams' as const, channel: config.teams.channel }] : []),
  ];

  async function snapshot(asOf: Date) {
    const quarters = candidateSchedules(asOf, config.timezone, calendar).map((s) => s.quarter);
    const [organisations, people, checkins, snoozes, records, offers] = await Promise.all([
      store.organisations.list(),
      store.people.list(),
      store.checkins.forQuarters(quarters),
      store.snoozes.forQuarters(quarters),
      store.records.unconfirmedSince(staleBefore(asOf, calendar), calendar.freshness.types),
      store.deliveries.byMetaSince('freshness', 'cycle', cyclesFrom(asOf, config.timezone, calendar)),
    ]);
    const cycles = new Map<string, string>();
    for (const d of offers) {
      const org = String(d.meta.orgCode);
      const cycle = String(d.meta.cycle);
      if (cycle > (cycles.get(org) ?? '')) cycles.set(org, cycle);
    }
    const input: PlanningInput = { calendar, timezone: config.timezone, organisations, people, checkins, snoozes, channels };
    const nudges = planNudges(asOf, input);
    const fresh = planFreshness(asOf, { calendar, timezone: config.timezone, organisations, people, records, cycles });
    // One key, one message: a deputy of two absent focal points is still reminded once.
    const byKey = new Map<string, PlannedMessage>([...nudges.items, ...fresh].map((i) => [i.key, i]));
    return { items: [...byKey.values()], notes: nudges.notes, input };
  }

  function messageFor(item: PlannedMessage, input: PlanningInput): BotMessage {
    const org = input.organisations.find((o) => o._id === item.orgCode);
    if (item.kind === 'freshness') return freshnessMessage(item, { org: org!, calendar, timezone: item.timezone });
    if (item.kind === 'digest') return digestMessage(item, quarterStatus(item.quarter, input.organisations, input.checkins));
    return nudgeMessage(item, { org: org!, calendar, secretariatZone: config.timezone });
  }

  function recipientOf(item: PlannedMessage): Recipient {
    if ('channel' in item && item.channel) return { kind: 'channel', platform: item.channel.platform, channel: item.channel.channel };
    const p = item.person!;
    return { kind: 'person', personId: p._id, ...(p.slackId ? { slackId: p.slackId } : {}), ...(p.teamsId ? { teamsId: p.teamsId } : {}) };
  }

  return {
    calendar,
    ledger,

    /** What `run(asOf)` would send, and why, without sending anything. */
    async plan(asOf: Date): Promise<ReminderPlan> {
      const { items, notes } = await snapshot(asOf);
      const docs = new Map((await store.deliveries.getMany(items.map((i) => i.key))).map((d) => [d._id, d]));
      const now = clock.now();
      const entries = items.map((item) => {
        const delivery = docs.get(item.key);
        return { item, ...(delivery ? { delivery } : {}), willSend: !delivery || !isSettledDelivery(delivery, now) };
      });
      return { asOf, entries, notes };
    },

    /** Sends what is due at `asOf`; each recipient independently. Safe to call at any time, any number of times. */
    async run(asOf: Date): Promise<RunReport> {
      const { items, input } = await snapshot(asOf);
      const settled = await ledger.settledKeys(items.map((i) => i.key));
      const todo = items.filter((i) => !settled.has(i.key));
      const outcomes: RunReport['outcomes'] = [];
      // The `sent` marks go in batches (each claim is still its own insert): see delivery-ledger.ts.
      try {
        await forEachLimited(todo, concurrency, async (item) => {
          const meta = { orgCode: item.orgCode, ...(item.kind === 'freshness' ? { cycle: item.cycle } : { quarter: item.quarter, step: item.step.id }) };
          const outcome = await ledger.deliverOnce(item.key, { kind: item.kind, recipient: recipientOf(item), meta }, () => notifier.send(recipientOf(item), messageFor(item, input)), {
            deferSentMark: true,
          });
          outcomes.push({ key: item.key, outcome });
        });
      } finally {
        await ledger.flushSentMarks();
      }
      const counts: RunReport['counts'] = {};
      for (const { outcome } of outcomes) counts[outcome.status] = (counts[outcome.status] ?? 0) + 1;
      if (outcomes.length) logger.info({ asOf, planned: items.length, counts }, 'reminder run');
      return { asOf, planned: items.length, outcomes, counts };
    },

    /** "Remind me in 3 days": holds this person's reminders for the quarter until then. */
    async snooze(actor: Actor, quarter: string): Promise<{ quarter: string; until: Date; timezone: string }> {
      const q = parseQuarter(String(quarter));
      if (!q) throw new AppError('BAD_REQUEST', 'That is not a reporting quarter such as 2026-Q4.');
      const timezone = zoneOf(actor, config.timezone);
      const until = snoozeUntil(clock.now(), timezone, calendar);
      await store.snoozes.set(actor, formatQuarter(q), until);
      return { quarter: formatQuarter(q), until, timezone };
    },

    /** The quarter a report made now counts for (2026-Q4 until its deadline in January). */
    reportingQuarter(asOf: Date): string {
      return calendar.reportingQuarter(asOf);
    },
  };
}
export type ReminderService = ReturnType<typeof createReminderService>;

async function forEachLimited<T>(items: T[], limit: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
