/**
 * Block Kit limits we render against (https://docs.slack.dev/reference/block-kit). Slack rejects a
 * whole message or view when one element is over a limit, so every renderer clips to these.
 */
export const LIMITS = {
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  contextText: 3000,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  elementsPerActions: 25,
  optionText: 75,
  optionValue: 150,
  options: 100,
  placeholder: 150,
  blocksPerMessage: 50,
  blocksPerView: 100,
  viewTitle: 24,
  viewButton: 24,
  inputLabel: 2000,
  hint: 2000,
  plainTextInput: 3000,
  headerText: 150,
  privateMetadata: 3000,
  callbackId: 255,
  /** `text` of chat.postMessage is shown in notifications; Slack truncates long ones anyway. */
  fallbackText: 3000,
} as const;

/** Shortens to at most `max` characters, marking the cut with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** Splits a long text into pieces of at most `max` characters, preferring line breaks. */
export function splitText(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = rest.lastIndexOf('\n', max);
    const at = cut > max / 2 ? cut : max;
    out.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^\n/, '');
  }
  if (rest.length || !out.length) out.push(rest);
  return out;
}
