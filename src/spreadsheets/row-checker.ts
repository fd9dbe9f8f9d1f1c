import type { Store } from '../db/store';
import { actorOf, type Actor } from '../domain/actor';
import { planEdit, whyNotInitial } from '../domain/need-chain';
import { canCreateRecord, canEditRecord } from '../domain/permissions';
import { validateForm, type FormDef } from '../forms/form';
import { matchChoice } from '../forms/parse-answer';
import { formOf, KIND_NOUN, RECORD_TYPE, type ImportKind } from './import-kinds';
import type { Problem } from './import-problems';
import { cellOf, type HeaderMap, type ImportParseContext, type ParsedRow } from './parse-row';
import { fingerprint } from './record-fingerprint';
import { valuesKey, type StoredIndex } from './stored-records';
import { ID, ORGANISATION, QUARTER } from './sheet-layout';

/** What one valid row does: create a record, make a new version of one, or nothing (same values). */
export type RowPlan =
  | { row: number; action: 'create'; orgCode: string; quarter?: string; data: Record<string, unknown> }
  | { row: number; action: 'update'; id: string; baseVersion: number; data: Record<string, unknown> }
  | { row: number; action: 'unchanged'; id: string };

export interface RowCheckEnv {
  store: Store;
  actor: Actor;
  kind: ImportKind;
  index: StoredIndex;
  parse: ImportParseContext;
}

const QUARTER_RE = /^\d{4}-Q[1-4]$/;

/**
 * Checks rows against the database (ids, organisations, linked needs, permissions) and the form's
 * zod schema, the way a person's submission is checked. One checker per pass over a file: it
 * remembers ids and new records already seen in the file, to refuse a row that repeats another.
 */
