/**
 * A readable rendering of pino's JSON lines for a person watching a terminal:
 * `10:32:01 INFO  wbbsi-bot is up  host=127.0.0.1 port=3978`. It formats what pino has already
 * serialised, so redaction (src/support/logger.ts) has happened before a line reaches it.
 * Machines (log collectors, pipes, files) keep getting the JSON lines unchanged.
 */

export interface TextOut {
  write(text: string): unknown;
}

const LEVELS: Record<number, { label: string; colour: string }> = {
  10: { label: 'TRACE', colour: '90' },
  20: { label: 'DEBUG', colour: '90' },
  30: { label: 'INFO ', colour: '36' },
  40: { label: 'WARN ', colour: '33' },
  50: { label: 'ERROR', colour: '31' },
  60: { label: 'FATAL', colour: '1;31' },
};

/** Fields every line has, or that the line already shows. */
const HIDDEN = new Set(['level', 'time', 'msg', 'app', 'pid', 'hostname', 'err']);

export interface PrettyOptions {
  /** ANSI colours (default: on, unless NO_COLOR is set). */
  colour?: boolean;
}

/** A pino destination that writes one readable line (plus an error's stack) per log entry. */
export function prettyDestination(out: TextOut, opts: PrettyOptions = {}): { write(line: string): void } {
  const colour = opts.colour ?? !process.env.NO_COLOR;
  const paint = (code: string, text: string) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
  return {
    write(line: string) {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        out.write(line.endsWith('\n') ? line : `${line}\n`);
        return;
      }
      const level = LEVELS[Number(entry.level)] ?? { label: String(entry.level).padEnd(5), colour: '0' };
      const time = typeof entry.time === 'number' ? clockTime(new Date(entry.time)) : '';
      const extras = Object.entries(entry)
        .filter(([k]) => !HIDDEN.has(k))
        .map(([k, v]) => `${k}=${show(v)}`)
        .join(' ');
      const err = entry.err as { message?: string; stack?: string; type?: string } | undefined;
      const parts = [paint('90', time), paint(level.colour, level.label), String(entry.msg ?? '')];
      if (err?.message && err.message !== entry.msg) parts.push(paint(level.colour, `(${err.message})`));
      if (extras) parts.push(paint('90', ` ${extras}`));
      let text = `${parts.join(' ')}\n`;
      if (err?.stack && Number(entry.level) >= 50) text += `${paint('90', indent(err.stack))}\n`;
      out.write(text);
    },
  };
}

function clockTime(d: Date): string {
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

function show(v: unknown): string {
  if (typeof v === 'string') return /[\s"=]/.test(v) || v === '' ? JSON.stringify(v) : v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.join(',');
  return JSON.stringify(v);
}

const indent = (s: string) =>
  s
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
