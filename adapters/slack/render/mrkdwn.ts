import { NEUTRAL_LINK as LINK, safeLinkParts } from '../../../src/messages/links';

/**
 * The core's tiny markdown (*bold*, _italic_, "• " bullets, <url|label>) is already Slack's mrkdwn
 * syntax; what remains is escaping. `&`, `<` and `>` are escaped everywhere except in links, so text
 * a person typed can never become `<!channel>` or a user mention; and a link whose label is not its
 * address shows its host too (src/messages/links.ts), so a typed link cannot hide where it goes.
 */

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function toMrkdwn(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(LINK)) {
    out += escape(text.slice(last, m.index));
    const url = m[1]!;
    out += m[2] === undefined ? `<${url}>` : safeLinkParts(url, m[2]).map((p) => ('url' in p ? `<${p.url}|${escape(p.label)}>` : escape(p.text))).join('');
    last = m.index + m[0].length;
  }
  return out + escape(text.slice(last));
}

/** Plain text (notification previews, plain_text elements): links shown as their label. */
export function toPlainText(text: string): string {
  return text.replace(LINK, (_all, url: string, label?: string) => label ?? url);
}
