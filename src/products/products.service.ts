import type { ServiceDeps } from '../module';
import type { ConsultationAnswer, ConsultationRoundDoc } from '../db/models/consultation.model';
import type { ProductDoc } from '../db/models/product.model';
import type { ProductInput, ProductPatch } from '../db/repositories/products.repository';
import type { Actor } from '../domain/actor';
import { classificationRefusal, findClassificationMarking } from '../domain/classification';
import { canManageProducts, reportsQuarterly } from '../domain/permissions';
import { localDate, longDate, zonedTime } from '../domain/quarter';
import { AppError, forbidden } from '../errors';
import type { BotFile, BotMessage } from '../messages/bot-message';
import { createDeliveryLedger, type DeliveryOutcome, type LedgerOptions } from '../notify/delivery-ledger';
import { zoneOf } from '../notify/recipients';
import { renderReport, type ReportFormat } from '../render/render-report';
import { roundDates } from './consultation-calendar';
import { channelsOf, createConsultationJobs } from './consultation-jobs';
import { answerAck, answerButtons, commentHowTo } from './consultation-messages';
import { consultationReport } from './consultation-report';
import { SEED_ACTOR, SEED_PRODUCTS } from './seed-products';
import { whyNotMove, type Decision } from './stages';
import { countsLine, silentOrgs, tallyRound, type RoundTally } from './tally';

/**
 * Products and consultation rounds: what the chat commands, the buttons and the scheduler call.
 * Expected refusals are AppErrors with a polite message (the conversation shows them as replies).
 */
export type ProductsServiceDeps = ServiceDeps;

const MAX_COMMENT = 3000;
const refuse = (text: string) => new AppError('BAD_REQUEST', text);

