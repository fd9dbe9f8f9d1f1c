import type { ProductDoc } from '../db/models/product.model';
import { parseDate } from '../forms/parse-date';

/**
 * How the Secretariat names a product in a command: its id (PR-012, or just 12) or a few words of
 * its title ("response mapping methodology"). Words match whole title words, in any order, ignoring
 * case and accents; a prefix of a word counts ("method resp").
 */
export type ProductMatch = { product: ProductDoc } | { none: string } | { several: ProductDoc[] };

const ID_RE = /^(?:PR-?)?(\d{1,4})$/i;

function words(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export function findProduct(products: ProductDoc[], ref: string): ProductMatch {
  const text = ref.trim();
  if (!text) return { none: 'Which product? Give its id (e.g. *PR-009*) or a few words of its title. Type *products* to see the list.' };
  const id = ID_RE.exec(text);
  if (id) {
    const wanted = `PR-${id[1]!.padStart(3, '0')}`;
    const p = products.find((x) => x._id === wanted);
    return p ? { product: p } : { none: `There is no product *${wanted}*. Type *products* to see the list.` };
  }
  const query = words(text);
  const scored = products.filter((p) => {
    const title = words(p.title);
    return query.every((q) => title.some((t) => t === q || (q.length >= 4 && t.startsWith(q))));
  });
  if (scored.length === 1) return { product: scored[0]! };
  const exact = scored.filter((p) => words(p.title).join(' ') === query.join(' '));
  if (exact.length === 1) return { product: exact[0]! };
  if (!scored.length) return { none: `No product title contains "${text}". Type *products* to see the list.` };
  return { several: scored };
}

export function ambiguityText(several: ProductDoc[]): string {
  return `Which one?\n${several.map((p) => `• *${p._id}* ${p.title}`).join('\n')}\nGive the id, e.g. *${several[0]!._id}*.`;
}

/**
 * Splits "<product words> [by|until] <date>" into the product reference and the date, trying the
 * longest date at the end first ("15 January 2027", "Jan 15 2027", "2027-01-15", "15.1.2027").
 */
export function splitTrailingDate(args: string[], now: Date, timeZone: string): { ref: string; date?: string } {
  for (const n of [3, 2, 1]) {
    if (args.length <= n) continue;
    const date = parseDate(args.slice(-n).join(' '), now, timeZone);
    if (!date) continue;
    const rest = args.slice(0, -n);
    if (rest.length > 1 && /^(by|until|deadline|till)$/i.test(rest.at(-1)!)) rest.pop();
    return { ref: rest.join(' '), date };
  }
  return { ref: args.join(' ') };
}
