import { RECORD_STATUSES } from '../config/vocabulary';
import type { Store } from '../db/store';
import type { Actor } from '../domain/actor';
import { statusLabel } from '../domain/need-chain';
import { localDate, localParts, longDate } from '../domain/quarter';
import { AppError } from '../errors';
import type { FieldMeta } from '../forms/field';
import { formatAnswer } from '../forms/format-answer';
import { getForm } from '../forms/registry';
import type { BotMessage } from '../messages/bot-message';

/**
 * `history <id>`: a record's, meeting's or product's versions — when, who, which fields changed
 * from what to what, and why when a version says (a withdrawal's reason, a Board decision's
 * reference). Shown to everyone who may read the thing itself: the repositories decide.
 */
export interface HistoryChange {
  field: string;
  from: string;
  to: string;
}

export interface HistoryEntry {
  version: number;
  at: Date;
  by: string;
  /** "created", or the changes. */
  changes: HistoryChange[];
  note?: string;
}

export interface History {
  id: string;
  title: string;
  entries: HistoryEntry[];
}

type Snapshot = { version: number; at: Date; byId: string; byName?: string; fields: Record<string, unknown>; note?: string; reference?: string };

const SHORT = 90;
const short = (text: string) => (text.length > SHORT ? `${text.slice(0, SHORT - 1)}…` : text);
const json = (v: unknown) => JSON.stringify(v ?? null);

