/** Calendar quarters, written "2026-Q4". All arithmetic is on calendar dates, not instants. */
export interface Quarter {
  year: number;
  q: 1 | 2 | 3 | 4;
}

const QUARTER_RE = /^(\d{4})-?Q([1-4])$/i;

export function parseQuarter(text: string): Quarter | null {
  const m = QUARTER_RE.exec(text.trim());
  if (!m) return null;
  return { year: Number(m[1]), q: Number(m[2]) as Quarter['q'] };
}

export function formatQuarter(q: Quarter): string {
  return `${q.year}-Q${q.q}`;
}

/** The quarter a calendar date (YYYY-MM-DD, or a Date read in `timeZone`) falls in. */
export function quarterOf(date: Date, timeZone: string): Quarter {
  const { year, month } = localParts(date, timeZone);
  return { year, q: (Math.floor((month - 1) / 3) + 1) as Quarter['q'] };
}

export function currentQuarterCode(now: Date, timeZone: string): string {
  return formatQuarter(quarterOf(now, timeZone));
}

export function addQuarters(q: Quarter, n: number): Quarter {
  const idx = q.year * 4 + (q.q - 1) + n;
  return { year: Math.floor(idx / 4), q: ((idx % 4) + 1) as Quarter['q'] };
}

/** First and last calendar day of the quarter, as YYYY-MM-DD. */
export function quarterBounds(q: Quarter): { first: string; last: string } {
  const firstMonth = (q.q - 1) * 3 + 1;
  const lastMonth = firstMonth + 2;
  const lastDay = new Date(Date.UTC(q.year, lastMonth, 0)).getUTCDate();
  return { first: isoDate(q.year, firstMonth, 1), last: isoDate(q.year, lastMonth, lastDay) };
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// Building an Intl.DateTimeFormat costs far more than using one; the reminder planner converts
// thousands of instants per run, so keep one formatter per timezone.
const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Year, month, day, hour, minute of an instant as seen on a wall clock in `timeZone`. */
export function localParts(date: Date, timeZone: string) {
  const parts = partsFormatter(timeZone).formatToParts(date);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

export function localDate(date: Date, timeZone: string): string {
  const p = localParts(date, timeZone);
  return isoDate(p.year, p.month, p.day);
}

/** The instant at which the wall clock in `timeZone` shows `date` (YYYY-MM-DD) at hour:minute. */
export function zonedTime(date: string, hour: number, minute: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d, hour, minute);
  // Two passes settle the offset, including across a daylight-saving change.
  let t = guess;
  for (let i = 0; i < 2; i++) {
    const p = localParts(new Date(t), timeZone);
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
    t += guess - shown;
  }
  return new Date(t);
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

export function weekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

const longDateFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

/** A calendar date (YYYY-MM-DD) as people write it: "Friday 15 January 2027". */
export function longDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const parts = longDateFormat.formatToParts(new Date(Date.UTC(y, m - 1, d)));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('weekday')} ${get('day')} ${get('month')} ${get('year')}`;
}
