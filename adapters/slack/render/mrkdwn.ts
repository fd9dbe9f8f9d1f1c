/**
 * The core's tiny markdown (*bold*, _italic_, "• " bullets, <url|label>) is already Slack's mrkdwn
 * syntax; what remains is escaping. `&`, `<` and `>` are escaped everywhere except in links the core
 * wrote on purpose, so text a person typed can never become `<!channel>` or a user mention.
 */
const LINK = /<((?:https?:\/\/|mailto:)[^\s<>|]+)(?:\|([^<>]*))?>/g;

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function toMrkdwn(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(LINK)) {
    out += escape(text.slice(last, m.index));
    out += `<${m[1]}${m[2] !== undefined ? `|${escape(m[2])}` : ''}>`;
    last = m.index + m[0].length;
  }
  return out + escape(text.slice(last));
}

/** Plain text (notification previews, plain_text elements): links shown as their label. */
export function toPlainText(text: string): string {
  return text.replace(LINK, (_all, url: string, label?: string) => label ?? url);
}
