import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { Reply } from '../../src/conversation/reply';
import type { Core } from '../../src/core';
import { ERROR_CODES, genericErrorMessage } from '../../src/errors';
import { MAX_IMPORT_BYTES } from '../../src/spreadsheets/spreadsheet.service';
import { errorReference } from '../../src/support/ids';
import type { Logger } from '../../src/support/logger';
import type { ConsoleFiles } from './console-files';
import type { ConsoleNotifier } from './console-notifier';
import { toConsoleReply } from './console-view';

export interface ConsoleImportDeps {
  core: Core;
  logger: Logger;
  notifier: ConsoleNotifier;
  files: ConsoleFiles;
}

// eslint-disable-next-line no-control-regex
const fileName = z.string().trim().min(1).max(200).regex(/^[^\u0000-\u001f\u007f/\\]+$/, 'a plain file name');
const importQuery = z.object({ personId: z.string().trim().min(1).max(128), name: fileName, kind: z.enum(['updates', 'needs', 'responses']).optional() });

/**
 * A slow reply (the import check) finishes in the background and arrives through the inbox, as
 * console-api.ts does for reports (kept here so that file stays untouched by this feature).
 */
function deliverLater(deps: ConsoleImportDeps, personId: string, later: () => Promise<Reply>): void {
  later()
    .then((r) => {
      const out = toConsoleReply(r, personId, deps.files);
      out.messages.forEach((m, i) => deps.notifier.push(personId, m, out.files?.[i]));
      out.files?.slice(out.messages.length).forEach((f) => deps.notifier.push(personId, { text: f.name }, f));
    })
    .catch((err: unknown) => {
      const ref = errorReference();
      deps.logger.error({ err, ref, personId }, 'console: import check failed');
      deps.notifier.push(personId, { text: genericErrorMessage(ref) });
    });
}

/**
 * `POST /console/api/import?personId=…&name=…[&kind=needs]` with the spreadsheet as the raw body
 * (application/octet-stream, up to MAX_IMPORT_BYTES): the upload of the console's file input. The
 * answer says it is being checked; the dry-run summary with its Import button (a normal action
 * button, sent back through /console/api/message) arrives through the inbox. Only the Secretariat
 * may import: anyone else gets the polite refusal.
 */
export function consoleImportRoute(deps: ConsoleImportDeps): Router {
  const router = express.Router();
  router.post('/', express.raw({ type: 'application/octet-stream', limit: MAX_IMPORT_BYTES }), async (req: Request, res: Response) => {
    const q = importQuery.safeParse(req.query);
    if (!q.success || !Buffer.isBuffer(req.body) || !req.body.length) {
      res.status(400).json({ ok: false, error: 'bad_request', messages: [{ text: 'Please choose a spreadsheet file (XLSX or CSV) to upload.' }] });
      return;
    }
    const who = { personId: q.data.personId };
    const file = { name: q.data.name, content: req.body as Buffer, ...(q.data.kind ? { hint: q.data.kind } : {}) };
    const reply = (await deps.core.conversation.uploadRefusal(who)) ?? (await deps.core.conversation.receive(who, { file }, { mode: 'chat', platform: 'console' }));
    if (reply.unregistered) {
      res.status(404).json({ ok: false, error: 'unknown_person', messages: [{ text: ERROR_CODES.NOT_REGISTERED }] });
      return;
    }
    res.json({ ok: true, ...toConsoleReply(reply, q.data.personId, deps.files) });
    if (reply.later) deliverLater(deps, q.data.personId, reply.later);
  });
  return router;
}
