import { textBlock, type CardElement } from './card';

/**
 * Our tiny markdown (*bold*, _italic_, "• " bullets, newlines, <url|label>) as Adaptive Card
 * TextBlock markdown. A lone asterisk (Kosovo*) is left alone: bold needs a pair that opens after a
 * space and closes before one.
 */
export function toCardMarkdown(text: string): string {
  return text
    .replace(/<(https?:\/\/[^|>\s]+)\|([^>]+)>/g, (_m, url: string, label: string) => `[${label}](${url})`)
    .replace(/<(https?:\/\/[^|>\s]+)>/g, '$1')
    .replace(/(^|[\s(["'“])\*([^*\n]+?)\*(?=$|[\s).,;:!?'"”\]])/gm, '$1**$2**');
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
