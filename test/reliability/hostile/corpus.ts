import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The hostile corpus: named strings and JSON values kept as data in test/fixtures/hostile, plus the
 * huge ones generated here. Builders per endpoint put them into every field that endpoint reads.
 */
const load = (name: string) => JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'hostile', name), 'utf8')) as Record<string, unknown>;

const withoutAbout = (o: Record<string, unknown>) => Object.entries(o).filter(([k]) => k !== '_about');

export const HOSTILE_STRINGS: [string, string][] = [
  ...(withoutAbout(load('strings.json')) as [string, string][]),
  ['huge-100kB', `Law on ${'very '.repeat(20_000)}long titles`],
  ['huge-lines', Array.from({ length: 5_000 }, (_, i) => `• line ${i}`).join('\n')],
];

export const HOSTILE_VALUES: [string, unknown][] = withoutAbout(load('values.json'));

/** Both, for fields that should take a string: every hostile string and every non-string value. */
export const HOSTILE_ANY: [string, unknown][] = [...HOSTILE_STRINGS, ...HOSTILE_VALUES];

/** Text that is still "hostile" when it reaches a chat platform (checked on everything the stand-ins received). */
export const FORBIDDEN_IN_SLACK: [string, RegExp][] = [
  ['a mass mention', /<!(channel|here|everyone)(\|[^>]*)?>/],
  ['a user group mention', /<!subteam\^/],
  ['a mention of a user or channel someone typed', /<[@#][A-Z0-9]+(\|[^>]*)?>/],
  ['raw HTML', /<(script|img)\b/i],
  ['a javascript: link', /<javascript:/i],
];
/**
 * What in a Teams activity would act on what someone typed: a mention needs an entity (on the
 * activity, or `msteams.entities` in a card), and a card link must not hide its destination. The
 * notification `summary` is plain text and not checked.
 */
export function teamsLeaks(body: Record<string, unknown>): string[] {
  const out: string[] = [];
  const entities = (body.entities as { type?: string }[] | undefined) ?? [];
  if (entities.some((e) => e.type === 'mention')) out.push('a mention entity on the activity');
  for (const a of (body.attachments as { content?: unknown }[] | undefined) ?? []) {
    const card = JSON.stringify(a.content ?? {});
    if (/"msteams":\{[^}]*"entities"/.test(card)) out.push('mention entities in a card');
    out.push(...disguisedCardLinks(card));
  }
  return out;
}

/** Every `<url|label>` in a Slack payload whose label hides where it goes. */
export function disguisedSlackLinks(payload: string): string[] {
  const out: string[] = [];
  for (const m of payload.matchAll(/<((?:https?:\/\/|mailto:)[^\s<>|"\\]+)\|([^<>"\\]*)>/g)) {
    const host = /^mailto:/i.test(m[1]!) ? m[1]!.slice(7) : new URL(m[1]!).hostname.replace(/^www\./, '');
    const label = m[2]!.trim().toLowerCase().replace(/^(https?:\/\/|mailto:)/, '').replace(/\/$/, '');
    if (label !== host.toLowerCase() && label !== m[1]!.toLowerCase().replace(/^(https?:\/\/|mailto:)/, '').replace(/\/$/, '')) out.push(m[0]);
  }
  return out;
}

/** Every `[label](url)` in a Teams payload whose label hides where it goes. */
export function disguisedCardLinks(payload: string): string[] {
  const out: string[] = [];
  for (const m of payload.matchAll(/\[([^[\]]*)\]\((https?:\/\/[^)\s"\\]+)\)/g)) {
    const host = new URL(m[2]!).hostname.replace(/^www\./, '');
    const label = m[1]!.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/$/, '');
    if (label !== host.toLowerCase() && label !== m[2]!.toLowerCase().replace(/^https?:\/\//, '').replace(/\/$/, '')) out.push(m[0]);
  }
  return out;
}

/** What the app says when something unexpected failed (a bug): hostile input must never cause it. */
export const GENERIC_ERROR = /Something went wrong on my side/;
