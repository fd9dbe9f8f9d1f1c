import type { Store } from '../db/store';
import type { Actor } from '../domain/actor';
import type { ChoiceOption } from '../messages/bot-message';
import { RECORD_TYPE, type ImportKind } from './import-kinds';
import { fingerprint } from './record-fingerprint';

/** What the importer needs to know of a stored record without holding its data. */
export interface StoredInfo {
  type: string;
  orgCode: string;
  quarter: string;
  status: string;
  version: number;
  fp: string;
}

/**
 * The records of one kind, read once per import in a single streamed pass: by id (rows with an id),
 * and by organisation and values (a row without an id whose record already exists is skipped, so
 * importing a file twice, or again after a failure half-way, creates nothing twice). A few dozen
 * bytes per record; the records' data is not kept.
 */
export interface StoredIndex {
  byId: Map<string, StoredInfo>;
  /** `${orgCode}|${fingerprint}` of active records → id. */
  byValues: Map<string, string>;
  /** Ids of other kinds a file named by mistake (e.g. a need id in an updates file), for a clear message. */
  otherKind(id: string): Promise<string | null>;
}

export const valuesKey = (orgCode: string, fp: string) => `${orgCode}|${fp}`;

export async function loadStoredIndex(store: Store, actor: Actor, kind: ImportKind): Promise<StoredIndex> {
  const byId = new Map<string, StoredInfo>();
  const byValues = new Map<string, string>();
  for await (const r of store.records.scan(actor, RECORD_TYPE[kind])) {
    const fp = fingerprint(r.data);
    byId.set(r._id, { type: r.type, orgCode: r.orgCode, quarter: r.quarter, status: r.status, version: r.version, fp });
    if (r.status === 'active') byValues.set(valuesKey(r.orgCode, fp), r._id);
  }
  return {
    byId,
    byValues,
    async otherKind(id) {
      const rec = await store.records.get(actor, id);
      return rec ? rec.type : null;
    },
  };
}

/** The roster as the answer parser wants it (code + short name), and every way of naming an organisation. */
export async function organisationNames(store: Store): Promise<{ options: ChoiceOption[]; codes: Map<string, string> }> {
  const orgs = await store.organisations.list();
  const codes = new Map<string, string>();
  // "Kosovo* MoI" may be written without its asterisk.
  for (const o of orgs) for (const n of [o._id, o.shortName, o.name]) for (const v of [n, n.replace(/\*/g, '')]) codes.set(v.trim().toLowerCase(), o._id);
  return { options: orgs.map((o) => ({ value: o._id, label: o.shortName })), codes };
}
