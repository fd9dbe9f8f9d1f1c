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
  if (m.question?.options?.length) body.push(...questionInput(m.question));
  const buttons = (m.buttons ?? []).map((b) => submitAction(b.label, { verb: 'action', id: b.action, ...(b.value !== undefined ? { value: b.value } : {}) }, { style: b.style }));
  const actions = [...buttons, ...(extra.actions ?? [])];
  if (actions.length) body.push({ type: 'ActionSet', actions });
  if (m.footnote) body.push(smallPrint(m.footnote));
  return fitCard(adaptiveCard(body));
}

function questionInput(q: QuestionView): CardElement[] {
  const options = q.options ?? [];
  const current = q.current
    ?.split(/\s*,\s*/)
    .filter((c) => options.some((o) => o.value === c))
    .join(',');
  return [
    {
      type: 'Input.ChoiceSet',
      id: CHOICE_INPUT,
      label: q.label,
      style: options.length > 5 ? 'compact' : 'expanded',
      isMultiSelect: Boolean(q.multi),
      choices: options.map((o) => ({ title: o.label, value: o.value })),
      ...(current ? { value: current } : {}),
    },
    {
      type: 'ActionSet',
      actions: [submitAction(q.multi ? 'Send my choices' : 'Send', { verb: 'answer', draftId: q.draftId, field: q.field }, { style: 'primary', withInputs: true })],
    },
  ];
}
