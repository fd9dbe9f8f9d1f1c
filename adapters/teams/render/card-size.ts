import { smallPrint, type AdaptiveCard, type CardElement } from './card';

/**
 * Teams refuses a bot message over 100 KB counted in UTF-16 (413 MessageSizeTooBig) and recommends
 * keeping it within 80 KB (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/format-your-bot-messages).
 * A card's JSON of 36,000 characters is 72 KB in UTF-16, which leaves room for the activity around it.
 */
export const CARD_BUDGET_CHARS = 36_000;
export const SHORTENED_NOTE = 'This message was shortened to fit in Teams.';
/** A text is never cut below this, so every part of the message still says what it is about. */
const KEEP = 200;

interface Slot {
  get(): string;
  set(text: string): void;
}

/** Every long text of the card: TextBlocks and facts' values, in the body and nested containers. */
function textSlots(elements: CardElement[]): Slot[] {
  const out: Slot[] = [];
  for (const el of elements) {
    if (el.type === 'TextBlock' && typeof el.text === 'string') out.push({ get: () => el.text as string, set: (t) => (el.text = t) });
    if (el.type === 'FactSet' && Array.isArray(el.facts)) {
      for (const fact of el.facts as { value: string }[]) out.push({ get: () => fact.value, set: (t) => (fact.value = t) });
    }
    if (Array.isArray(el.items)) out.push(...textSlots(el.items as CardElement[]));
  }
  return out;
}

/**
 * The card itself when it fits; otherwise a copy that does, with a note saying it was shortened:
 * first the longest texts are cut (each to no less than 200 characters), then, when the text is many
 * short lines, its last lines are dropped. Facts, buttons, inputs and the footnote are kept whole.
 */
export function fitCard(card: AdaptiveCard, budget: number = CARD_BUDGET_CHARS): AdaptiveCard {
  if (JSON.stringify(card).length <= budget) return card;
  const copy = structuredClone(card);
  const note = smallPrint(SHORTENED_NOTE);
  const run = copy.body.findIndex((el) => el.type !== 'TextBlock'); // the message text: the leading TextBlocks
  const textEnd = run < 0 ? Math.max(1, copy.body.length - 1) : Math.max(1, run);
  copy.body.splice(textEnd, 0, note);
  const size = () => JSON.stringify(copy).length;
  const slots = textSlots(copy.body.filter((el) => el !== note));
  while (size() > budget) {
    const longest = slots.reduce<Slot | undefined>((a, s) => (!a || s.get().length > a.get().length ? s : a), undefined);
    const text = longest?.get() ?? '';
    if (!longest || text.length <= KEEP) break;
    longest.set(`${text.slice(0, Math.max(KEEP, text.length - (size() - budget) - 16)).trimEnd()}…`);
  }
  // Still too big: many short lines. Drop the text's last lines, keeping its first.
  while (size() > budget && copy.body.indexOf(note) > 1) copy.body.splice(copy.body.indexOf(note) - 1, 1);
  return copy;
}
