import { Writable } from 'node:stream';
import pino from 'pino';
import type { Logger } from '../../../src/support/logger';
import type { TestApp } from '../../support/test-app';

/** One hostile request and what the endpoint must answer: an exact status, or any 4xx. */
export interface HostileCase {
  name: string;
  send: () => Promise<{ status: number; text: string }>;
  expect: number | '4xx';
}

/** Runs the cases one after the other; returns a line per case whose answer was not the expected one. */
export async function runCases(cases: HostileCase[]): Promise<string[]> {
  const problems: string[] = [];
  for (const c of cases) {
    let got: { status: number; text: string };
    try {
      got = await c.send();
    } catch (err) {
      problems.push(`${c.name}: request failed (${(err as Error).message})`);
      continue;
    }
    const ok = c.expect === '4xx' ? got.status >= 400 && got.status < 500 : got.status === c.expect;
    if (!ok) problems.push(`${c.name}: expected ${c.expect}, got ${got.status} ${got.text.slice(0, 200)}`);
  }
  return problems;
}

/**
 * A logger that keeps every line at level error or above: hostile input must be refused or answered
 * politely, never reach the "unexpected failure" path that logs an error with a reference.
 */
export function errorCapture(): { logger: Logger; errors: string[] } {
  const errors: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        const entry = JSON.parse(line) as { level: number; msg?: string; err?: { message?: string } };
        if (entry.level >= 50) errors.push(`${entry.msg ?? ''}${entry.err?.message ? `: ${entry.err.message}` : ''}`);
      }
      done();
    },
  });
  return { logger: pino({ level: 'error' }, sink), errors };
}

/** Documents per collection. */
export async function storedCounts(t: TestApp): Promise<Record<string, number>> {
  const models = t.app.core.store.ctx.models;
  const out: Record<string, number> = {};
  for (const [name, model] of Object.entries(models)) out[name] = await (model as { countDocuments(): Promise<number> }).countDocuments();
  return out;
}

/** Collections whose count changed between two snapshots, except those in `allowed`. */
export function changedCounts(before: Record<string, number>, after: Record<string, number>, allowed: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(after)) if (!allowed.includes(name) && before[name] !== after[name]) out[name] = `${before[name]} → ${after[name]}`;
  return out;
}

/** Every key and string stored anywhere in the database that should never be there. */
export async function suspiciousDocuments(t: TestApp): Promise<string[]> {
  const out: string[] = [];
  const walk = (where: string, v: unknown) => {
    if (typeof v === 'string') {
      if (v.includes('\u0000')) out.push(`${where}: NUL in a string`);
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(`${where}[${i}]`, x));
    else if (v && typeof v === 'object' && !(v instanceof Date) && !Buffer.isBuffer(v) && (v as { _bsontype?: string })._bsontype === undefined) {
      for (const [k, x] of Object.entries(v)) {
        if (k.startsWith('$') || k === '__proto__' || k === 'constructor') out.push(`${where}: key ${k}`);
        walk(`${where}.${k}`, x);
      }
    }
  };
  for (const [name, model] of Object.entries(t.app.core.store.ctx.models)) {
    const docs = await (model as unknown as { find(): { lean(): Promise<unknown[]> } }).find().lean();
    docs.forEach((d, i) => walk(`${name}[${i}]`, d));
  }
  return out;
}
