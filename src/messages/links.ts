/**
 * Links in the neutral text (`<url|label>`, see bot-message.ts), shared by every renderer. The core
 * writes links there, but so can a person: text they typed (a meeting title, an update summary)
 * is quoted in messages as is, and `<https://evil.example|Agenda>` typed into a title would become
 * a link that hides where it goes. Renderers cannot tell who wrote a link, so every link keeps its
 * destination visible: a label that is not the address (or its host) is followed by the host, and
 * the link sits on the host. Mentions need no rule here: renderers escape `<`, `>` and `&`.
 */
export const NEUTRAL_LINK = /<((?:https?:\/\/|mailto:)[^\s<>|]+)(?:\|([^<>]*))?>/g;

/** Where a link goes, as people recognise it: the host (without www.), or the e-mail address. */
export function linkHost(url: string): string {
  if (url.toLowerCase().startsWith('mailto:')) return url.slice('mailto:'.length).split('?')[0]!;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

const bare = (s: string) => s.trim().toLowerCase().replace(/^(https?:\/\/|mailto:)/, '').replace(/^www\./, '').replace(/\/$/, '');

/** True when the label already shows the destination (it is the address, or its host). */
export function labelShowsDestination(url: string, label: string | undefined): boolean {
  if (label === undefined || !label.trim()) return true;
  const l = bare(label);
  return l === bare(url) || l === linkHost(url).toLowerCase();
}

export type LinkPart = { text: string } | { url: string; label: string };

/**
 * A link as a renderer should show it: the link itself (with its label when that shows the
 * destination), or the label as text followed by a link on the host, e.g. `Agenda (evil.example)`.
 */
export function safeLinkParts(url: string, label: string | undefined): LinkPart[] {
  if (labelShowsDestination(url, label)) return [{ url, label: label?.trim() ? label : url }];
  return [{ text: `${label!} (` }, { url, label: linkHost(url) }, { text: ')' }];
}