export function createProductsService(deps: ProductsServiceDeps, options: { ledger?: LedgerOptions } = {}) {
  const { config, store, clock, calendar } = deps;
  const ledger = createDeliveryLedger(deps, options.ledger);
  const jobs = createConsultationJobs({ ...deps, ledger, calendar });
  const tz = (actor: Actor) => zoneOf(actor, config.timezone);
  const manage = (actor: Actor) => {
    if (!canManageProducts(actor)) throw forbidden('only the IISG Secretariat manages products and consultations.');
  };

  async function tally(round: ConsultationRoundDoc): Promise<RoundTally> {
    return tallyRound(round, await store.consultations.entries(round._id), await store.organisations.list({ includeInactive: true }), clock.now());
  }

  /** The round a member speaks in: an open round their organisation was invited to. */
  async function roundFor(actor: Actor, roundId: string): Promise<ConsultationRoundDoc> {
    const round = await store.consultations.get(roundId);
    if (!round) throw refuse('I could not find that consultation. Type *help* to see what you can do.');
    if (actor.role !== 'member' || !round.orgCodes.includes(actor.orgCode))
      throw forbidden(`only the member organisations consulted in ${round._id} can answer it.`);
    if (round.status === 'closed' || clock.now() >= round.closesAt)
      throw refuse(`The consultation ${round._id} on *${round.productTitle}* closed on ${longDate(round.deadline)}, so nothing was recorded. Please write to the IISG Secretariat directly.`);
    return round;
  }

  /** Announces a stage change now; says in one sentence where it was posted. */
  async function announce(p: ProductDoc, roundLine?: string): Promise<string> {
    const channels = channelsOf(config);
    if (!channels.length) return 'No Support Group channel is configured (SLACK_CHANNEL / TEAMS_CHANNEL), so nothing was posted.';
    const outcomes: DeliveryOutcome[] = await jobs.announce(p, p.stageHistory.at(-1)!, roundLine);
    const where = channels.map((c) => `${c.platform === 'slack' ? 'Slack' : 'Teams'} ${c.channel}`).join(' and ');
    return outcomes.every((o) => o.status === 'sent' || o.status === 'already-sent') ? `Posted to the Support Group channel (${where}).` : `I could not post to ${where} yet; I will keep trying.`;
  }

  async function latestRoundLine(productId: string): Promise<string | undefined> {
    const round = (await store.consultations.forProduct(productId))[0];
    return round ? `${round._id}, ${countsLine(await tally(round))}` : undefined;
  }

  return {
    ledger,

    /** The initial list from the WBBSi page, once (first start); returns how many were loaded. */
    seed: () => store.products.seed(SEED_ACTOR, SEED_PRODUCTS),
    list: () => store.products.list(),
    get: (id: string) => store.products.get(id),
    tally,
    runConsultationJobs: (asOf: Date) => jobs.run(asOf),

    add: (actor: Actor, input: ProductInput) => store.products.create(actor, input),
    update: (actor: Actor, id: string, patch: ProductPatch) => store.products.update(actor, id, patch),

    async openRound(actor: Actor, product: ProductDoc, deadline?: string): Promise<ConsultationRoundDoc> {
      manage(actor);
      const why = whyNotMove(product, 'consultation');
      if (why) throw refuse(why);
      const open = (await store.consultations.forProduct(product._id)).find((r) => r.status === 'open');
      if (open) throw refuse(`Consultation ${open._id} on *${product.title}* is already open until ${longDate(open.deadline)}. Type *consult status ${product._id}* for the answers so far.`);
      const now = clock.now();
      if (deadline && deadline <= localDate(now, config.timezone)) throw refuse(`The deadline must be after today; ${longDate(deadline)} is not.`);
      const dates = roundDates(now, deadline, config.timezone, calendar);
      const orgCodes = (await store.organisations.list()).filter(reportsQuarterly).map((o) => o._id);
      const id = await store.consultations.nextId();
      // The stage move goes first: of two Secretariat members opening a round at once, one wins it.
      await store.products.setStage(actor, product._id, 'consultation', { expectRevision: product.revision, roundId: id, note: `answers due ${dates.deadline}` });
      return store.consultations.open(actor, id, {
        productId: product._id,
        productTitle: product.title,
        productKind: product.kind,
        productVersion: product.version,
        ...(product.link ? { productLink: product.link } : {}),
        deadline: dates.deadline,
        closesAt: dates.closesAt,
        ...(dates.remindOn ? { remindOn: dates.remindOn } : {}),
        orgCodes,
      });
    },

    async answer(actor: Actor, roundId: string, answer: ConsultationAnswer): Promise<BotMessage> {
      const round = await roundFor(actor, roundId);
      const previous = (await store.consultations.entries(round._id)).filter((e) => e.orgCode === actor.orgCode && e.kind === 'answer').at(-1)?.answer;
      await store.consultations.addAnswer(round._id, actor.orgCode, actor, answer);
      const org = (await store.organisations.get(actor.orgCode))?.shortName ?? actor.orgCode;
      return answerAck(round, org, answer, previous, tz(actor));
    },

    async commentHelp(actor: Actor, roundId: string): Promise<BotMessage> {
      return { text: commentHowTo(await roundFor(actor, roundId), tz(actor)) };
    },

    /** `comment [CR-2026-001] <section>: <text>`; the round may be left out when only one is open for the organisation. */
    async comment(actor: Actor, text: string): Promise<BotMessage> {
      const m = /^(?:(CR-\d{4}-\d+)\s+)?(?:section\s+|§\s*)?([^:]{1,40}?)\s*:\s*(\S[\s\S]*)$/i.exec(text.trim());
      const given = /^(CR-\d{4}-\d+)\b/i.exec(text.trim())?.[1];
      let roundId = m?.[1] ?? given;
      if (!roundId) {
        const mine = (await store.consultations.openRounds()).filter((r) => r.orgCodes.includes(actor.orgCode) && clock.now() < r.closesAt);
        if (!mine.length) throw refuse('There is no open consultation for your organisation.');
        if (mine.length > 1) throw refuse(`Which consultation? ${mine.map((r) => `*${r._id}* (${r.productTitle})`).join(', ')}. For example: *comment ${mine[0]!._id} 2.1: your comment*.`);
        roundId = mine[0]!._id;
      }
      const round = await roundFor(actor, roundId);
      if (!m) return { text: commentHowTo(round, tz(actor)) };
      const comment = m[3]!.trim();
      const marking = findClassificationMarking(comment);
      if (marking) throw new AppError('CLASSIFIED', classificationRefusal(marking));
      if (comment.length > MAX_COMMENT) throw refuse(`That comment is ${comment.length} characters long; please keep each under ${MAX_COMMENT} and send the rest as another comment.`);
      const raw = m[2]!.trim();
      const section = /^(general|gen|all|whole|overall)$/i.test(raw) ? 'general' : raw;
      await store.consultations.addComment(round._id, actor.orgCode, actor, section, comment);
      const mine = (await store.consultations.entries(round._id)).filter((e) => e.orgCode === actor.orgCode);
      const org = (await store.organisations.get(actor.orgCode))?.shortName ?? actor.orgCode;
      const count = mine.filter((e) => e.kind === 'comment').length;
      const lines = [`Thank you. Your comment on ${section === 'general' ? 'the document as a whole' : `section ${section}`} is recorded for ${org} (${count} so far). Send more the same way: *comment ${round._id} <section>: <text>*.`];
      if (!mine.some((e) => e.kind === 'answer')) return { text: [...lines, `${org} has not answered yet: agree, agree with comments, or object?`].join('\n'), buttons: answerButtons(round._id).slice(0, 3) };
      return { text: lines.join('\n') };
    },

    async propose(actor: Actor, product: ProductDoc, note?: string): Promise<{ product: ProductDoc; posted: string }> {
      manage(actor);
      const why = whyNotMove(product, 'proposed');
      if (why) throw refuse(why);
      const open = (await store.consultations.forProduct(product._id)).find((r) => r.status === 'open');
      if (open) throw refuse(`Consultation ${open._id} is open until ${longDate(open.deadline)}; propose *${product._id}* to the Board once it has closed.`);
      const next = await store.products.setStage(actor, product._id, 'proposed', { expectRevision: product.revision, ...(note ? { note } : {}) });
      return { product: next, posted: await announce(next, await latestRoundLine(product._id)) };
    },

    async decide(actor: Actor, product: ProductDoc, decision: Decision, reference?: string): Promise<{ product: ProductDoc; posted: string }> {
      manage(actor);
      const why = whyNotMove(product, decision);
      if (why) throw refuse(why);
      const next = await store.products.setStage(actor, product._id, decision, { expectRevision: product.revision, ...(reference ? { reference } : {}) });
      return { product: next, posted: await announce(next) };
    },

    /**
     * Closes an open round before its deadline: silence is recorded as "no answer" (never as
     * agreement) and the Secretariat gets the digest now.
     */
    async closeRound(actor: Actor, roundId: string): Promise<RoundTally> {
      manage(actor);
      const round = await store.consultations.get(roundId);
      if (!round) throw refuse('I could not find that consultation.');
      if (round.status === 'closed') throw refuse(`Consultation ${round._id} is already closed (${longDate(round.deadline)}).`);
      const early = await store.consultations.closeEarly(actor, round);
      await store.consultations.close(actor, early, silentOrgs(await tally(early)));
      await jobs.run(clock.now()); // the digest, through the ledger (exactly once)
      return tally((await store.consultations.get(round._id))!);
    },

    /** Gives an open round a later deadline; everyone still silent is told the new date once. */
    async extendRound(actor: Actor, roundId: string, deadline: string): Promise<{ round: ConsultationRoundDoc; told: number }> {
      manage(actor);
      const round = await store.consultations.get(roundId);
      if (!round) throw refuse('I could not find that consultation.');
      if (round.status === 'closed' || clock.now() >= round.closesAt) throw refuse(`Consultation ${round._id} has closed; open a new round with *consult ${round.productId}*.`);
      if (deadline <= round.deadline) throw refuse(`The new deadline must be after the current one, ${longDate(round.deadline)}.`);
      const dates = roundDates(clock.now(), deadline, config.timezone, calendar);
      const extended = await store.consultations.extend(actor, round, dates);
      const report = await jobs.run(clock.now());
      // Organisations told now (keys: consult|<round>|extend-<deadline>|<org>|<person>).
      const told = new Set(report.outcomes.filter((o) => o.key.startsWith(`consult|${round._id}|extend-${deadline}|`) && o.outcome.status === 'sent').map((o) => o.key.split('|')[3])).size;
      return { round: extended, told };
    },

    /** The real date and/or decision reference of a product's current stage (e.g. a seed adopted before the bot). */
    async setStageRecord(actor: Actor, product: ProductDoc, patch: { date?: string; reference?: string }): Promise<ProductDoc> {
      manage(actor);
      if (patch.date && patch.date > localDate(clock.now(), config.timezone)) throw refuse('That date is in the future; give the day the stage was reached.');
      if (patch.reference && findClassificationMarking(patch.reference)) throw new AppError('CLASSIFIED', classificationRefusal(findClassificationMarking(patch.reference)!));
      return store.products.amendStage(actor, product._id, { expectRevision: product.revision, ...(patch.date ? { at: zonedTime(patch.date, 12, 0, config.timezone) } : {}), ...(patch.reference ? { reference: patch.reference } : {}) });
    },

    /** The digest of a round as files (open rounds give the tally so far). */
    async exportRound(actor: Actor, roundId: string, format: ReportFormat): Promise<BotFile[]> {
      manage(actor);
      const round = await store.consultations.get(roundId);
      if (!round) throw refuse('I could not find that consultation.');
      const report = consultationReport(await tally(round), clock.now(), config.timezone);
      return (await renderReport(report, format)).map((f) => ({ ...f, name: f.name.replace('wbbsi-consultation', `wbbsi-consultation-${round._id.toLowerCase()}`) }));
    },
  };
}
export type ProductsService = ReturnType<typeof createProductsService>;
