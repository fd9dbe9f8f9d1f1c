import type { Actor } from './actor';

/**
 * The sensitivity rules of DOMAIN.md, in one place. Repositories call these; adapters never decide.
 *  - Secretariat: sees and validates everything; runs reports; manages the roster.
 *  - Western Balkan partner: edits its own records; reads adopted needs of all.
 *  - Donor or agency: edits its own responses; reads adopted needs.
 *  - Board: reads reports and submitted records.
 *  - Drafts: their author's organisation and the Secretariat only.
 */
export type RecordType = 'update' | 'need' | 'response';

export interface RecordAccessView {
  type: RecordType;
  orgCode: string;
  data: { status?: unknown };
  /** The record's own status: a withdrawn record is its organisation's and the Secretariat's only. */
  status?: string;
}

export const isSecretariat = (a: Actor) => a.role === 'secretariat';
export const isBoard = (a: Actor) => a.role === 'board';

export function canReadRecord(a: Actor, r: RecordAccessView): boolean {
  if (isSecretariat(a) || r.orgCode === a.orgCode) return true;
  if (r.status === 'withdrawn') return false;
  if (isBoard(a)) return true;
  return r.type === 'need' && (r.data.status === 'adopted' || r.data.status === 'closed');
}

/** Which forms a person may fill in, by role and organisation type. */
export function formsAllowed(a: Actor): RecordType[] {
  if (a.role === 'observer' || a.role === 'board') return [];
  if (isSecretariat(a)) return ['update', 'need', 'response'];
  if (a.orgType === 'wb-partner') return ['update', 'need'];
  // Donors, agencies, member states, international and regional organisations: they give assistance.
  return ['update', 'response'];
}

export function canCreateRecord(a: Actor, type: RecordType): boolean {
  return formsAllowed(a).includes(type);
}

export function canEditRecord(a: Actor, r: RecordAccessView): boolean {
  if (isSecretariat(a)) return true;
  return r.orgCode === a.orgCode && formsAllowed(a).includes(r.type);
}

/** A record entered by mistake is withdrawn by its organisation or the Secretariat; only the Secretariat restores it. */
export const canWithdrawRecord = canEditRecord;
export const canRestoreRecord = isSecretariat;

/** Exempting an organisation from a quarter's report is the Secretariat's. */
export const canExempt = isSecretariat;

export function canReadDraft(a: Actor, d: { orgCode: string }): boolean {
  return isSecretariat(a) || d.orgCode === a.orgCode;
}

export const canManageRoster = isSecretariat;
export const canManageMeetings = isSecretariat;
export const canManageProducts = isSecretariat;
/** The whole audit log (by record, person, dates). A record's own history follows canReadRecord. */
export const canReadAudit = isSecretariat;
export const canRunReports = (a: Actor) => isSecretariat(a) || isBoard(a);

/** Members may see the status grid of their own organisation only. */
export function canSeeStatusOf(a: Actor, orgCode: string): boolean {
  return canRunReports(a) || a.orgCode === orgCode;
}

/** Whether this person's organisation owes a quarterly report (the Secretariat itself does not). */
export function reportsQuarterly(org: { type: string; reporting?: boolean }): boolean {
  return org.reporting !== false && org.type !== 'secretariat';
}
