import type { Config } from '../config';
import type { ConsultationRoundDoc } from '../db/models/consultation.model';
import type { OrganisationDoc } from '../db/models/organisation.model';
import type { PersonDoc } from '../db/models/person.model';
import type { ProductDoc } from '../db/models/product.model';
import type { Store } from '../db/store';
import { SCHEDULER_ACTOR } from '../domain/actor';
import { localDate } from '../domain/quarter';
import type { BotMessage } from '../messages/bot-message';
import { isSettledDelivery, type DeliveryLedger, type DeliveryOutcome } from '../notify/delivery-ledger';
import type { Notifier, Recipient } from '../notify/notifier';
import type { ReportingCalendar } from '../calendar/calendar-config';
import { canBeReminded, isAway, teamOf, zoneOf } from '../notify/recipients';
import type { Clock } from '../support/clock';
import type { Logger } from '../support/logger';
import { reminderDueAt } from './consultation-calendar';
import { digestMessage, requestMessage } from './consultation-messages';
import { announcementMessage } from './product-messages';
import { countsLine, silentOrgs, tallyRound, type RoundTally } from './tally';

/**
 * The periodic work of consultations, as a plain function of the time: ask every invited
 * organisation (once), remind the silent ones on the reminder day (once), close rounds whose
 * deadline has passed (silence → "no answer") and send the Secretariat one digest each, and retry
 * channel posts of proposals and decisions that failed. Every message goes through the delivery
 * ledger, so re-runs, crashes half way and a second instance never send anything twice.
 */
export interface ConsultationJobDeps {
  config: Config;
  store: Store;
  clock: Clock;
  logger: Logger;
  notifier: Notifier;
  ledger: DeliveryLedger;
  calendar: ReportingCalendar;
}

export interface ConsultationJobReport {
  asOf: Date;
  outcomes: { key: string; outcome: DeliveryOutcome }[];
  closed: string[];
  /** Invited organisations nobody on the roster can answer for. */
  unreachable: { roundId: string; orgCode: string }[];
}

interface Planned {
  key: string;
  kind: string;
  to: Recipient;
  meta: Record<string, unknown>;
  message: () => BotMessage;
}

/** How long after closing the job still looks at a round (its digests may be waiting to be retried). */
const FOLLOW_UP_MS = 14 * 24 * 3600_000;
const personRecipient = (p: PersonDoc): Recipient => ({ kind: 'person', personId: p._id, ...(p.slackId ? { slackId: p.slackId } : {}), ...(p.teamsId ? { teamsId: p.teamsId } : {}) });

/** Who speaks for an organisation on `date`: its focal points, or their deputies while they are away. */
export function audienceOf(members: PersonDoc[], date: string): { person: PersonDoc; deputyFor?: PersonDoc }[] {
  const team = teamOf(members.filter(canBeReminded));
  const out = new Map<string, { person: PersonDoc; deputyFor?: PersonDoc }>();
  for (const focal of team.focalPoints) {
    const deputies = team.deputiesOf.get(focal._id) ?? [];
    if (isAway(focal, date) && deputies.length) for (const d of deputies) out.set(d._id, { person: d, deputyFor: focal });
    else out.set(focal._id, { person: focal });
  }
  return [...out.values()];
}

export function channelsOf(config: Config): Extract<Recipient, { kind: 'channel' }>[] {
  return [
    ...(config.slack?.channel ? [{ kind: 'channel' as const, platform: 'slack' as const, channel: config.slack.channel }] : []),
    ...(config.teams?.channel ? [{ kind: 'channel' as const, platform: 'teams' as const, channel: config.teams.channel }] : []),
  ];
}

