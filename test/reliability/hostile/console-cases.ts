import { HOSTILE_ANY, HOSTILE_STRINGS, HOSTILE_VALUES } from './corpus';
import type { HostileCase } from './harness';

/**
 * Hostile requests to the console API (/console/api/*) and to the signed download links
 * (GET /files/:token). Each route gets the hostile corpus in every field and query parameter it
 * reads, plus broken bodies. Bodies are checked with zod before anything else, so almost everything
 * is a 400/404; text a known person types is answered politely with 200.
 */
export interface ConsoleTargets {
  url: string;
  personId: string;
  draftId: string;
  foreignDraftId: string;
  /** A file link that works (GET /files/<token>), to tamper with. */
  fileToken: string;
}

type Json = Record<string, unknown>;

async function call(url: string, init: RequestInit = {}): Promise<{ status: number; text: string }> {
  const res = await fetch(url, init);
  return { status: res.status, text: await res.text() };
}

const isString = (v: unknown): v is string => typeof v === 'string';
/** A JSON object with nothing but (at most) a `__proto__` key, which parsing drops. */
const emptyObject = (v: unknown) => Boolean(v) && typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).every((k) => k === '__proto__');
/** Every byte percent-encoded (encodeURIComponent refuses a lone surrogate; its UTF-8 bytes are sent instead). */
const pct = (v: string) => [...Buffer.from(v, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
/** Strings that a zod `id` (trimmed, 1–128 characters) accepts. */
const idLike = (v: unknown) => isString(v) && v.trim().length >= 1 && v.trim().length <= 128;

/** POST routes: broken bodies first, then each hostile value in each field (`fields` builds the body). */
function postCases(t: ConsoleTargets, route: string, valid: Json, validStatus: number, fields: Record<string, (v: unknown) => HostileCase['expect']>): HostileCase[] {
  const url = `${t.url}/console/api${route}`;
  const send = (body: string, type = 'application/json') => () => call(url, { method: 'POST', headers: { 'content-type': type }, body });
  const cases: HostileCase[] = [
    { name: `${route}: truncated JSON`, expect: 400, send: send(JSON.stringify(valid).slice(0, 12)) },
    { name: `${route}: JSON array`, expect: 400, send: send('[]') },
    { name: `${route}: JSON null`, expect: 400, send: send('null') },
    { name: `${route}: form-encoded body`, expect: 400, send: send('personId=x', 'application/x-www-form-urlencoded') },
    { name: `${route}: text/plain JSON`, expect: 400, send: send(JSON.stringify(valid), 'text/plain') },
    { name: `${route}: body over the size limit`, expect: 413, send: send(JSON.stringify({ ...valid, pad: 'x'.repeat(1_100_000) })) },
    // Keys the route does not know are dropped: the answer is the valid body's.
    { name: `${route}: prototype pollution`, expect: validStatus, send: send(`{"__proto__":{"role":"secretariat"},${JSON.stringify(valid).slice(1)}`) },
    { name: `${route}: forged role`, expect: validStatus, send: send(JSON.stringify({ ...valid, role: 'secretariat', actor: { role: 'secretariat' } })) },
  ];
  for (const [field, expectFor] of Object.entries(fields)) {
    for (const [name, v] of HOSTILE_ANY) cases.push({ name: `${route}: ${field} = ${name}`, expect: expectFor(v), send: send(JSON.stringify({ ...valid, [field]: v })) });
  }
  return cases;
}

/** GET routes: each hostile string as each query parameter, plus operator-style brackets. */
function getCases(t: ConsoleTargets, route: string, params: Json, fields: Record<string, (v: string) => HostileCase['expect']>, bracketed: HostileCase['expect'] = '4xx'): HostileCase[] {
  const cases: HostileCase[] = [];
  const q = (o: Json) => new URLSearchParams(Object.entries(o).map(([k, v]): [string, string] => [k, String(v)])).toString();
  for (const [field, expectFor] of Object.entries(fields)) {
    const values: [string, string][] = [...HOSTILE_STRINGS.filter(([k]) => k !== 'huge-100kB'), ...HOSTILE_VALUES.map(([k, v]): [string, string] => [`JSON ${k}`, JSON.stringify(v)])];
    // A query string over the server's header limit is refused before any route (431).
    for (const [name, v] of values) cases.push({ name: `${route}?${field}=${name}`, expect: v.length > 8000 ? 431 : expectFor(v), send: () => call(`${t.url}/console/api${route}?${q({ ...params, [field]: v })}`) });
    for (const op of ['[$gt]=', '[$ne]=x', '[$regex]=.*', '[]=a&' + field + '[]=b', '.constructor=x']) {
      const rest = Object.entries(params).filter(([k]) => k !== field);
      cases.push({ name: `${route}?${field}${op}`, expect: field === 'after' ? 200 : bracketed, send: () => call(`${t.url}/console/api${route}?${q(Object.fromEntries(rest))}&${field}${op}`) });
    }
  }
  return cases;
}

export function consoleCases(t: ConsoleTargets): Record<string, HostileCase[]> {
  const person = (v: unknown) => (idLike(v) ? 404 : 400);
  const message = { personId: t.personId, text: 'help' };
  return {
    'POST /console/api/message': postCases(t, '/message', message, 200, {
      personId: person,
      text: (v) => (isString(v) ? (v.length > 4000 ? 400 : 200) : 400),
      action: (v) => (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0 ? 400 : 400),
      mode: () => 400,
    }).concat(
      HOSTILE_ANY.map(([name, v]) => ({ name: `/message: action.id = ${name}`, expect: isString(v) && v.length >= 1 && v.length <= 100 ? 200 : 400, send: () => call(`${t.url}/console/api/message`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ personId: t.personId, action: { id: v, value: 'x' } }) }) })),
      [{ name: '/message: a colleague’s draft', expect: 200, send: () => call(`${t.url}/console/api/message`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ personId: t.personId, action: { id: 'draft.continue', value: t.foreignDraftId } }) }) }],
    ),
    'POST /console/api/people': postCases(t, '/people', { name: 'Trial Person', orgCode: 'NO-SUCH-ORG', role: 'member' }, 400, {
      orgCode: (v) => (isString(v) && v.trim().length >= 1 && v.trim().length <= 32 ? 400 : 400),
      role: () => 400,
      name: () => 400,
    }),
    'POST /console/api/form': postCases(t, '/form', { personId: t.personId, draftId: t.draftId, values: { title: 'x' } }, 200, {
      personId: person,
      draftId: (v) => (idLike(v) ? 404 : 400),
      values: (v) => (emptyObject(v) ? 200 : 400),
    }),
    'POST /console/api/form/close': postCases(t, '/form/close', { personId: t.personId, draftId: t.foreignDraftId, values: {} }, 404, {
      personId: person,
      draftId: (v) => (idLike(v) ? 404 : 400),
      values: (v) => (emptyObject(v) ? 404 : 400),
    }),
    'GET /console/api/records': getCases(t, '/records', { personId: t.personId }, { personId: (v) => (idLike(v) ? 404 : 400) }),
    'GET /console/api/inbox': getCases(t, '/inbox', { personId: t.personId, after: 0 }, {
      personId: (v) => (idLike(v) ? 404 : 400),
      after: (v) => (/^\s*\d*\s*$/.test(v) && Number(v) <= Number.MAX_SAFE_INTEGER ? 200 : 400),
    }), // a bracketed `after[$gt]` is simply no `after`: the default, 0

    'GET /console/api/files/:id': [
      ...HOSTILE_STRINGS.filter(([, v]) => v.trim() !== '' && !v.includes('/')).map(([name, v]): HostileCase => ({ name: `/files/${name}`, expect: '4xx', send: () => call(`${t.url}/console/api/files/${pct(v)}?personId=${t.personId}`) })),
      ...HOSTILE_STRINGS.map(([name, v]): HostileCase => ({ name: `/files/x?personId=${name}`, expect: '4xx', send: () => call(`${t.url}/console/api/files/x?${new URLSearchParams({ personId: v })}`) })),
    ],
    'GET /console/api/people': HOSTILE_STRINGS.filter(([k]) => k !== 'huge-100kB').flatMap(([name, v]): HostileCase[] => [
      { name: `/people?q=${name}`, expect: v.length > 8000 ? 431 : 200, send: () => call(`${t.url}/console/api/people?${new URLSearchParams({ q: v, personId: v })}`) },
      { name: `/people?$where=${name}`, expect: v.length > 8000 ? 431 : 200, send: () => call(`${t.url}/console/api/people?$where=${pct(v)}&role[$ne]=member`) },
    ]),
    'GET /files/:token': fileCases(t),
  };
}

