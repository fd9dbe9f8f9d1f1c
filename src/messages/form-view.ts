import type { ChoiceOption } from './bot-message';

/**
 * A whole form, ready for a platform to render as one screen (Slack modal, Teams Adaptive Card,
 * console page). Derived from the form's zod schema and field metadata; errors sit on their field.
 */
export interface FormFieldView {
  name: string;
  kind: string;
  label: string;
  help?: string;
  example?: string;
  optional: boolean;
  multiline: boolean;
  maxLength?: number;
  options?: ChoiceOption[];
  multi: boolean;
  /** Current value as the platform input expects it: text, a code, or codes. */
  value?: string | string[];
  error?: string;
}

export interface FormView {
  formId: string;
  draftId: string;
  title: string;
  intro: string;
  submitLabel: string;
  fields: FormFieldView[];
  /** Errors not tied to one field. */
  formError?: string;
  footnote?: string;
}
