import type { ServerResponse } from 'node:http';
import type { FileLinks } from './file-links';

const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}(;\s*charset=[a-z0-9_-]{1,40})?$/i;

/** `attachment` with an ASCII fallback name and the exact UTF-8 name (RFC 6266 / RFC 5987). */
export function contentDisposition(name: string): string {
  const ascii = name.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '').trim() || 'download';
  const exact = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${exact}`;
}

/**
 * Answers `GET /files/:token`: the file with its type and a download name, or 404 for a bad, expired
 * or purged link (the same answer for all three, so a link reveals nothing about other files).
 * Written against node's ServerResponse so the core stays free of a web framework.
 */
export async function serveFileLink(links: FileLinks, token: unknown, res: ServerResponse): Promise<void> {
  const file = await links.resolve(token);
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('X-Robots-Tag', 'noindex');
  if (!file) {
    res.statusCode = 404;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(JSON.stringify({ ok: false, error: 'not_found' }));
    return;
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', MIME.test(file.mimeType) ? file.mimeType : 'application/octet-stream');
  res.setHeader('Content-Disposition', contentDisposition(file.name));
  res.setHeader('Content-Length', String(file.content.length));
  res.end(file.content);
}
