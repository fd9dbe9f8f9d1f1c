/** One input's state as Slack sends it in `view.state.values[block_id][action_id]`. */
export interface SlackStateValue {
  type?: unknown;
  value?: unknown;
  selected_option?: unknown;
  selected_options?: unknown;
  selected_date?: unknown;
}
export type SlackStateValues = Record<string, Record<string, SlackStateValue>>;

export type RawAnswers = Record<string, string | string[] | undefined>;

const optionValue = (o: unknown): string | undefined => {
  const v = (o as { value?: unknown } | null | undefined)?.value;
  return typeof v === 'string' ? v : undefined;
};

/** One input's value the way the core reads it: text, a code, codes, YYYY-MM-DD; undefined if unknown. */
export function stateValue(s: SlackStateValue): string | string[] | undefined {
  switch (s.type) {
    case 'plain_text_input':
    case 'number_input':
    case 'url_text_input':
    case 'email_text_input':
      return typeof s.value === 'string' ? s.value : '';
    case 'static_select':
    case 'radio_buttons':
      return optionValue(s.selected_option) ?? '';
    case 'multi_static_select':
      return Array.isArray(s.selected_options) ? s.selected_options.map(optionValue).filter((v): v is string => v !== undefined) : [];
    case 'checkboxes':
      return Array.isArray(s.selected_options) && s.selected_options.length ? 'yes' : '';
    case 'datepicker':
      return typeof s.selected_date === 'string' ? s.selected_date : '';
    default:
      return undefined;
  }
}

/**
 * `view.state.values` → the `raw` map the form engine takes (`{ field: string | string[] }`).
 * Block ids are field names (see render/modal.ts); an emptied input comes back as '' (or []) so the
 * engine clears it. Anything that is not shaped like an input is ignored.
 */
export function rawFromViewState(values: unknown): RawAnswers {
  const raw: RawAnswers = Object.create(null) as RawAnswers;
  if (!values || typeof values !== 'object') return raw;
  for (const [blockId, actions] of Object.entries(values as Record<string, unknown>)) {
    if (!actions || typeof actions !== 'object') continue;
    const state = (actions as Record<string, unknown>)[blockId];
    if (!state || typeof state !== 'object') continue;
    const v = stateValue(state as SlackStateValue);
    if (v !== undefined) raw[blockId] = v;
  }
  return raw;
}
