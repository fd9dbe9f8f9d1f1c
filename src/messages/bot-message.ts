/**
 * The platform-neutral message. The core says what to show; each adapter turns it into its own
 * format (Slack Block Kit, Teams Adaptive Card, console JSON). Text uses a tiny markdown subset
 * every platform renders: *bold*, _italic_, line breaks, "• " bullets, <url|label> links.
 */
export interface Button {
  label: string;
  /** Action id routed back to the core, e.g. "form.answer", "draft.continue", "nudge.snooze". */
  action: string;
  /** Opaque, short (< 2000 chars): ids the action needs. */
  value?: string;
  style?: 'primary' | 'danger';
}

export interface ChoiceOption {
  value: string;
  label: string;
}

/** A question that adapters may render as a native input (select, date picker). */
export interface QuestionView {
  formId: string;
  draftId: string;
  field: string;
  kind: string;
  label: string;
  help?: string;
  optional: boolean;
  options?: ChoiceOption[];
  multi?: boolean;
  current?: string;
}

export interface BotMessage {
  text: string;
  /** Label/value pairs, e.g. the review of a whole record. */
  fields?: { label: string; value: string }[];
  buttons?: Button[];
  question?: QuestionView;
  /** Small print under the message (the Kosovo* designation footnote). Set by `finalizeMessage`. */
  footnote?: string;
  /** Replaces a previous message where the platform can (e.g. an updated summary). */
  replaceKey?: string;
}

/** A file produced for a person (a report as XLSX/CSV/PNG). */
export interface BotFile {
  name: string;
  mimeType: string;
  content: Buffer;
  title?: string;
}
