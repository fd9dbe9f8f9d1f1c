import type { Actor } from '../domain/actor';
import { classificationRefusal, findClassificationMarking } from '../domain/classification';
import type { Calendar } from '../calendar/reporting-calendar';
import type { SinkMap, Submitter, SubmitResult } from '../conversation/submit-port';
import type { RecordType } from '../domain/permissions';
import type { Store } from '../db/store';
import { AppError } from '../errors';
import type { FieldErrors, FormDef } from '../forms/form';
import { validateForm, withDefaults } from '../forms/form';
import { choiceErrors } from '../forms/field-choices';
import { statusInText } from '../domain/need-chain';
import { OTHER_ORG } from '../forms/org-choices';
import type { Clock } from '../support/clock';

/**
 * Turns validated answers into records. Every path (chat, modal, card, console, CLI) ends here,
 * so validation, the classification refusal and the permission checks cannot be skipped.
 */
export function createSubmissionService(deps: { store: Store; clock: Clock; calendar: Calendar; sinks?: SinkMap }) {
  // Filled by the core from the feature modules (by reference: modules are assembled after this service).
  const sinks: SinkMap = deps.sinks ?? {};
  // A report sent in the grace period after a quarter (until its deadline) counts for that quarter.
  const reportingQuarter = () => deps.calendar.reportingQuarter(deps.clock.now());

  /** Checks the database can answer: needs linked must exist and be visible; organisations must exist. */
  async function crossCheck(actor: Actor, form: FormDef, data: Record<string, unknown>): Promise<FieldErrors> {
    const errors: FieldErrors = {};
    const needIds = [
      ...((data.relatedNeeds as string[] | undefined) ?? []),
      ...((data.needLinks as { needId: string }[] | undefined) ?? []).map((l) => l.needId),
    ];
    const unknownNeeds: string[] = [];
    for (const id of needIds) {
      const rec = await deps.store.records.get(actor, id);
      if (!rec || rec.type !== 'need' || rec.status === 'withdrawn') unknownNeeds.push(id);
    }
    if (unknownNeeds.length) {
      const field = 'needLinks' in form.fields ? 'needLinks' : 'relatedNeeds';
      errors[field] = `I cannot find ${unknownNeeds.join(', ')} among the needs you can see. Pick from the list, or type *needs* to look them up.`;
    }
    const orgFields = Object.entries(form.fields).filter(([n, f]) => f.meta.kind === 'orgs' && n in data).map(([n]) => n);
    const items = (data.actionItems as { ownerOrg: string }[] | undefined) ?? [];
    if (!orgFields.length && !items.length) return errors;
    const orgCodes = new Set((await deps.store.organisations.list({ includeInactive: true })).map((o) => o._id));
    for (const name of orgFields) {
      // "Other (not in the roster)" is a choice of its own; the names are in the field it points to.
      const other = form.fields[name]!.meta.other ? OTHER_ORG.value : undefined;
      const unknown = ((data[name] as string[] | undefined) ?? []).filter((c) => !orgCodes.has(c) && c !== other);
      if (unknown.length) errors[name] = `${unknown.join(', ')} ${unknown.length > 1 ? 'are not organisations' : 'is not an organisation'} in the roster.`;
    }
    const badOwners = items.filter((i) => !orgCodes.has(i.ownerOrg)).map((i) => i.ownerOrg);
    if (badOwners.length) errors.actionItems = `${[...new Set(badOwners)].join(', ')} is not an organisation in the roster.`;
    return errors;
  }

  const service = {
    crossCheck,

    /** Refuses classified text before anything is stored. */
    checkClassification(value: unknown): void {
      const marking = findClassificationMarking(value);
      if (marking) throw new AppError('CLASSIFIED', classificationRefusal(marking));
    },

    async submit(
      actor: Actor,
      form: FormDef,
      answers: Record<string, unknown>,
      opts: { recordId?: string; baseVersion?: number } = {},
    ): Promise<SubmitResult> {
      if (!form.allowed(actor)) throw new AppError('FORBIDDEN', `Sorry, your role does not allow ${form.title.toLowerCase()} submissions.`);
      const merged = withDefaults(form, actor, answers);
      service.checkClassification(merged);
      const v = validateForm(form, merged);
      if (!v.ok) return v;
      const before = opts.recordId ? await deps.store.records.get(actor, opts.recordId) : null;
      // Only the options this person may choose (a need's next status in the chain), on every surface.
      const errors = { ...choiceErrors(form, { actor, answers: v.data, ...(before ? { stored: before.data } : {}) }), ...(await crossCheck(actor, form, v.data)) };
      if (Object.keys(errors).length) return { ok: false, errors };
      const quarter = reportingQuarter();

      if (form.id === 'nil-return') {
        await deps.store.checkins.nilReturn(actor, quarter);
        return { ok: true, id: `${actor.orgCode}|${quarter}`, kind: 'nil-return', quarter };
      }
      const sink = sinks[form.id];
      if (sink) return { ok: true, quarter, ...(await sink(actor, v.data, opts)) };
      const type = form.id as RecordType;
      if (opts.recordId) {
        const rec = await deps.store.records.update(actor, opts.recordId, v.data, opts.baseVersion);
        const notice = rec.chain?.sentBack
          ? `Because the need itself changed, it goes back to the IISG Secretariat for validation (it was ${statusInText(rec.chain.from)}; that step stays in its history).`
          : undefined;
        return { ok: true, id: rec._id, kind: before && before.version === rec.version ? 'unchanged' : 'updated', version: rec.version, quarter: rec.quarter, ...(notice ? { notice } : {}) };
      }
      const rec = await deps.store.records.create(actor, type, v.data, { quarter });
      return { ok: true, id: rec._id, kind: 'created', version: 1, quarter };
    },
  } satisfies Submitter & Record<string, unknown>;
  return service;
}
export type SubmissionService = ReturnType<typeof createSubmissionService>;
