import { FILE_TOO_LARGE, readWithinLimit } from '../../../src/spreadsheets/received-file';
import { MAX_IMPORT_BYTES } from '../../../src/spreadsheets/spreadsheet.service';

/** What Teams attaches to a message when a person sends a file in the personal chat. */
export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

export interface TeamsFile {
  name: string;
  downloadUrl: string;
}

/** The file sent with this activity, if any (the first one). */
export function fileOf(activity: { attachments?: unknown }): TeamsFile | null {
  const list = Array.isArray(activity.attachments) ? activity.attachments : [];
  for (const a of list as { contentType?: unknown; name?: unknown; content?: { downloadUrl?: unknown } }[]) {
    if (a?.contentType !== FILE_DOWNLOAD_INFO) continue;
    const url = a.content?.downloadUrl;
    if (typeof url === 'string' && url.length <= 4096) return { name: typeof a.name === 'string' ? a.name.slice(0, 200) : 'spreadsheet', downloadUrl: url };
  }
  return null;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Files sent in a Teams chat live in the sender's OneDrive or the team's SharePoint, and downloadUrl
 * is a short-lived pre-authenticated link there. Only those hosts are fetched (in local mode, for
 * tests and trials, only this machine), so a forged activity cannot make the bot fetch anything else.
 */
export function allowedDownload(url: string, localMode: boolean): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (localMode) return LOOPBACK.has(u.hostname) || LOOPBACK.has(`[${u.hostname}]`);
  return u.protocol === 'https:' && /(^|\.)sharepoint\.(com|us|de|cn)$/i.test(u.hostname);
}

/** The file's bytes, or a sentence saying why not. */
export async function downloadTeamsFile(file: TeamsFile, localMode: boolean): Promise<{ name: string; content: Buffer } | string> {
  if (!allowedDownload(file.downloadUrl, localMode)) return 'I can only read files sent in this chat. Please attach the spreadsheet again.';
  const res = await fetch(file.downloadUrl, { redirect: 'error', signal: AbortSignal.timeout(30_000) }).catch(() => null);
  if (!res?.ok || !res.body) return 'I could not download that file from Teams. Please send it again.';
  if (Number(res.headers.get('content-length') ?? 0) > MAX_IMPORT_BYTES) return FILE_TOO_LARGE;
  const content = await readWithinLimit(res.body);
  return content ? { name: file.name, content } : FILE_TOO_LARGE;
}