/** Tampered, forged, expired-looking and absurd download tokens: all the same 404. */
function fileCases(t: ConsoleTargets): HostileCase[] {
  const [id, exp, sig] = t.fileToken.split('.') as [string, string, string];
  const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
  const tokens: [string, string][] = [
    ['signature changed', `${id}.${exp}.${flip(sig)}`],
    ['id changed', `${flip(id)}.${exp}.${sig}`],
    ['expiry pushed out', `${id}.${(parseInt(exp, 36) + 86_400).toString(36)}.${sig}`],
    ['expiry in the past', `${id}.${(parseInt(exp, 36) - 10 * 86_400).toString(36)}.${sig}`],
    ['no signature', `${id}.${exp}`],
    ['id only', id],
    ['extra part', `${t.fileToken}.x`],
    ['signature of zeros', `${id}.${exp}.${'A'.repeat(sig.length)}`],
    ['signature truncated', `${id}.${exp}.${sig.slice(0, 10)}`],
    ['path traversal', '..%2F..%2F..%2Fetc%2Fpasswd'],
    ['encoded NUL', `${id}%00.${exp}.${sig}`],
    ['huge token', 'a'.repeat(10_000)],
    ['empty parts', '..'],
  ];
  for (const [name, v] of HOSTILE_STRINGS.filter(([k]) => k !== 'huge-100kB')) tokens.push([`hostile: ${name}`, pct(v)]);
  for (const [name, v] of HOSTILE_VALUES) tokens.push([`JSON: ${name}`, pct(JSON.stringify(v))]);
  return tokens.map(([name, token]) => ({ name: `GET /files/${name}`, expect: token.length > 16_000 ? 431 : 404, send: () => call(`${t.url}/files/${token}`) }));
}
