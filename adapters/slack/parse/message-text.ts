/**
 * What the person typed, from the text Slack sends for messages and slash commands. Slack rewrites
 * links, mentions and the three characters & < > (https://api.slack.com/reference/surfaces/formatting):
 * a pasted link arrives as `<https://…>`, "example.org" as `<http://example.org|example.org>`,
 * an e-mail address as `<mailto:a@b.org|a@b.org>`, "Q&A" as `Q&amp;A`. Answers are stored as typed, so
 * a link field gets the link and a summary keeps its ampersands.
 */
export function typedText(slackText: string): string {
  return slackText
    .replace(/<([^<>]*)>/g, (_whole, inner: string) => {
      const bar = inner.indexOf('|');
      const target = bar === -1 ? inner : inner.slice(0, bar);
      const label = bar === -1 ? undefined : inner.slice(bar + 1);
      if (target.startsWith('@')) return label ? `@${label.replace(/^@/, '')}` : target; // <@U123> or <@U123|ana>
      if (target.startsWith('#')) return label ? `#${label}` : target; // <#C123|general>
      if (target.startsWith('!')) return label ?? `@${target.slice(1).split('^')[0]}`; // <!here>, <!date^…|fallback>
      if (target.startsWith('mailto:')) return label ?? target.slice('mailto:'.length);
      // A link: the label when the person wrote something else than the address itself.
      if (!label || label === target || label === target.replace(/^https?:\/\//i, '')) return target;
      return `${label} (${target})`;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
