import type { ChatInput } from '../../../src/conversation/reply';
import { baseAction, parseQuestionBlockId, SLACK_ACTIONS } from '../render/blocks';
import { stateValue, type SlackStateValues } from './view-state';

/** The parts of one `actions[]` element of a block_actions payload that we read. */
export interface SlackElementAction {
  type?: unknown;
  action_id?: unknown;
  block_id?: unknown;
  value?: unknown;
  selected_option?: unknown;
  selected_options?: unknown;
  selected_date?: unknown;
}

export type ParsedAction =
  | { kind: 'core'; input: Required<Pick<ChatInput, 'action'>> }
  | { kind: 'open-form'; draftId: string }
  /** Nothing to do (a multi-select changed; the answer comes with "Done"). */
  | { kind: 'ignore' };

/**
 * A click or a pick → the core's `{ action: { id, value } }`. Buttons carry the core's action and
 * value verbatim; a select or date picker in a chat question becomes `form.answer` with
 * `draftId|field|code(s)` built from the block id; "Done" reads the multi-select from `state`.
 */
export function actionInput(action: SlackElementAction, state?: SlackStateValues): ParsedAction {
  const actionId = typeof action.action_id === 'string' ? baseAction(action.action_id) : '';
  const blockId = typeof action.block_id === 'string' ? action.block_id : '';
  if (!actionId || actionId === SLACK_ACTIONS.pick) return { kind: 'ignore' };
  if (actionId === SLACK_ACTIONS.openForm) return typeof action.value === 'string' ? { kind: 'open-form', draftId: action.value } : { kind: 'ignore' };
  if (actionId === SLACK_ACTIONS.multiDone) {
    const q = parseQuestionBlockId(blockId);
    const picked = q ? state?.[blockId]?.[SLACK_ACTIONS.pick] : undefined;
    const codes = picked ? stateValue({ ...picked, type: 'multi_static_select' }) : [];
    if (!q) return { kind: 'ignore' };
    return { kind: 'core', input: { action: { id: 'form.answer', value: `${q.draftId}|${q.field}|${[codes ?? []].flat().join(',')}` } } };
  }
  if (action.type === 'button') return { kind: 'core', input: { action: { id: actionId, value: typeof action.value === 'string' ? action.value : '' } } };
  const picked = stateValue(action as Parameters<typeof stateValue>[0]);
  const q = parseQuestionBlockId(blockId);
  if (actionId === 'form.answer' && q && picked !== undefined) {
    return { kind: 'core', input: { action: { id: 'form.answer', value: `${q.draftId}|${q.field}|${[picked].flat().join(',')}` } } };
  }
  return { kind: 'ignore' };
}
