import type { BotMessage, QuestionView } from '../../../src/messages/bot-message';
import { adaptiveCard, smallPrint, submitAction, type AdaptiveCard, type CardElement } from './card';
import { fitCard } from './card-size';
import { textBlocks, toCardMarkdown } from './markdown';

/** Input id of a question's choice list; its value comes back with the `answer` submit. */
export const CHOICE_INPUT = 'choice';

/**
 * A BotMessage (already passed through finalizeMessage) as an Adaptive Card: text, facts, a
 * question's choice list with its own submit button, the buttons, the footnote in small print;
 * shortened when it would be over Teams' message size limit.
 */
export function messageCard(m: BotMessage, extra: { actions?: CardElement[] } = {}): AdaptiveCard {
  const body: CardElement[] = [...textBlocks(m.text)];
  if (m.fields?.length) {
    body.push({ type: 'FactSet', facts: m.fields.map((f) => ({ title: toCardMarkdown(f.label), value: toCardMarkdown(f.value) })) });
  }
  if (m.question) body.push(...questionInput(m.question));
  const buttons = (m.buttons ?? []).map((b) => submitAction(b.label, { verb: 'action', id: b.action, ...(b.value !== undefined ? { value: b.value } : {}) }, { style: b.style }));
  const actions = [...buttons, ...(extra.actions ?? [])];
  if (actions.length) body.push({ type: 'ActionSet', actions });
  if (m.footnote) body.push(smallPrint(m.footnote));
  return fitCard(adaptiveCard(body));
}

/** A few single choices are one tap each (no pick-then-Send); longer lists and several answers use a choice set. */
const ONE_TAP = 5;

/**
 * A question's native input, without a second label (the question text above already says it):
 * up to five choices as one-tap buttons, a date as a date picker, longer lists as a choice set.
 */
function questionInput(q: QuestionView): CardElement[] {
  const options = q.options ?? [];
  const answer = { verb: 'answer' as const, draftId: q.draftId, field: q.field };
  if (options.length && options.length <= ONE_TAP && !q.multi) {
    return [{ type: 'ActionSet', actions: options.map((o) => submitAction(o.label, { ...answer, [CHOICE_INPUT]: o.value })) }];
  }
  if (!options.length && q.kind === 'date') {
    const current = q.current && /^\d{4}-\d{2}-\d{2}$/.test(q.current) ? { value: q.current } : {};
    return [
      { type: 'Input.Date', id: CHOICE_INPUT, ...current },
      { type: 'ActionSet', actions: [submitAction('Send', answer, { style: 'primary', withInputs: true })] },
    ];
  }
  if (!options.length) return [];
  const current = q.current
    ?.split(/\s*,\s*/)
    .filter((c) => options.some((o) => o.value === c))
    .join(',');
  return [
    {
      type: 'Input.ChoiceSet',
      id: CHOICE_INPUT,
      style: options.length > ONE_TAP ? 'compact' : 'expanded',
      isMultiSelect: Boolean(q.multi),
      choices: options.map((o) => ({ title: o.label, value: o.value })),
      ...(current ? { value: current } : {}),
    },
    {
      type: 'ActionSet',
      actions: [submitAction(q.multi ? 'Send my choices' : 'Send', answer, { style: 'primary', withInputs: true })],
    },
  ];
}
