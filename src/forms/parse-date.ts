import { isoDate, localDate, zonedTime } from '../domain/quarter';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * Dates as people type them: 2027-01-15, 15.1.2027, 15/01/2027, 15 January 2027, Jan 15 2027,
 * "today", "tomorrow". Day-first for slashes and dots (European usage). Returns YYYY-MM-DD or null.
 */
export function parseDate(text: string, now: Date, timeZone: string): string | null {
  const t = text.trim().toLowerCase().replace(/,/g, ' ').replace(/\s+/g, ' ');
  if (t === 'today') return localDate(now, timeZone);
  if (t === 'tomorrow') return localDate(new Date(now.getTime() + 86_400_000), timeZone);
  const parts = dateParts(t);
  return parts ? build(parts.y, parts.m, parts.d) : null;
}

/** Year, month and day as written, before checking that such a day exists. */
function dateParts(t: string): { y: number; m: number; d: number } | null {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return { y: +m[1]!, m: +m[2]!, d: +m[3]! };
  m = /^(\d{1,2})[./](\d{1,2})[./](\d{4})\.?$/.exec(t);
  if (m) return { y: +m[3]!, m: +m[2]!, d: +m[1]! };
  m = /^(\d{1,2})\.? ([a-zčćšž]+)\.? (\d{4})$/.exec(t);
  if (m && month(m[2]!)) return { y: +m[3]!, m: month(m[2]!)!, d: +m[1]! };
  m = /^([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)? (\d{4})$/.exec(t);
  if (m && month(m[1]!)) return { y: +m[3]!, m: month(m[1]!)!, d: +m[2]! };
  return null;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * Why a date could not be read, as precisely as the text allows: "31 February 2026 does not
 * exist" when the format was right, the accepted formats otherwise.
 */
export function dateProblem(text: string): string {
  const t = text.trim().toLowerCase().replace(/,/g, ' ').replace(/\s+/g, ' ');
  const p = dateParts(t);
  if (!p) return `I cannot read "${text.trim().slice(0, 40)}" as a date. Please write it like 15.1.2027, 15 January 2027 or 2027-01-15.`;
  if (p.m < 1 || p.m > 12) return `There is no month ${p.m}: months go from 1 to 12. Please check the date (day first, e.g. 15.1.2027).`;
  const days = new Date(Date.UTC(p.y, p.m, 0)).getUTCDate();
  if (p.d < 1 || p.d > days) return `${p.d} ${MONTH_NAMES[p.m - 1]} ${p.y} does not exist: ${MONTH_NAMES[p.m - 1]} ${p.y} has ${days} days.`;
  return 'Please give a date such as 15 January 2027, 15.1.2027 or 2027-01-15.';
}

/** Date and time in the person's timezone ("2027-01-20 10:00", "20.1.2027 14:30") → ISO instant. */
export function parseDateTime(text: string, now: Date, timeZone: string): string | null {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(t)) {
    const d = new Date(t);
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
  }
  const m = /^(.*?)[ T,]+(?:at )?(\d{1,2})[:.h](\d{2})$/i.exec(t);
  const date = parseDate(m ? m[1]! : t, now, timeZone);
  if (!date) return null;
  const hour = m ? +m[2]! : 10;
  const minute = m ? +m[3]! : 0;
  if (hour > 23 || minute > 59) return null;
  return zonedTime(date, hour, minute, timeZone).toISOString();
}

function month(name: string): number | undefined {
  const i = MONTHS.indexOf(name.slice(0, 3));
  return i >= 0 ? i + 1 : undefined;
}

function build(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null;
  return isoDate(y, m, d);
}
