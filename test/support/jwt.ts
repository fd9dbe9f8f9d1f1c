import { generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

/** A signing key as the Bot Framework and Microsoft's login service use them: RSA, RS256, with a key id. */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function newSigningKey(kid: string): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, publicKey };
}

/** The key as a JWKS entry (`n`, `e`, and whatever the publisher adds, e.g. `endorsements`). */
export function jwkOf(key: SigningKey, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { n, e } = key.publicKey.export({ format: 'jwk' });
  return { kty: 'RSA', use: 'sig', kid: key.kid, n, e, ...extra };
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** A signed JWT (RS256, `kid` in the header); `alg: 'none'` makes an unsigned one. */
export function signJwt(claims: Record<string, unknown>, key: SigningKey | null, header: Record<string, unknown> = {}): string {
  const head = b64url(JSON.stringify({ alg: key ? 'RS256' : 'none', typ: 'JWT', ...(key ? { kid: key.kid } : {}), ...header }));
  const body = b64url(JSON.stringify(claims));
  const signature = key ? b64url(sign('RSA-SHA256', Buffer.from(`${head}.${body}`), key.privateKey)) : '';
  return `${head}.${body}.${signature}`;
}

/** The claims of a JWT signed with `key` (RS256), or why it is not one. */
export function verifyJwt(token: string, key: SigningKey): { ok: true; claims: Record<string, unknown> } | { ok: false; reason: string } {
  const [head, body, signature] = token.split('.');
  if (!head || !body || !signature) return { ok: false, reason: 'not a signed JWT' };
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as Record<string, unknown>;
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return { ok: false, reason: 'not a JWT' };
  }
  if (header.alg !== 'RS256') return { ok: false, reason: `algorithm ${String(header.alg)}` };
  if (!verify('RSA-SHA256', Buffer.from(`${head}.${body}`), key.publicKey, Buffer.from(signature, 'base64url'))) return { ok: false, reason: 'bad signature' };
  const now = Math.floor(Date.now() / 1000);
  if (typeof claims.exp !== 'number' || claims.exp < now) return { ok: false, reason: 'expired' };
  if (typeof claims.nbf === 'number' && claims.nbf > now + 300) return { ok: false, reason: 'not valid yet' };
  return { ok: true, claims };
}
