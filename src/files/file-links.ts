import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from '../db/store';
import type { BotFile } from '../messages/bot-message';
import type { Clock } from '../support/clock';

export const FILE_LINK_TTL_MS = 24 * 3600_000;
/** Expired files are purged at most this often, on the way (FerretDB has no TTL indexes). */
const PURGE_EVERY_MS = 3600_000;

export interface FileLink {
  url: string;
  token: string;
  expiresAt: Date;
}

export interface FileLinkDeps {
  store: Store;
  clock: Clock;
  /** HMAC key of the links (config.fileLinkSecret). */
  secret: string;
  /** Base URL people's browsers reach the app on (config.publicUrl). */
  publicUrl: string;
  ttlMs?: number;
}

/**
 * Platform-neutral download links for files the bot produces, for platforms where a bot cannot simply
 * attach a file (a Teams personal chat needs a consent card first). The file is stored with an
 * expiry; the link carries the file id and the expiry, signed with HMAC-SHA256, so a guessed,
 * tampered or expired link finds nothing.
 *
 * Token: `<id>.<expiry in seconds, base 36>.<base64url HMAC of "<id>.<expiry>">`.
 */
export function createFileLinks(deps: FileLinkDeps) {
  const ttlMs = deps.ttlMs ?? FILE_LINK_TTL_MS;
  const base = deps.publicUrl.replace(/\/+$/, '');
  let lastPurge = 0;

  const sign = (payload: string) => createHmac('sha256', deps.secret).update(payload).digest('base64url');

  /** The file id when the token is well formed, correctly signed and not expired; otherwise null. */
  function verify(token: unknown): string | null {
    if (typeof token !== 'string' || token.length > 200) return null;
    const parts = token.split('.');
    if (parts.length !== 3) return null;
    const [id, exp, sig] = parts as [string, string, string];
    if (!/^[A-Za-z0-9_-]{8,64}$/.test(id) || !/^[0-9a-z]{1,12}$/.test(exp)) return null;
    const expected = Buffer.from(sign(`${id}.${exp}`));
    const given = Buffer.from(sig);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    if (parseInt(exp, 36) * 1000 <= deps.clock.now().getTime()) return null;
    return id;
  }

  const links = {
    /** Stores the file and returns its signed link. */
    async create(file: BotFile, opts: { personId?: string; ttlMs?: number } = {}): Promise<FileLink> {
      await links.purgeIfDue();
      const now = deps.clock.now();
      const expiresAt = new Date(now.getTime() + (opts.ttlMs ?? ttlMs));
      const id = randomBytes(12).toString('base64url');
      await deps.store.files.put({
        _id: id,
        name: file.name,
        mimeType: file.mimeType,
        size: file.content.length,
        content: file.content,
        ...(opts.personId ? { personId: opts.personId } : {}),
        createdAt: now,
        expiresAt,
      });
      const exp = Math.floor(expiresAt.getTime() / 1000).toString(36);
      const token = `${id}.${exp}.${sign(`${id}.${exp}`)}`;
      return { url: `${base}/files/${token}`, token, expiresAt };
    },

    /** The file behind a link, or null (bad signature, expired, purged). */
    async resolve(token: unknown): Promise<{ name: string; mimeType: string; content: Buffer } | null> {
      const id = verify(token);
      return id ? deps.store.files.getLive(id) : null;
    },

    async purgeExpired(): Promise<number> {
      lastPurge = deps.clock.now().getTime();
      return deps.store.files.purgeExpired();
    },

    async purgeIfDue(): Promise<void> {
      if (Math.abs(deps.clock.now().getTime() - lastPurge) >= PURGE_EVERY_MS) await links.purgeExpired();
    },
  };
  return links;
}
export type FileLinks = ReturnType<typeof createFileLinks>;
