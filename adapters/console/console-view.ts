import { ROLES } from '../../src/config/vocabulary';
import type { Reply } from '../../src/conversation/reply';
import type { OrganisationDoc } from '../../src/db/models/organisation.model';
import type { PersonDoc } from '../../src/db/models/person.model';
import type { RecordDoc } from '../../src/db/repositories/records.repository';
import type { Actor } from '../../src/domain/actor';
import { designateKosovo, KOSOVO_FOOTNOTE, mentionsKosovo } from '../../src/domain/kosovo';
import { canEditRecord } from '../../src/domain/permissions';
import { getForm } from '../../src/forms/registry';
import type { BotMessage } from '../../src/messages/bot-message';
import { finalizeMessage } from '../../src/messages/finalize';
import type { FormView } from '../../src/messages/form-view';
import type { ConsoleFileInfo, ConsoleFiles } from './console-files';

/** What the page receives for one input: finalised messages, and a whole form to open, if any. */
export interface ConsoleReply {
  messages: BotMessage[];
  form?: FormView;
  files?: ConsoleFileInfo[];
  /** More is coming through the inbox (a slow report). */
  later?: boolean;
  /** For a click: what the clicked message now says; the page shows it in that message's place, without its buttons. */
  answered?: BotMessage;
}

export function toConsoleReply(reply: Reply, personId: string, files: ConsoleFiles): ConsoleReply {
  const out: ConsoleReply = { messages: reply.messages.map(finalizeMessage) };
  if (reply.form) out.form = finalizeForm(reply.form);
  if (reply.files?.length) out.files = reply.files.map((f) => files.put(personId, f));
  if (reply.later) out.later = true;
  if (reply.answered) out.answered = finalizeMessage(reply.answered);
  return out;
}

/** Kosovo* and its footnote in a whole form, as finalizeMessage does for messages. */
export function finalizeForm(form: FormView): FormView {
  const d = (s: string | undefined) => (s === undefined ? undefined : designateKosovo(s));
  const fields = form.fields.map((f) => ({
    ...f,
    label: designateKosovo(f.label),
    help: d(f.help),
    example: d(f.example),
    error: d(f.error),
    options: f.options?.map((o) => ({ ...o, label: designateKosovo(o.label) })),
  }));
  const texts = [form.title, form.intro, form.formError ?? '', ...fields.flatMap((f) => [f.label, f.help ?? '', f.error ?? '', ...(f.options ?? []).map((o) => o.label)])];
  const footnote = texts.some((t) => mentionsKosovo(designateKosovo(t))) && !form.footnote?.includes(KOSOVO_FOOTNOTE)
    ? [form.footnote, KOSOVO_FOOTNOTE].filter(Boolean).join('\n')
    : form.footnote;
  return { ...form, title: designateKosovo(form.title), intro: designateKosovo(form.intro), formError: d(form.formError), fields, ...(footnote ? { footnote } : {}) };
}

export interface PersonSummary {
  id: string;
  name: string;
  orgCode: string;
  orgName: string;
  role: string;
  roleLabel: string;
}

export function personSummary(p: PersonDoc, orgs: Map<string, OrganisationDoc>): PersonSummary {
  return {
    id: p._id,
    // A person's name is never the territory: "Arben Kosovo" keeps his name as it is.
    name: p.name,
    orgCode: p.orgCode,
    orgName: designateKosovo(orgs.get(p.orgCode)?.shortName ?? p.orgCode),
    role: p.role,
    roleLabel: ROLES.labels[p.role] ?? p.role,
  };
}

export interface RecordSummary {
  id: string;
  type: string;
  typeLabel: string;
  title: string;
  version: number;
  quarter: string;
  orgCode: string;
  status: string;
  updatedAt: string;
  canEdit: boolean;
}

export function recordSummary(actor: Actor, r: RecordDoc): RecordSummary {
  return {
    id: r._id,
    type: r.type,
    typeLabel: getForm(r.type)?.title ?? r.type,
    title: designateKosovo(typeof r.data.title === 'string' ? r.data.title : ''),
    version: r.version,
    quarter: r.quarter,
    orgCode: r.orgCode,
    status: typeof r.data.status === 'string' ? r.data.status : r.status,
    updatedAt: new Date(r.updatedAt).toISOString(),
    canEdit: canEditRecord(actor, r),
  };
}

/** The footnote a list needs when any of its texts names Kosovo*. */
export function footnoteFor(texts: string[]): string | undefined {
  return texts.some(mentionsKosovo) ? KOSOVO_FOOTNOTE : undefined;
}
