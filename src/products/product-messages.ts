import { PRODUCT_STAGES } from '../config/vocabulary';
import type { ConsultationRoundDoc } from '../db/models/consultation.model';
import type { ProductDoc, ProductStageEntry } from '../db/models/product.model';
import { localDate, longDate } from '../domain/quarter';
import type { BotMessage } from '../messages/bot-message';
import { kindLabel, productLine, stageLabel } from './stages';

/** `products`, `product <id>` and the Support Group channel posts of proposals and decisions. */
const day = (d: Date, tz: string) => longDate(localDate(d, tz)).replace(/^\w+ /, '');

/**
 * A step recorded without its real date: the initial list from the WBBSi page (loaded on first
 * start, marked `undated`; earlier installations recognised by the seed's note) until the
 * Secretariat sets the date with *product set <id> date …*.
 */
export const isUndated = (e: ProductStageEntry) => e.undated ?? (e.revision === 1 && e.by === 'system' && /\(initial list\)/.test(e.note ?? ''));

export function productListMessage(products: ProductDoc[], openRounds: ConsultationRoundDoc[], timezone: string): BotMessage {
  const rounds = new Map(openRounds.map((r) => [r.productId, r]));
  const sections = PRODUCT_STAGES.codes
    .map((stage) => {
      const here = products.filter((p) => p.stage === stage);
      if (!here.length) return null;
      const lines = here.map((p) => {
        const last = p.stageHistory.at(-1);
        const round = rounds.get(p._id);
        const extra = round ? `; answers due ${longDate(round.deadline)} (${round._id})` : !last ? '' : isUndated(last) ? '; date not recorded' : `; since ${day(last.at, timezone)}`;
        const link = p.link ? ` <${p.link}|document>` : '';
        return `• *${p._id}* ${productLine(p)}${extra}${link}`;
      });
      return `*${stageLabel(stage)}* (${here.length})\n${lines.join('\n')}`;
    })
    .filter((s): s is string => s !== null);
  if (!sections.length) return { text: 'There are no products yet.' };
  return { text: [`*WBBSi Support Group products* (${products.length}), by stage:`, ...sections, 'Type *product <id>* for the history of one product.'].join('\n\n') };
}

function entryLine(e: ProductStageEntry, timezone: string): string {
  const parts = [`${isUndated(e) ? 'Date not recorded' : day(e.at, timezone)}: *${stageLabel(e.stage)}*`, `by ${e.byName}`];
  if (e.reference) parts.push(`reference ${e.reference}`);
  if (e.roundId) parts.push(`consultation ${e.roundId}`);
  if (e.note) parts.push(e.note);
  return `• ${parts.join(' — ')}`;
}

export function productDetailMessage(p: ProductDoc, rounds: ConsultationRoundDoc[], timezone: string): BotMessage {
  const fields = [
    { label: 'Kind', value: kindLabel(p.kind) },
    { label: 'Version', value: p.version },
    { label: 'Stage', value: stageLabel(p.stage) },
    { label: 'Owner', value: p.ownerOrg },
    ...(p.link ? [{ label: 'Document', value: `<${p.link}|${p.link}>` }] : []),
    ...(rounds.length ? [{ label: 'Consultations', value: rounds.map((r) => `${r._id} (${r.status === 'open' ? `open until ${longDate(r.deadline)}` : `closed ${longDate(r.deadline)}`})`).join(', ') }] : []),
  ];
  return { text: [`*${p._id} ${p.title}*`, '*Stage history*', ...p.stageHistory.map((e) => entryLine(e, timezone))].join('\n'), fields };
}

/** Posted to the Support Group channel(s) when a product is proposed to the Board or decided. */
export function announcementMessage(p: Pick<ProductDoc, '_id' | 'title' | 'kind' | 'version' | 'link'>, e: ProductStageEntry, roundLine?: string): BotMessage {
  const name = `*${p._id} ${productLine(p)}*`;
  const ref = e.reference ? ` Decision reference: ${e.reference}.` : '';
  const text =
    e.stage === 'proposed'
      ? `${name} is proposed to the IISG Board by the Support Group.${roundLine ? `\nConsultation: ${roundLine}.` : ''}`
      : e.stage === 'adopted'
        ? `The IISG Board has *adopted* ${name}.${ref}`
        : e.stage === 'returned'
          ? `The IISG Board has *returned* ${name} for revision.${ref}`
          : `The IISG Board has *rejected* ${name}.${ref}`;
  const note = e.note ? `\n${e.note}` : '';
  const link = p.link ? `\n<${p.link}|Open the document>` : '';
  return { text: `${text}${note}${link}` };
}
