import { countryName } from '../domain/kosovo';
import type { ChoiceOption } from '../messages/bot-message';
import type { FieldMeta } from './field';
import { OTHER_ORG } from './org-choices';

const DATE_FMT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

export function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return DATE_FMT.format(new Date(Date.UTC(y, m - 1, d)));
}

export function formatDateTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(new Date(iso));
}

export function formatEur(n: number): string {
  return `EUR ${new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }).format(n)}`;
}

/** How an answer reads in a review or summary: labels for codes, organisations by name, readable dates, "—" when empty. */
export function formatAnswer(meta: FieldMeta, value: unknown, timeZone: string, organisations: ChoiceOption[] = []): string {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length)) return '—';
  const label = (code: string) => (meta.vocab?.labels[code] ?? countryName(code)) || code;
  const org = (code: string) => (code === OTHER_ORG.value ? 'Other' : (organisations.find((o) => o.value === code)?.label ?? code));
  switch (meta.kind) {
    case 'choice':
      return label(String(value));
    case 'multichoice':
      return (value as string[]).map(label).join(', ');
    case 'orgs':
      return (value as string[]).map(org).join(', ');
    case 'need-ids':
      return (value as string[]).join(', ');
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value) : String(value);
    case 'datetime':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? formatDateTime(value, timeZone) : String(value);
    case 'number':
      return typeof value === 'number' ? (meta.label.includes('EUR') ? formatEur(value) : String(value)) : String(value);
    case 'confirm':
      return value === true ? 'Yes' : 'No';
    case 'lines':
      return (value as string[]).map((l) => `• ${l}`).join('\n');
    case 'need-links':
      return (value as { needId: string; coverage: string }[]).map((l) => `${l.needId} (${l.coverage})`).join(', ');
    case 'action-items':
      return (value as { text: string; ownerOrg: string; due: string }[]).map((a) => `• ${a.text} — ${org(a.ownerOrg)}, due ${formatDate(a.due)}`).join('\n');
    default:
      return String(value);
  }
}

/** The raw text that re-creates an answer in a text input (a modal's initial value, "edit"). */
export function answerAsText(meta: FieldMeta, value: unknown): string {
  if (value === undefined || value === null) return '';
  switch (meta.kind) {
    case 'multichoice':
    case 'orgs':
    case 'need-ids':
      return Array.isArray(value) ? value.join(', ') : String(value);
    case 'lines':
      return Array.isArray(value) ? value.join('\n') : String(value);
    case 'need-links':
      return Array.isArray(value) ? (value as { needId: string; coverage: string }[]).map((l) => `${l.needId} ${l.coverage}`).join(', ') : String(value);
    case 'action-items':
      return Array.isArray(value) ? (value as { text: string; ownerOrg: string; due: string }[]).map((a) => `${a.text} | ${a.ownerOrg} | ${a.due}`).join('\n') : String(value);
    case 'confirm':
      return value === true ? 'yes' : '';
    default:
      return String(value);
  }
}