/** When, on the reader's clock: "4 December 2026, 10:00". */
export function when(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${longDate(localDate(at, timeZone)).replace(/^\w+ /, '')}, ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

export function createHistory(deps: { store: Store; timezone: string }) {
  const { store } = deps;
  const names = new Map<string, string>();

  async function nameOf(id: string, known?: string): Promise<string> {
    if (known) return known;
    if (id === 'system') return 'wbbsi command line';
    if (id === 'scheduler') return 'wbbsi scheduler';
    if (!names.has(id)) names.set(id, (await store.people.get(id))?.name ?? 'someone no longer on the roster');
    return names.get(id)!;
  }

  /** Consecutive snapshots compared field by field, labels and values as people read them. */
  async function entriesOf(snaps: Snapshot[], label: (field: string) => string, show: (field: string, value: unknown) => string): Promise<HistoryEntry[]> {
    const out: HistoryEntry[] = [];
    for (const [i, s] of snaps.entries()) {
      const prev = snaps[i - 1];
      const changes: HistoryChange[] = [];
      if (prev) {
        for (const k of [...new Set([...Object.keys(prev.fields), ...Object.keys(s.fields)])]) {
          if (json(prev.fields[k]) === json(s.fields[k])) continue;
          changes.push({ field: label(k), from: short(show(k, prev.fields[k])), to: short(show(k, s.fields[k])) });
        }
      }
      const note = [s.reference && `decision ${s.reference}`, s.note].filter(Boolean).join('; ');
      out.push({ version: s.version, at: new Date(s.at), by: await nameOf(s.byId, s.byName), changes, ...(note ? { note } : {}) });
    }
    return out;
  }

  function fieldShow(fields: Record<string, { meta: FieldMeta }>, timeZone: string) {
    return (k: string, v: unknown) => {
      if (k === 'recordStatus') return RECORD_STATUSES.labels[String(v)] ?? String(v);
      const meta = fields[k]?.meta;
      if (k === 'status' && !meta) return String(v ?? '—');
      return meta ? formatAnswer(meta, v, timeZone) : v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v);
    };
  }

  async function recordHistory(actor: Actor, id: string, tz: string): Promise<History> {
    const versions = await store.records.versions(actor, id);
    const rec = (await store.records.get(actor, id))!;
    const form = getForm(rec.type)!;
    const snaps = versions.map((v) => ({ version: v.version, at: v.changedAt, byId: v.changedBy, byName: v.changedByName, fields: { ...v.data, recordStatus: v.status }, note: v.note, reference: v.reference }));
    const label = (k: string) => (k === 'recordStatus' ? 'Record' : k === 'status' && rec.type === 'need' ? 'Decision chain' : form.fields[k]?.meta.label ?? k);
    const base = fieldShow(form.fields, tz);
    const show = (k: string, v: unknown) => (k === 'status' && rec.type === 'need' ? statusLabel(v) : base(k, v));
    const org = (await store.organisations.get(rec.orgCode))?.shortName ?? rec.orgCode;
    return { id, title: `${String(rec.data.title ?? form.title)} (${form.title.toLowerCase()}, ${org})`, entries: await entriesOf(snaps, label, show) };
  }

  async function meetingHistory(actor: Actor, id: string, tz: string): Promise<History> {
    const m = await store.meetings.get(actor, id);
    if (!m) throw new AppError('NOT_FOUND', `I could not find meeting ${id}. Type *meeting list* to see the meetings.`);
    const form = getForm('meeting')!;
    const versions = await store.meetings.versions(actor, id);
    const snaps = versions.map((v) => ({
      version: v.version,
      at: v.changedAt,
      byId: v.changedBy,
      fields: { ...v.data, state: v.state, actionItems: v.actionItems.map((a) => `${a._id} ${a.status}: ${a.text}`) },
    }));
    const label = (k: string) => (k === 'state' ? 'State' : k === 'actionItems' ? 'Action items' : form.fields[k]?.meta.label ?? k);
    const base = fieldShow(form.fields, tz);
    const show = (k: string, v: unknown) => (k === 'actionItems' ? ((v as string[] | undefined) ?? []).join('; ') || '—' : k === 'state' ? String(v) : base(k, v));
    return { id, title: String(m.data.title ?? 'Meeting'), entries: await entriesOf(snaps, label, show) };
  }

  async function productHistory(id: string): Promise<History> {
    const p = await store.products.get(id);
    if (!p) throw new AppError('NOT_FOUND', `I could not find product ${id}. Type *products* to see them.`);
    const versions = await store.products.versions(p._id);
    const steps = new Map(p.stageHistory.map((e) => [e.revision, e]));
    const snaps = versions.map((v) => {
      const e = steps.get(v.revision);
      return { version: v.revision, at: v.changedAt, byId: v.changedBy, byName: e?.byName, fields: { ...v.data }, note: e?.note, reference: e?.reference };
    });
    const labels: Record<string, string> = { title: 'Title', kind: 'Kind', version: 'Version', link: 'Document', stage: 'Stage', ownerOrg: 'Owner', pillar: 'Pillar' };
    return { id: p._id, title: p.title, entries: await entriesOf(snaps, (k) => labels[k] ?? k, (_k, v) => (v === undefined ? '—' : String(v))) };
  }

  return {
    /** The history of a record (DU-/NM-/RM-…), a meeting (MT-…) or a product (PR-…), if this person may read it. */
    async of(actor: Actor, rawId: string): Promise<History> {
      const id = rawId.trim().toUpperCase();
      const tz = actor.timezone ?? deps.timezone;
      if (/^MT-/.test(id)) return meetingHistory(actor, id, tz);
      if (/^PR-/.test(id)) return productHistory(id);
      if (!/^(DU|NM|RM)-/.test(id)) throw new AppError('BAD_REQUEST', `"${rawId.slice(0, 40)}" is not an id I know. Ids look like NM-2026-RS-014, MT-2027-001 or PR-009.`);
      return recordHistory(actor, id, tz).catch((err: unknown) => {
        if (err instanceof AppError && err.code === 'NOT_FOUND') throw new AppError('NOT_FOUND', `I could not find ${id} among the records you can see.`);
        throw err;
      });
    },
  };
}
export type HistoryReader = ReturnType<typeof createHistory>;

/** The history as one chat message, newest version last. */
export function historyMessage(h: History, timeZone: string): BotMessage {
  const lines = h.entries.map((e) => {
    const what = e.version === h.entries[0]?.version ? 'created' : e.changes.map((c) => `${c.field}: ${c.from} → ${c.to}`).join('; ') || 'no field changed';
    return `• *v${e.version}* · ${when(e.at, timeZone)} · ${e.by}: ${what}${e.note ? ` — ${e.note}` : ''}`;
  });
  return { text: [`*History of ${h.id}* — ${h.title}`, ...lines].join('\n') };
}
