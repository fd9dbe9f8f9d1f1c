import type { CheckinDoc } from '../db/models/checkin.model';
import type { OrganisationDoc } from '../db/models/organisation.model';
import { reportsQuarterly } from '../domain/permissions';

/** Where each reporting organisation stands for a quarter, from its check-in (absence = overdue once asked). */
export interface QuarterStatus {
  reported: OrganisationDoc[];
  nilReturn: OrganisationDoc[];
  exempt: OrganisationDoc[];
  overdue: OrganisationDoc[];
  /** Why the Secretariat exempted each exempt organisation (by code), when it said so. */
  reasons: Record<string, string>;
}

export function quarterStatus(quarter: string, organisations: OrganisationDoc[], checkins: CheckinDoc[]): QuarterStatus {
  const state = new Map(checkins.filter((c) => c.quarter === quarter).map((c) => [c.orgCode, c.state]));
  const status: QuarterStatus = { reported: [], nilReturn: [], exempt: [], overdue: [], reasons: {} };
  for (const c of checkins) if (c.quarter === quarter && c.state === 'exempt' && c.note) status.reasons[c.orgCode] = c.note;
  const members = organisations.filter((o) => o.active && reportsQuarterly(o)).sort((a, b) => a.shortName.localeCompare(b.shortName));
  for (const o of members) {
    const s = state.get(o._id);
    (s === 'submitted' ? status.reported : s === 'nil-return' ? status.nilReturn : s === 'exempt' ? status.exempt : status.overdue).push(o);
  }
  return status;
}
