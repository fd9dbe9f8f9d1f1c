import { NEUTRAL_LINK, safeLinkParts } from '../../../src/messages/links';
import { textBlock, type CardElement } from './card';

/** A `[label](url)` a person typed stays text: the core never writes card markdown links itself. */
const inert = (s: string) => s.replace(/\]\(/g, ']\u200B(');
const cardLabel = (s: string) => s.replace(/[[\]]/g, '');

/**
 * Our tiny markdown (*bold*, _italic_, "• " bullets, newlines, <url|label>) as Adaptive Card
 * TextBlock markdown. A lone asterisk (Kosovo*) is left alone: bold needs a pair that opens after a
 * space and closes before one. A link whose label is not its address shows its host too
 * (src/messages/links.ts), so text a person typed cannot hide where a link goes.
 */
export function toCardMarkdown(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(NEUTRAL_LINK)) {
    out += inert(text.slice(last, m.index));
    const url = m[1]!;
    out += m[2] === undefined ? url : safeLinkParts(url, m[2]).map((p) => ('url' in p ? `[${cardLabel(p.label)}](${p.url})` : inert(p.text))).join('');
    last = m.index + m[0].length;
  }
  out += inert(text.slice(last));
  return out.replace(/(^|[\s(["'“])\*([^*\n]+?)\*(?=$|[\s).,;:!?'"”\]])/gm, '$1**$2**');
}

/**
 * One TextBlock per line: a single newline inside a TextBlock is not reliably a line break in Teams,
 * and separate blocks keep bullets and headings on their own lines. A blank line becomes a gap.
 */
export function textBlocks(text: string): CardElement[] {
  const out: CardElement[] = [];
  let gap = false;
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) {
      gap = out.length > 0;
      continue;
    }
    out.push(textBlock(toCardMarkdown(line), out.length === 0 ? {} : { spacing: gap ? 'Medium' : 'None' }));
    gap = false;
  }
  return out;
}
