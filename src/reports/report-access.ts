import type { Actor } from '../domain/actor';
import { canRunReports, canSeeStatusOf } from '../domain/permissions';
import { forbidden } from '../errors';
import type { ReportId } from '../render/report-model';

/**
 * Who may run which report (DOMAIN.md, "Sensitivity"): the Secretariat and the Board run every
 * report; a member may run `status` for their own organisation only. The rules themselves live in
 * src/domain/permissions.ts.
 */
export type ReportScope = { kind: 'all' } | { kind: 'own-organisation'; orgCode: string } | { kind: 'none' };

export function reportScope(actor: Actor, id: ReportId): ReportScope {
  if (canRunReports(actor)) return { kind: 'all' };
  if (id === 'status' && actor.role === 'member' && canSeeStatusOf(actor, actor.orgCode)) return { kind: 'own-organisation', orgCode: actor.orgCode };
  return { kind: 'none' };
}

/** Polite refusal text, or null when the person may run the report (for `orgCode` if given). */
export function refusal(actor: Actor, id: ReportId, orgCode?: string): string | null {
  const scope = reportScope(actor, id);
  if (scope.kind === 'all') return null;
  if (scope.kind === 'own-organisation') {
    return !orgCode || orgCode === scope.orgCode ? null : 'Sorry, you can see the status of your own organisation only. Type *report status* for it.';
  }
  return actor.role === 'member'
    ? `Sorry, the *${id}* report is for the IISG Secretariat and the Board. You can run *report status* for your own organisation.`
    : 'Sorry, reports are for the IISG Secretariat and the Board.';
}

/** For the builders: the same check, thrown, so a report cannot be built past it by mistake. */
export function assertMayRun(actor: Actor, id: ReportId, orgCode?: string): ReportScope {
  const why = refusal(actor, id, orgCode);
  if (why) throw forbidden(why.replace(/^Sorry, /, ''));
  return reportScope(actor, id);
}
