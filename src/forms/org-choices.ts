import type { ChoiceOption } from '../messages/bot-message';
import type { FieldMeta } from './field';

/**
 * Organisations are picked from the roster, by name. A field that may name someone outside it
 * (a response's providers: "German government") also offers this entry, and its companion text
 * field (`meta.other`) holds the names.
 */
export const OTHER_ORG: ChoiceOption = { value: 'OTHER', label: 'Other (not in the roster)' };

export function orgChoices(meta: Pick<FieldMeta, 'other'>, organisations: ChoiceOption[]): ChoiceOption[] {
  return meta.other ? [...organisations, OTHER_ORG] : organisations;
}
