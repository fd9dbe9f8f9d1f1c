import { extname } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { COUNTRIES, ORG_TYPES, ROLES } from '../config/vocabulary';
import { teamsIdKey } from '../domain/teams-id';

/** The roster file (YAML or JSON): the format README.md documents. */
const orgSchema = z
  .object({
    code: z.string().trim().regex(/^[A-Z0-9][A-Z0-9-]{1,19}$/, 'must be 2–20 capital letters, digits or dashes, e.g. MOI-RS'),
    name: z.string().trim().min(2).max(200),
    shortName: z.string().trim().min(1).max(60).optional(),
    type: z.enum(ORG_TYPES.codes, { message: `must be one of ${ORG_TYPES.codes.join(', ')}` }),
    country: z.enum(COUNTRIES.codes, { message: `must be one of ${COUNTRIES.codes.join(', ')}` }).optional(),
    reporting: z.boolean().optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .refine((o) => o.type !== 'wb-partner' || o.country, { message: 'a wb-partner needs a country', path: ['country'] })
  .refine((o) => o.type === 'wb-partner' || !o.country, { message: 'only a wb-partner has a country', path: ['country'] });

const personSchema = z
  .object({
    name: z.string().trim().min(2).max(120),
    email: z.email({ message: 'must be an e-mail address' }).transform((e) => e.toLowerCase()),
    organisation: z.string().trim().min(2),
    role: z.enum(ROLES.codes, { message: `must be one of ${ROLES.codes.join(', ')}` }),
    slack: z.string().trim().regex(/^[UW][A-Z0-9]{2,20}$/, 'must be a Slack user id such as U0123ABCD').optional(),
    // AAD object ids are case-insensitive: kept in lower case so "ABC…" and "abc…" are one person.
    teams: z.string().trim().regex(/^[0-9a-fA-F-]{8,64}$/, 'must be a Teams (Azure AD) object id').transform(teamsIdKey).optional(),
    timezone: z.string().refine(isZone, 'is not an IANA time zone such as Europe/Belgrade').optional(),
    deputyOf: z.email({ message: 'must be the e-mail address of the focal point' }).transform((e) => e.toLowerCase()).optional(),
    awayUntil: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD').optional(),
    active: z.boolean().optional(),
  })
  .strict();

export const rosterFileSchema = z
  .object({
    organisations: z.array(orgSchema).default([]),
    people: z.array(personSchema).default([]),
  })
  .strict();

export type RosterFile = z.output<typeof rosterFileSchema>;
export interface RosterProblem {
  line?: number;
  path: string;
  message: string;
}

/** Parses a roster file; every problem is listed with its line (YAML/JSON) and field path. */
export function parseRosterFile(text: string, fileName: string): { ok: true; roster: RosterFile } | { ok: false; problems: RosterProblem[] } {
  const lineCounter = new LineCounter();
  const isJson = extname(fileName).toLowerCase() === '.json';
  // YAML is a superset of JSON, so one parser gives line numbers for both.
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        line: e.linePos?.[0]?.line ?? lineCounter.linePos(e.pos[0]).line,
        path: '(file)',
        message: `${isJson ? 'JSON' : 'YAML'} syntax: ${e.message.split('\n')[0]}`,
      })),
    };
  }
  const parsed = rosterFileSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => ({
        line: lineOf(doc, lineCounter, i.path as (string | number)[]),
        path: formatPath(i.path as (string | number)[]),
        message: i.message,
      })),
    };
  }
  return { ok: true, roster: parsed.data };
}

export function formatProblem(p: RosterProblem): string {
  return `${p.line ? `line ${p.line}, ` : ''}${p.path}: ${p.message}`;
}

function formatPath(path: (string | number)[]): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : p), '') || '(file)';
}

function lineOf(doc: Document, lc: LineCounter, path: (string | number)[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    const target = node && (isMap(node) || isSeq(node) || node.range) ? node : undefined;
    if (target?.range) return lc.linePos(target.range[0]).line;
  }
  return undefined;
}

function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
