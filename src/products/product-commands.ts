import { PRODUCT_KINDS } from '../config/vocabulary';
import type { CommandSpec } from '../conversation/command-registry';
import { say, type Reply } from '../conversation/reply';
import type { ProductDoc } from '../db/models/product.model';
import type { Store } from '../db/store';
import { longDate } from '../domain/quarter';
import { REPORT_FORMATS, type ReportFormat } from '../render/render-report';
import type { Clock } from '../support/clock';
import { statusMessage } from './consultation-messages';
import { parseDate } from '../forms/parse-date';
import { countsLine } from './tally';
import { productDetailMessage, productListMessage } from './product-messages';
import { ambiguityText, findProduct, splitTrailingDate } from './product-ref';
import type { ProductsService } from './products.service';
import { DECISIONS, productLine, type Decision } from './stages';

/**
 * The chat commands of products and consultations. Secretariat-only commands say so in `access`,
 * so the router refuses members politely and help lists them only for the Secretariat.
 */
export interface ProductCommandDeps {
  service: ProductsService;
  store: Store;
  clock: Clock;
  timezone: string;
}

const FORMATS = REPORT_FORMATS.filter((f) => f !== 'png' && f !== 'json');

export function productCommands(deps: ProductCommandDeps): CommandSpec[] {
  const specs: CommandSpec[] = [];
  const { service, store, clock, timezone } = deps;

  /** Runs `then` with the product named by `ref`, or answers which one / none. */
  async function withProduct(ref: string, then: (p: ProductDoc) => Promise<Reply>): Promise<Reply> {
    const found = findProduct(await service.list(), ref);
    if ('none' in found) return say(found.none);
    if ('several' in found) return say(ambiguityText(found.several));
    return then(found.product);
  }

  /** A round id (CR-2026-001) or a product, whose latest round is meant. */
  async function withRound(ref: string, then: (roundId: string) => Promise<Reply>): Promise<Reply> {
    if (/^CR-\d{4}-\d+$/i.test(ref.trim())) return then(ref.trim().toUpperCase());
    return withProduct(ref, async (p) => {
      const round = (await store.consultations.forProduct(p._id))[0];
      return round ? then(round._id) : say(`*${p._id} ${p.title}* has not been consulted on yet. Open a round with *consult ${p._id}*.`);
    });
  }

  specs.push({
    name: 'products',
    aliases: ['product list'],
    summary: 'the Support Group products (methodologies, reports…) by stage',
    usage: 'products',
    run: async () => say(productListMessage(await service.list(), await store.consultations.openRounds(), timezone)),
  });
  specs.push({
    name: 'product',
    summary: 'one product and its stage history, e.g. product PR-009',
    usage: 'product <id>',
    run: async (_a, args) =>
      withProduct(args.join(' '), async (p) => say(productDetailMessage(p, await store.consultations.forProduct(p._id), timezone))),
  });
  specs.push({
    name: 'product add',
    access: 'secretariat',
    summary: `add a product (kinds: ${PRODUCT_KINDS.codes.join(', ')})`,
    usage: 'product add <kind> <title>',
    run: async (actor, [kind, ...title]) => {
      if (!kind || !(PRODUCT_KINDS.codes as readonly string[]).includes(kind.toLowerCase()) || !title.length)
        return say(`Please give the kind (${PRODUCT_KINDS.codes.join(', ')}) and the title, e.g. *product add methodology Methodology on risk analysis*.`);
      const p = await service.add(actor, { kind: kind.toLowerCase() as ProductDoc['kind'], title: title.join(' ') });
      return say(`Added *${p._id}* ${productLine(p)}, stage drafting. Set its link with *product set ${p._id} link <url>*.`);
    },
  });
  specs.push({
    name: 'product set',
    access: 'secretariat',
    summary: 'change a product’s title, kind, version or link, or the date and decision reference of its stage',
    usage: 'product set <id> title|kind|version|link|date|reference <value>',
    run: async (actor, [id, field, ...value]) => {
      const v = value.join(' ').trim();
      const usage = say('For example: *product set PR-009 version 2.0*, *product set PR-009 link https://…*, *product set PR-001 date 12.6.2024*, *product set PR-001 reference IISG Board 2024/02*.');
      if (!id || !field || !v) return usage;
      return withProduct(id, async (p) => {
        const f = field.toLowerCase();
        if (f === 'date' || f === 'reference') {
          const date = f === 'date' ? parseDate(v, clock.now(), timezone) : undefined;
          if (f === 'date' && !date) return say(`"${v.slice(0, 40)}" is not a date I can read; for example 12.6.2024 or 2024-06-12.`);
          if (f === 'reference' && v.length > 100) return say('That reference is too long.');
          const next = await service.setStageRecord(actor, p, f === 'date' ? { date: date! } : { reference: v });
          return say(productDetailMessage(next, await store.consultations.forProduct(p._id), timezone));
        }
        if (f === 'link' && !/^https?:\/\/\S+$/i.test(v)) return say('The link must be a web address starting with https://.');
        if (f === 'kind' && !(PRODUCT_KINDS.codes as readonly string[]).includes(v.toLowerCase())) return say(`The kind is one of: ${PRODUCT_KINDS.codes.join(', ')}.`);
        if ((f === 'version' && v.length > 20) || (f === 'title' && v.length > 200)) return say(`That ${f} is too long.`);
        if (!['title', 'kind', 'version', 'link'].includes(f)) return usage;
        const next = await service.update(actor, p._id, { [f]: f === 'kind' ? v.toLowerCase() : v });
        return say(`*${next._id}* is now ${productLine(next)}${next.link ? ` <${next.link}|document>` : ''}.`);
      });
    },
  });
  specs.push({
    name: 'product propose',
    access: 'secretariat',
    audience: 'group',
    summary: 'record that the Support Group proposes a product to the IISG Board (posted to the group’s channel)',
    usage: 'product propose <product>',
    run: async (actor, args) =>
      withProduct(args.join(' '), async (p) => {
        const { product, posted } = await service.propose(actor, p);
        return say(`*${product._id} ${product.title}* is now proposed to the IISG Board. ${posted}`);
      }),
  });
  specs.push({
    name: 'product decide',
    access: 'secretariat',
    audience: 'group',
    summary: 'record the Board’s decision: adopted, returned or rejected, with its reference',
    usage: 'product decide <product> adopted|returned|rejected [reference]',
    run: async (actor, args) => {
      const at = args.findIndex((a) => (DECISIONS as readonly string[]).includes(a.toLowerCase()));
      if (at < 1) return say('For example: *product decide PR-009 adopted IISG Board 2027/03* (or *returned*, *rejected*).');
      const reference = args.slice(at + 1).join(' ').trim();
      return withProduct(args.slice(0, at).join(' '), async (p) => {
        const { product, posted } = await service.decide(actor, p, args[at]!.toLowerCase() as Decision, reference || undefined);
        return say(`Recorded: the IISG Board has ${product.stage === 'returned' ? 'returned' : product.stage} *${product._id} ${product.title}*${reference ? ` (reference ${reference})` : ''}. ${posted}`);
      });
    },
  });
  specs.push({
    name: 'consult',
    access: 'secretariat',
    summary: 'ask every member organisation about a product by a deadline (default 10 working days)',
    usage: 'consult <product> [deadline]',
    run: async (actor, args) => {
      const { ref, date } = splitTrailingDate(args, clock.now(), timezone);
      return withProduct(ref, async (p) => {
        const round = await service.openRound(actor, p, date);
        return {
          messages: [
            {
              text: `Consultation *${round._id}* on *${p.title}* is open until *${longDate(round.deadline)}*. I am asking the ${round.orgCodes.length} member organisations now${round.remindOn ? `; the silent ones get one reminder on ${longDate(round.remindOn)}` : ''}. Silence at the deadline counts as “no answer”. Type *consult status ${p._id}* to follow the answers.`,
            },
          ],
          later: async () => sentSummary(round._id),
        };
      });
    },
  });
  specs.push({
    name: 'consult status',
    access: 'secretariat',
    summary: 'the answers so far in a product’s consultation',
    usage: 'consult status <product>',
    run: async (actor, args) =>
      withRound(args.join(' '), async (id) => {
        const round = (await store.consultations.get(id))!;
        return say(statusMessage(await service.tally(round), actor.timezone ?? timezone));
      }),
  });
  specs.push({
    name: 'consult export',
    access: 'secretariat',
    summary: 'a consultation’s answers and comments as a file (xlsx, csv or md)',
    usage: 'consult export <product> [xlsx|csv|md]',
    run: async (actor, args) => {
      const last = args.at(-1)?.toLowerCase();
      const format = (FORMATS as readonly string[]).includes(last ?? '') ? (last as ReportFormat) : 'xlsx';
      const ref = (FORMATS as readonly string[]).includes(last ?? '') ? args.slice(0, -1) : args;
      return withRound(ref.join(' '), async (id) => ({ messages: [{ text: `Consultation ${id}, as ${format}.` }], files: await service.exportRound(actor, id, format) }));
    },
  });
  specs.push({
    name: 'consult close',
    access: 'secretariat',
    summary: 'close a consultation before its deadline (silence counts as “no answer”)',
    usage: 'consult close <product>',
    run: async (actor, args) =>
      withRound(args.join(' '), async (id) => {
        const t = await service.closeRound(actor, id);
        return say(`Consultation *${id}* on *${t.round.productTitle}* is closed. ${countsLine(t)}. Organisations that did not answer are recorded as “no answer”, never as agreement. The digest has gone to the IISG Secretariat.`);
      }),
  });
  specs.push({
    name: 'consult extend',
    access: 'secretariat',
    summary: 'give a consultation more time; the organisations still silent are told the new date',
    usage: 'consult extend <product> <new deadline>',
    run: async (actor, args) => {
      const { ref, date } = splitTrailingDate(args, clock.now(), timezone);
      if (!date) return say('Please give the product and the new deadline, e.g. *consult extend PR-009 30.1.2027*.');
      return withRound(ref, async (id) => {
        const { round, told } = await service.extendRound(actor, id, date);
        return say(`Consultation *${round._id}* on *${round.productTitle}* now closes on *${longDate(round.deadline)}*. ${told ? `I told the ${told === 1 ? 'one organisation' : `${told} organisations`} that have not answered yet.` : 'Nobody needed telling: every organisation that can be reached has answered.'}`);
      });
    },
  });
  specs.push({
    name: 'comment',
    access: 'members',
    summary: 'comment on a section of a document under consultation',
    usage: 'comment <consultation> <section>: <text>',
    run: async (actor, args) => say(await service.comment(actor, args.join(' '))),
  });

  /** After the `consult` reply: the requests go out now (the scheduler would send them within 15 minutes anyway). */
  async function sentSummary(roundId: string): Promise<Reply> {
    const report = await service.runConsultationJobs(clock.now());
    // From the ledger, not from this run's outcomes: a scheduler run may have sent some of them meanwhile.
    const mine = (await store.deliveries.list({ kind: 'consult-ask' })).filter((d) => d.meta.roundId === roundId);
    const orgs = new Set(mine.filter((d) => d.status === 'sent').map((d) => String(d.meta.orgCode)));
    const failed = mine.filter((d) => d.status !== 'sent').length;
    const names = new Map((await store.organisations.list()).map((o) => [o._id, o.shortName]));
    const nobody = report.unreachable.filter((u) => u.roundId === roundId).map((u) => names.get(u.orgCode) ?? u.orgCode);
    const lines = [`${roundId}: requests sent to ${orgs.size} organisation(s).`];
    if (failed) lines.push(`${failed} message(s) are not delivered yet; I will keep trying.`);
    if (nobody.length) lines.push(`Nobody on the roster can answer for: ${nobody.join(', ')}. Add their focal points (*wbbsi roster import*) and the next run asks them.`);
    return say(lines.join('\n'));
  }
  return specs;
}
