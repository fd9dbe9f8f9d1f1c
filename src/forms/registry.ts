import type { Actor } from '../domain/actor';
import type { FormDef, FormId } from './form';
import { meetingForm } from './meeting.form';
import { needForm } from './need.form';
import { nilReturnForm } from './nil-return.form';
import { responseForm } from './response.form';
import { updateForm } from './update.form';

export const FORMS: Record<FormId, FormDef> = {
  update: updateForm as unknown as FormDef,
  need: needForm as unknown as FormDef,
  response: responseForm as unknown as FormDef,
  'nil-return': nilReturnForm as unknown as FormDef,
  meeting: meetingForm as unknown as FormDef,
};

export function getForm(id: string): FormDef | undefined {
  return Object.prototype.hasOwnProperty.call(FORMS, id) ? FORMS[id as FormId] : undefined;
}

/** The forms this person may fill in (a donor is not offered needs; only the Secretariat records meetings). */
export function formsFor(actor: Actor): FormDef[] {
  return Object.values(FORMS).filter((f) => f.allowed(actor));
}
