import type { BotMessage, Button, ChoiceOption, QuestionView } from '../../../src/messages/bot-message';
import { clip, LIMITS, splitText } from './limits';
import { toMrkdwn, toPlainText } from './mrkdwn';
import type { ActionsBlock, ActionsBlockElement, KnownBlock, PlainTextOption, SectionBlock, SlackButton } from './slack-types';

/** Adapter-internal action ids (never sent to the core as such). */
export const SLACK_ACTIONS = {
  /** A multi-select in a chat question: Slack reports every change; the answer goes with "Done". */
  pick: 'slack.pick',
  multiDone: 'slack.multi-done',
  /** Opens a draft as a modal where no trigger_id was at hand (a typed message). */
  openForm: 'slack.open-form',
} as const;

/** Block id of a chat question's inputs: carries the draft and field the answer belongs to. */
export const questionBlockId = (q: Pick<QuestionView, 'draftId' | 'field'>) => clip(`q|${q.draftId}|${q.field}`, LIMITS.blockId);
export function parseQuestionBlockId(blockId: string): { draftId: string; field: string } | undefined {
  const m = /^q\|([^|]+)\|([^|]+)$/.exec(blockId);
  return m ? { draftId: m[1]!, field: m[2]! } : undefined;
}

/** Slack wants action ids unique within a block: repeats get "#2", "#3"; `baseAction` strips that. */
export const baseAction = (actionId: string) => actionId.replace(/#\d+$/, '');

const mrkdwnSection = (text: string): SectionBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const plain = (text: string, max: number) => ({ type: 'plain_text' as const, text: clip(toPlainText(text), max), emoji: true });

export function optionObject(o: ChoiceOption): PlainTextOption {
  return { text: plain(o.label, LIMITS.optionText), value: clip(o.value, LIMITS.optionValue) };
}

export function buttonElement(b: Button, actionId: string): SlackButton {
  return {
    type: 'button',
    action_id: clip(actionId, LIMITS.actionId),
    text: plain(b.label, LIMITS.buttonText),
    ...(b.value !== undefined ? { value: clip(b.value, LIMITS.buttonValue) } : {}),
    ...(b.style ? { style: b.style } : {}),
  };
}

/** Buttons in rows of at most 25, each action id unique within its block. */
export function buttonBlocks(buttons: Button[], blockIdPrefix?: string): ActionsBlock[] {
  const out: ActionsBlock[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.elementsPerActions) {
    const used = new Map<string, number>();
    const elements = buttons.slice(i, i + LIMITS.elementsPerActions).map((b) => {
      const n = (used.get(b.action) ?? 0) + 1;
      used.set(b.action, n);
      return buttonElement(b, n === 1 ? b.action : `${b.action}#${n}`);
    });
    out.push({ type: 'actions', elements, ...(blockIdPrefix ? { block_id: clip(`${blockIdPrefix}${i}`, LIMITS.blockId) } : {}) });
  }
  return out;
}

/**
 * A question's native input: up to 5 options as buttons, more as a select, several answers as a
 * multi-select with a "Done" button, a date as a date picker. Typing the answer always works too.
 */
export function questionBlocks(q: QuestionView): ActionsBlock[] {
  const block_id = questionBlockId(q);
  const options = q.options ?? [];
  if (options.length && options.length <= LIMITS.options) {
    if (q.multi) {
      const current = new Set((q.current ?? '').split(/,\s*/).filter(Boolean));
      const initial = options.filter((o) => current.has(o.value)).map(optionObject);
      const pick: ActionsBlockElement = {
        type: 'multi_static_select',
        action_id: SLACK_ACTIONS.pick,
        placeholder: plain('Pick one or more', LIMITS.placeholder),
        options: options.map(optionObject),
        ...(initial.length ? { initial_options: initial } : {}),
      };
      const done = buttonElement({ label: 'Done', action: SLACK_ACTIONS.multiDone, value: `${q.draftId}|${q.field}`, style: 'primary' }, SLACK_ACTIONS.multiDone);
      return [{ type: 'actions', block_id, elements: [pick, done] }];
    }
    if (options.length <= 5) {
      const buttons = options.map((o) => ({ label: o.label, action: 'form.answer', value: `${q.draftId}|${q.field}|${o.value}` }));
      return buttonBlocks(buttons).map((b) => ({ ...b, block_id }));
    }
    const initial = options.find((o) => o.value === q.current);
    return [
      {
        type: 'actions',
        block_id,
        elements: [
          {
            type: 'static_select',
            action_id: 'form.answer',
            placeholder: plain('Pick one', LIMITS.placeholder),
            options: options.map(optionObject),
            ...(initial ? { initial_option: optionObject(initial) } : {}),
          },
        ],
      },
    ];
  }
  if (q.kind === 'date') {
    const initial = q.current && /^\d{4}-\d{2}-\d{2}$/.test(q.current) ? { initial_date: q.current } : {};
    return [{ type: 'actions', block_id, elements: [{ type: 'datepicker', action_id: 'form.answer', placeholder: plain('Pick a date', LIMITS.placeholder), ...initial }] }];
  }
  return [];
}

/** Label/value pairs: short ones side by side (10 per section), long ones on their own. */
function fieldBlocks(fields: NonNullable<BotMessage['fields']>): SectionBlock[] {
  const out: SectionBlock[] = [];
  let row: { type: 'mrkdwn'; text: string }[] = [];
  const flush = () => {
    if (row.length) out.push({ type: 'section', fields: row });
    row = [];
  };
  for (const f of fields) {
    const text = `*${toMrkdwn(f.label)}*\n${toMrkdwn(f.value || '—')}`;
    if (text.length <= 200) {
      row.push({ type: 'mrkdwn', text });
      if (row.length === LIMITS.fieldsPerSection) flush();
      continue;
    }
    flush();
    for (const piece of splitText(text, LIMITS.sectionText)) out.push(mrkdwnSection(piece));
  }
  flush();
  return out;
}

/** One neutral message as Block Kit blocks. Call `finalizeMessage` first (Kosovo*, footnote). */
export function messageBlocks(m: BotMessage): KnownBlock[] {
  const blocks: KnownBlock[] = splitText(toMrkdwn(m.text), LIMITS.sectionText).filter((t) => t.trim()).map(mrkdwnSection);
  if (m.fields?.length) blocks.push(...fieldBlocks(m.fields));
  if (m.question) blocks.push(...questionBlocks(m.question));
  if (m.buttons?.length) blocks.push(...buttonBlocks(m.buttons));
  if (m.footnote) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(toMrkdwn(m.footnote), LIMITS.contextText) }] });
  return blocks;
}

/** Several messages as one block list (an ephemeral answer, the home tab), within `max` blocks. */
export function combinedBlocks(messages: BotMessage[], max: number = LIMITS.blocksPerMessage): KnownBlock[] {
  const out: KnownBlock[] = [];
  for (const [i, m] of messages.entries()) {
    const blocks = messageBlocks(m);
    if (i > 0 && blocks.length) blocks.unshift({ type: 'divider' });
    if (out.length + blocks.length > max - 1) {
      out.push(mrkdwnSection('_(There is more: ask me in a direct message.)_'));
      break;
    }
    out.push(...blocks);
  }
  return out;
}

/** The notification/preview text that goes with the blocks. */
export function fallbackText(messages: BotMessage[]): string {
  return clip(messages.map((m) => toMrkdwn(m.text)).join('\n'), LIMITS.fallbackText) || ' ';
}