export function createRowChecker(env: RowCheckEnv, header: HeaderMap) {
  const form: FormDef = formOf(env.kind);
  const type = RECORD_TYPE[env.kind];
  const idRows = new Map<string, number>();
  const newRows = new Map<string, number>();
  const needSeen = new Map<string, boolean>();
  const orgs = new Map<string, Awaited<ReturnType<Store['organisations']['get']>>>();
  const problem = (row: number, key: string, message: string): Problem => ({ ...cellOf(header, row, key), message });

  function organisation(text: string): string | undefined {
    return env.parse.orgCodes.get(text.trim().toLowerCase()) ?? matchChoice(env.parse.organisations, text);
  }

  /** Needs linked from the row must exist and be visible to the importer (as for a submission). */
  async function unknownNeeds(data: Record<string, unknown>): Promise<string[]> {
    const ids = [...((data.relatedNeeds as string[] | undefined) ?? []), ...((data.needLinks as { needId: string }[] | undefined) ?? []).map((l) => l.needId)];
    const unknown: string[] = [];
    for (const id of ids) {
      if (!needSeen.has(id)) {
        const rec = env.index.byId.get(id);
        needSeen.set(id, rec ? rec.type === 'need' && rec.status === 'active' : (await env.store.records.get(env.actor, id))?.type === 'need');
      }
      if (!needSeen.get(id)) unknown.push(id);
    }
    return unknown;
  }

  /**
   * Values in the file win. An empty cell clears a stored record's field, and leaves a new record's
   * default (a donor as its own provider); a missing column keeps what is stored.
   */
  function merged(p: ParsedRow, base: Record<string, unknown>, emptyClears: boolean): Record<string, unknown> {
    const out = { ...base };
    for (const [k, v] of Object.entries(p.answers)) {
      if (v !== undefined) out[k] = v;
      else if (emptyClears) delete out[k];
    }
    return out;
  }

  /** `stored`: the record a row changes (its status decides which steps of the decision chain it may take). */
  async function validate(p: ParsedRow, data: Record<string, unknown>, problems: Problem[], stored?: Record<string, unknown>): Promise<Record<string, unknown> | null> {
    const v = validateForm(form, data);
    if (!v.ok) {
      // A cell the parser already refused is not reported a second time as "missing".
      const refused = new Set(p.problems.map((x) => x.column));
      for (const [field, message] of Object.entries(v.errors)) {
        const at = problem(p.row, field, message);
        if (!at.column || !refused.has(at.column)) problems.push(at);
      }
      return null;
    }
    const unknown = await unknownNeeds(v.data);
    if (unknown.length) {
      const field = 'needLinks' in form.fields ? 'needLinks' : 'relatedNeeds';
      problems.push(problem(p.row, field, `I cannot find ${unknown.join(', ')} among the needs. Check the ids in the needs report.`));
    }
    if (type === 'need') {
      // The decision chain, as for a form: the same rule refuses the row now, before anything is written.
      const why = stored ? (planEdit(env.actor, stored, v.data) as { ok: boolean; why?: string }).why : whyNotInitial(env.actor, v.data.status);
      if (why) problems.push(problem(p.row, 'status', `Sorry, ${why}`));
    }
    return v.data;
  }

  async function existing(p: ParsedRow, id: string, problems: Problem[]): Promise<RowPlan | null> {
    const info = env.index.byId.get(id);
    if (!info) {
      const other = await env.index.otherKind(id);
      problems.push(problem(p.row, ID, other ? `${id} is a ${other}, not one of the ${KIND_NOUN[env.kind]}. Import it with the ${other} template, or clear the id.` : `I cannot find ${id}. Clear the id to create a new record, or correct it.`));
      return null;
    }
    if (idRows.has(id)) problems.push(problem(p.row, ID, `${id} is also on row ${idRows.get(id)}. Please keep one row per record.`));
    idRows.set(id, p.row);
    if (info.status !== 'active') problems.push(problem(p.row, ID, `${id} has been retired. Clear the id to record it again as a new record.`));
    if (!canEditRecord(env.actor, { type, orgCode: info.orgCode, data: {} })) problems.push(problem(p.row, ID, `You may not change ${id}.`));
    if (p.organisation && organisation(p.organisation) !== info.orgCode)
      problems.push(problem(p.row, ORGANISATION, `${id} belongs to ${info.orgCode}; a record cannot move to another organisation. Write ${info.orgCode} or leave the cell empty.`));
    if (p.quarter && p.quarter !== info.quarter) problems.push(problem(p.row, QUARTER, `${id} was reported for ${info.quarter}; its quarter cannot be changed. Write ${info.quarter} or leave the cell empty.`));
    const complete = Object.keys(form.fields).every((k) => header.has(k));
    const stored = complete && type !== 'need' ? undefined : ((await env.store.records.get(env.actor, id))?.data ?? {});
    const data = await validate(p, merged(p, complete ? {} : (stored ?? {}), true), problems, type === 'need' ? stored : undefined);
    if (!data || problems.length) return null;
    return fingerprint(data) === info.fp ? { row: p.row, action: 'unchanged', id } : { row: p.row, action: 'update', id, baseVersion: info.version, data };
  }

  async function created(p: ParsedRow, problems: Problem[]): Promise<RowPlan | null> {
    if (!canCreateRecord(env.actor, type)) problems.push({ row: p.row, message: `You may not record ${KIND_NOUN[env.kind]}.` });
    const orgCode = p.organisation ? organisation(p.organisation) : undefined;
    if (!p.organisation) problems.push(problem(p.row, ORGANISATION, 'Please name the organisation of this new record, by code or name (e.g. MOI-RS).'));
    else if (!orgCode) problems.push(problem(p.row, ORGANISATION, `"${p.organisation}" is not an organisation in the roster. Use a code such as MOI-RS (see the Lists sheet).`));
    if (p.quarter && !QUARTER_RE.test(p.quarter)) problems.push(problem(p.row, QUARTER, 'Please write the quarter as 2025-Q3, or leave it empty for the current quarter.'));
    if (!orgCode) return null;
    // The defaults the form gives someone of that organisation: a partner's country, a donor as provider.
    if (!orgs.has(orgCode)) orgs.set(orgCode, await env.store.organisations.get(orgCode));
    const org = orgs.get(orgCode);
    const defaults = form.defaults?.(actorOf({ _id: env.actor.personId, name: env.actor.name, role: 'member', orgCode }, org)) ?? {};
    const data = await validate(p, merged(p, defaults, false), problems);
    if (!data || problems.length) return null;
    const key = valuesKey(orgCode, fingerprint(data));
    const stored = env.index.byValues.get(key);
    if (stored) return { row: p.row, action: 'unchanged', id: stored };
    if (newRows.has(key)) {
      problems.push({ row: p.row, message: `This row repeats row ${newRows.get(key)}. Please delete one of them.` });
      return null;
    }
    newRows.set(key, p.row);
    return { row: p.row, action: 'create', orgCode, ...(p.quarter ? { quarter: p.quarter } : {}), data };
  }

  /** The row's plan, or its problems (the cell problems found while parsing included). */
  return async function check(p: ParsedRow): Promise<{ plan: RowPlan | null; problems: Problem[] }> {
    const problems = [...p.problems];
    const plan = p.id ? await existing(p, p.id, problems) : await created(p, problems);
    return { plan: problems.length ? null : plan, problems };
  };
}
