import type { AuditDoc } from '../db/models/audit.model';
import type { Store } from '../db/store';
import type { Actor } from '../domain/actor';
import { canReadAudit } from '../domain/permissions';
import { addDays, zonedTime } from '../domain/quarter';
import { AppError, forbidden } from '../errors';
import { parseDate } from '../forms/parse-date';
import type { BotMessage } from '../messages/bot-message';
import type { ReportTable, Row } from '../render/report-model';
import { when } from './history';

/**
 * The audit log for the Secretariat: who changed what, by record (or any entity id), by person and
 * by date range, in chat (the latest entries) and on the command line (CSV, every entry).
 */
export interface AuditFilter {
  /** A record, meeting, product, consultation or check-in id. */
  entityId?: string;
  /** An e-mail, a name or a person id from the roster. */
  person?: string;
  /** Dates (15.1.2027, 2027-01-15…), both days included. */
  from?: string;
  to?: string;
  limit?: number;
}

export interface AuditResult {
  entries: AuditDoc[];
  more: boolean;
  /** "NM-2026-RS-014, by Ana Petrović, 1 December 2026 to 31 December 2026". */
  scope: string;
}

/** `audit NM-2026-RS-014`, `audit person ana@mup.gov.rs`, `audit 1.12.2026 31.12.2026`, combined in any order. */
export function parseAuditArgs(args: string[]): AuditFilter | { error: string } {
  const f: AuditFilter = {};
  const dates: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (/^(person|by)$/i.test(a)) {
      const rest: string[] = [];
      while (args[i + 1] !== undefined && !looksLikeDate(args[i + 1]!) && !/^[A-Z]{2}-\d{4}/i.test(args[i + 1]!)) rest.push(args[++i]!);
      if (!rest.length) return { error: 'Whose changes? For example: *audit person ana@mup.gov.rs*.' };
      f.person = rest.join(' ');
    } else if (looksLikeDate(a)) dates.push(a);
    else if (/^[A-Z]{2}-[\w-]+$/i.test(a)) f.entityId = a.toUpperCase();
    else return { error: `I did not understand "${a.slice(0, 40)}". For example: *audit NM-2026-RS-014*, *audit person ana@mup.gov.rs*, *audit 1.12.2026 31.12.2026*.` };
  }
  if (dates.length > 2) return { error: 'Please give at most two dates: from and to.' };
  if (dates[0]) f.from = dates[0];
  if (dates[1]) f.to = dates[1];
  return f;
}

const looksLikeDate = (t: string) => /^\d{4}-\d{1,2}-\d{1,2}$|^\d{1,2}[./]\d{1,2}[./]\d{4}$/.test(t);

export async function readAudit(deps: { store: Store; now: Date; timezone: string }, actor: Actor, f: AuditFilter): Promise<AuditResult> {
  if (!canReadAudit(actor)) throw forbidden('only the IISG Secretariat can read the audit log.');
  const { store, timezone } = deps;
  const scope: string[] = [];
  let actorId: string | undefined;
  if (f.person) {
    const person = await findPerson(store, f.person);
    actorId = person.id;
    scope.push(`by ${person.name}`);
  }
  const day = (text: string, what: string) => {
    const d = parseDate(text, deps.now, timezone);
    if (!d) throw new AppError('BAD_REQUEST', `"${text}" is not a date I can read (${what}); for example 1.12.2026 or 2026-12-01.`);
    return d;
  };
  const from = f.from ? day(f.from, 'from') : undefined;
  const to = f.to ? day(f.to, 'to') : undefined;
  if (from && to && to < from) throw new AppError('BAD_REQUEST', 'The end date comes before the start date.');
  if (f.entityId) scope.unshift(f.entityId);
  if (from) scope.push(to ? `${from} to ${to}` : `since ${from}`);
  else if (to) scope.push(`until ${to}`);
  const found = await store.audit.search(actor, {
    ...(f.entityId ? { entityId: f.entityId } : {}),
    ...(actorId ? { actorId } : {}),
    ...(from ? { from: zonedTime(from, 0, 0, timezone) } : {}),
    ...(to ? { to: zonedTime(addDays(to, 1), 0, 0, timezone) } : {}),
    limit: f.limit ?? 30,
  });
  return { ...found, scope: scope.join(', ') || 'everything' };
}

/** The person an audit search names: by e-mail, person id, or (unambiguous) name. */
async function findPerson(store: Store, text: string): Promise<{ id: string; name: string }> {
  const t = text.trim();
  if (t === 'system') return { id: 'system', name: 'wbbsi command line' };
  const byEmail = t.includes('@') ? await store.people.byEmail(t) : await store.people.get(t);
  if (byEmail) return { id: byEmail._id, name: byEmail.name };
  const all = await store.people.list({ includeInactive: true });
  const hits = all.filter((p) => p.name.toLowerCase().includes(t.toLowerCase()));
  if (hits.length === 1) return { id: hits[0]!._id, name: hits[0]!.name };
  if (hits.length > 1) throw new AppError('BAD_REQUEST', `"${t}" fits ${hits.length} people (${hits.slice(0, 5).map((p) => p.name).join(', ')}). Please give the e-mail address.`);
  throw new AppError('BAD_REQUEST', `I cannot find "${t}" on the roster. Please give the e-mail address.`);
}

const changeText = (e: AuditDoc) => e.changes.map((c) => `${c.field}: ${c.from} → ${c.to}`).join('; ');

export function auditMessage(r: AuditResult, timeZone: string): BotMessage {
  if (!r.entries.length) return { text: `The audit log has nothing for ${r.scope}.` };
  const lines = r.entries.map((e) => {
    const change = changeText(e);
    return `• ${when(e.at, timeZone)} · ${e.actorName} · ${e.action} ${e.entity} ${e.entityId}${change ? ` · ${change.slice(0, 200)}` : ''}${e.note ? ` — ${e.note}` : ''}`;
  });
  const more = r.more ? `\nThese are the latest ${r.entries.length}. For every entry, as CSV: *npm run wbbsi -- audit … --format csv* on the server.` : '';
  return { text: `*Audit log* — ${r.scope}:\n${lines.join('\n')}${more}` };
}

/** One row per change (an entry without changes gets one row), for CSV: values as stored (JSON text). */
export function auditTable(entries: AuditDoc[]): ReportTable {
  const rows: Row[] = entries.flatMap((e): Row[] => {
    const base: Row = { at: new Date(e.at).toISOString(), actor: e.actorName, actorId: e.actorId, organisation: e.actorOrg, action: e.action, entity: e.entity, entityId: e.entityId, note: e.note ?? null };
    return e.changes.length ? e.changes.map((c) => ({ ...base, field: c.field, from: c.from, to: c.to })) : [{ ...base, field: null, from: null, to: null }];
  });
  const col = (key: string, label: string) => ({ key, label });
  return {
    name: 'Audit',
    title: 'Audit log',
    columns: [col('at', 'When (UTC)'), col('actor', 'Who'), col('actorId', 'Person id'), col('organisation', 'Organisation'), col('action', 'Action'), col('entity', 'Entity'), col('entityId', 'Id'), col('field', 'Field'), col('from', 'From'), col('to', 'To'), col('note', 'Note')],
    rows,
  };
}