export function createConsultationJobs(deps: ConsultationJobDeps) {
  const { config, store, clock, logger, ledger, notifier, calendar } = deps;

  /** Requests (reminders, news of a later deadline) to the organisations in `orgCodes`, each organisation once. */
  async function planRequests(round: ConsultationRoundDoc, step: 'ask' | 'remind' | 'extend', orgCodes: string[], asOf: Date, people: PersonDoc[], orgs: Map<string, OrganisationDoc>, report: ConsultationJobReport): Promise<Planned[]> {
    // An extension is told once per new deadline.
    const keyOf = (orgCode: string, p: PersonDoc) => `consult|${round._id}|${step === 'extend' ? `extend-${round.deadline}` : step}|${orgCode}|${p._id}`;
    const members = new Map(orgCodes.map((o) => [o, people.filter((p) => p.orgCode === o && p.active)]));
    const allKeys = [...members].flatMap(([o, ps]) => ps.map((p) => keyOf(o, p)));
    const docs = new Map((await store.deliveries.getMany(allKeys)).map((d) => [d._id, d]));
    const out: Planned[] = [];
    for (const [orgCode, ps] of members) {
      const audience = audienceOf(ps, localDate(asOf, config.timezone));
      if (!audience.length) {
        if (step === 'ask') report.unreachable.push({ roundId: round._id, orgCode });
        continue;
      }
      // Once anyone in the organisation has it, a person who became focal point later is not asked again.
      const done = ps.some((p) => docs.get(keyOf(orgCode, p))?.status === 'sent');
      for (const { person, deputyFor } of audience) {
        const key = keyOf(orgCode, person);
        const doc = docs.get(key);
        if ((done && !doc) || (doc && isSettledDelivery(doc, clock.now()))) continue;
        const tz = zoneOf(person, config.timezone);
        if (step === 'remind' && asOf < reminderDueAt(round.remindOn!, tz, calendar)) continue;
        const orgName = orgs.get(orgCode)?.shortName ?? orgCode;
        out.push({
          key,
          kind: `consult-${step}`,
          to: personRecipient(person),
          meta: { roundId: round._id, orgCode },
          message: () => requestMessage({ round, person, orgName, timezone: tz, ...(deputyFor ? { deputyFor } : {}) }, step),
        });
      }
    }
    return out;
  }

  async function planRound(round: ConsultationRoundDoc, asOf: Date, people: PersonDoc[], orgList: OrganisationDoc[], report: ConsultationJobReport): Promise<Planned[]> {
    const orgs = new Map(orgList.map((o) => [o._id, o]));
    let tally: RoundTally = tallyRound(round, await store.consultations.entries(round._id), orgList, asOf);
    if (round.status === 'open' && asOf < round.closesAt) {
      const planned = await planRequests(round, 'ask', round.orgCodes, asOf, people, orgs, report);
      if (round.remindOn && localDate(asOf, config.timezone) >= round.remindOn) planned.push(...(await planRequests(round, 'remind', silentOrgs(tally), asOf, people, orgs, report)));
      if (round.extensions?.length) planned.push(...(await planRequests(round, 'extend', silentOrgs(tally), asOf, people, orgs, report)));
      return planned;
    }
    if (round.status === 'open') {
      await store.consultations.close(SCHEDULER_ACTOR, round, silentOrgs(tally));
      const closed = (await store.consultations.get(round._id)) ?? round;
      tally = tallyRound(closed, await store.consultations.entries(round._id), orgList, asOf);
      report.closed.push(round._id);
    }
    const secretariat = people.filter((p) => p.active && p.role === 'secretariat');
    if (!secretariat.length) logger.warn({ roundId: round._id }, 'consultation closed but nobody on the roster is Secretariat: no digest sent');
    return secretariat.map((p) => ({ key: `consult|${round._id}|digest|${p._id}`, kind: 'consult-digest', to: personRecipient(p), meta: { roundId: round._id }, message: () => digestMessage(tally, p) }));
  }

  /** Proposals and decisions of the last `FOLLOW_UP_MS` whose channel post has not gone out yet. */
  async function planAnnouncements(products: ProductDoc[], asOf: Date): Promise<Planned[]> {
    const since = asOf.getTime() - FOLLOW_UP_MS;
    const out: Planned[] = [];
    for (const p of products.filter((x) => x.updatedAt.getTime() >= since)) {
      for (const e of p.stageHistory.filter((x) => ['proposed', 'adopted', 'returned', 'rejected'].includes(x.stage) && x.at.getTime() >= since && x.revision > 1)) {
        const round = e.stage === 'proposed' ? (await store.consultations.forProduct(p._id))[0] : undefined;
        const roundLine = round ? `${round._id}, ${countsLine(tallyRound(round, await store.consultations.entries(round._id), await store.organisations.list({ includeInactive: true }), asOf))}` : undefined;
        for (const ch of channelsOf(config)) out.push(announcement(p, e, ch, roundLine));
      }
    }
    const docs = new Map((await store.deliveries.getMany(out.map((o) => o.key))).map((d) => [d._id, d]));
    return out.filter((o) => !docs.get(o.key) || !isSettledDelivery(docs.get(o.key)!, clock.now()));
  }

  function announcement(p: ProductDoc, e: ProductDoc['stageHistory'][number], ch: Extract<Recipient, { kind: 'channel' }>, roundLine?: string): Planned {
    return { key: `product|${p._id}|r${e.revision}|${ch.platform}:${ch.channel}`, kind: 'product-stage', to: ch, meta: { productId: p._id, stage: e.stage }, message: () => announcementMessage(p, e, roundLine) };
  }

  async function deliver(items: Planned[], report: ConsultationJobReport): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const item = items[next++]!;
        const outcome = await ledger.deliverOnce(item.key, { kind: item.kind, recipient: item.to, meta: item.meta }, () => notifier.send(item.to, item.message()));
        report.outcomes.push({ key: item.key, outcome });
      }
    };
    await Promise.all(Array.from({ length: Math.min(4, items.length) }, worker));
  }

  return {
    async run(asOf: Date): Promise<ConsultationJobReport> {
      const report: ConsultationJobReport = { asOf, outcomes: [], closed: [], unreachable: [] };
      const rounds = await store.consultations.toProcess(new Date(asOf.getTime() - FOLLOW_UP_MS));
      const [people, orgs, products] = await Promise.all([store.people.list(), store.organisations.list({ includeInactive: true }), store.products.list()]);
      for (const round of rounds) {
        // One round failing (a bad document) must not hold up the others.
        try {
          await deliver(await planRound(round, asOf, people, orgs, report), report);
        } catch (err) {
          logger.error({ err, roundId: round._id }, 'consultation round job failed; the next run will try again');
        }
      }
      await deliver(await planAnnouncements(products, asOf), report);
      if (report.outcomes.length || report.closed.length) logger.info({ asOf, sent: report.outcomes.length, closed: report.closed }, 'consultation run');
      return report;
    },

    /** Posts a stage change to the Support Group channel(s) now; failures are retried by `run`. */
    async announce(p: ProductDoc, e: ProductDoc['stageHistory'][number], roundLine?: string): Promise<DeliveryOutcome[]> {
      const report: ConsultationJobReport = { asOf: clock.now(), outcomes: [], closed: [], unreachable: [] };
      await deliver(channelsOf(config).map((ch) => announcement(p, e, ch, roundLine)), report);
      return report.outcomes.map((o) => o.outcome);
    },
  };
}
export type ConsultationJobs = ReturnType<typeof createConsultationJobs>;
