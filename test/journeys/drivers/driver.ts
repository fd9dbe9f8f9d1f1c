import type { Role } from '../../../src/config/vocabulary';
import type { ManualClock } from '../../../src/support/clock';
import type { TestApp } from '../../support/test-app';

export type Surface = 'slack' | 'teams' | 'console';

/** A whole form the bot opened (Slack modal, Teams form card, console form), as the person sees it. */
export interface SeenForm {
  title: string;
  /** Field names the form has inputs for. */
  fields: string[];
  /** Problems shown on the form, by field. */
  errors: Record<string, string>;
  /** What each input holds as shown (text, or the chosen options' codes). */
  values: Record<string, string | string[]>;
  /** Everything the form says: intro, labels, hints. */
  text: string;
  /** Surface-specific: what is needed to submit it (the view, the card, the draft id). */
  ref: unknown;
}

/** One thing the bot showed the person: a message (with its buttons), a form, files. */
export interface Seen {
  text: string;
  /** Labels of the buttons (and choices offered as buttons) the person can click. */
  buttons: string[];
  form?: SeenForm;
  files: string[];
  /** This is the message the person clicked, updated in place (an answered question, its buttons gone). */
  replaced?: boolean;
  /** Surface-specific: what is needed to click a button on it (the posted blocks, the card). */
  ref: unknown;
}

export interface PersonSpec {
  name: string;
  email: string;
  orgCode: string;
  role?: Role;
}

export interface Person extends Required<PersonSpec> {
  personId: string;
  /** The id the platform knows them by (Slack user id, AAD object id, roster id). */
  platformId: string;
}

/**
 * How a person uses one surface: type, click what the bot sent, fill in what it opened, read what
 * it sent on its own. Each driver sends exactly what the platform sends (signed Slack requests, Bot
 * Framework activities, the console's HTTP API) and reads exactly what the bot sent back.
 */
export interface Driver {
  readonly surface: Surface;
  readonly t: TestApp;
  readonly clock: ManualClock;
  /** Adds the person to the roster with this surface's id (and installs the bot for them where needed). */
  join(p: PersonSpec): Promise<Person>;
  /**
   * Types text. `how`: 'chat' talks in the direct conversation (forms step by step where the
   * surface does that), 'form' where a surface opens whole forms (Slack's slash command).
   */
  say(p: Person, text: string, how?: 'chat' | 'form'): Promise<Seen[]>;
  /** Clicks the button with this label on one of these messages (the last that has it). */
  click(p: Person, on: Seen[], label: string | RegExp): Promise<Seen[]>;
  /** Fills in the form (field → text, or choice label(s)) and submits it. */
  submit(p: Person, form: SeenForm, values: Record<string, string | string[]>): Promise<Seen[]>;
  /** Messages the bot sent this person on its own since the last look. */
  inbox(p: Person): Promise<Seen[]>;
  stop(): Promise<void>;
}

export const textOf = (seen: Seen[]) => seen.map((s) => s.text).join('\n');

/**
 * Text as a person reads it, the same on every surface: emphasis markers removed (Slack and the
 * console write *bold*, Teams **bold**), the Kosovo* asterisk kept (it follows a letter).
 */
export function readable(text: string): string {
  return text
    .replace(/(^|[\s(“"])\*\*(\S(?:[^*\n]*?\S)?)\*\*(?=$|[\s.,:;!?)”"])/gm, '$1$2')
    .replace(/(^|[\s(“"])\*(\S(?:[^*\n]*?\S)?)\*(?=$|[\s.,:;!?)”"])/gm, '$1$2')
    .replace(/(^|[\s(])_(\S(?:[^_\n]*?\S)?)_(?=$|[\s.,:;!?)])/gm, '$1$2');
}

/** The message carrying this button (the last one), or a failure listing what there was. */
export function withButton(on: Seen[], label: string | RegExp): Seen {
  const match = (b: string) => (typeof label === 'string' ? b === label : label.test(b));
  const hit = [...on].reverse().find((s) => s.buttons.some(match));
  if (!hit) throw new Error(`no button ${String(label)}; the bot showed:\n${on.map((s) => `${s.text.slice(0, 200)} [${s.buttons.join(' | ')}]`).join('\n') || '(nothing)'}`);
  return hit;
}

export const buttonLabel = (on: Seen, label: string | RegExp) => on.buttons.find((b) => (typeof label === 'string' ? b === label : label.test(b)))!;

/** The form among these, or a failure. */
export function formIn(seen: Seen[]): SeenForm {
  const f = seen.map((s) => s.form).filter(Boolean).at(-1);
  if (!f) throw new Error(`no form was opened; the bot showed:\n${textOf(seen) || '(nothing)'}`);
  return f;
}

/**
 * Every action id carried by a button or card action any driver was shown, in this test file: each
 * must have a handler in the core (checked after the journeys, see run-journeys.ts).
 */
export const shownActions = new Set<string>();

let n = 0;
/** A unique id for this run (Slack and Teams ids, e-mails). */
export const unique = (prefix: string) => `${prefix}${Date.now().toString(36).toUpperCase()}${(n += 1)}`;
