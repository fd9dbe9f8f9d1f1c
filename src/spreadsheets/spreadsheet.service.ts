import { randomBytes } from 'node:crypto';
import type { Store } from '../db/store';
import type { Actor } from '../domain/actor';
import { isSecretariat } from '../domain/permissions';
import { AppError, isAppError } from '../errors';
import type { BotFile } from '../messages/bot-message';
import type { Clock } from '../support/clock';
import { IMPORT_KINDS, KIND_NOUN, parseKind, type ImportKind } from './import-kinds';
import { headerScore } from './parse-row';
import { readSheets, UnreadableFile, type SheetRow, type UploadedFile } from './read-sheet';
import { normaliseHeader } from './sheet-layout';
import { loadStoredIndex, organisationNames } from './stored-records';
import { buildTemplate, type TemplateFormat } from './template';
import { walkFile, type FileCheck, type Progress, type WalkEnv } from './walk-file';
import { createRowWriter, type Written } from './write-rows';

/** Largest spreadsheet accepted from chat or the console (5,000 filled rows take about 1–2 MB). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** How long a checked upload waits for its Import button. */
const STAGED_TTL_MS = 24 * 3600_000;

export interface ImportResult extends FileCheck {
  ok: boolean;
  kind: ImportKind;
  fileName: string;
  /** Set when the import was written. */
  written?: Written;
}

export interface ImportOptions {
  onProgress?: (p: Progress) => void;
}

export const IMPORT_REFUSED = 'Sorry, only the IISG Secretariat can import spreadsheets. To report a record, type *update*, *need* or *response*.';

export interface SpreadsheetServiceDeps {
  store: Store;
  clock: Clock;
  timezone: string;
}

/**
 * Templates, and validated all-or-nothing imports of updates, needs and responses, for the CLI,
 * chat and the console. Only the Secretariat imports. An import is one audit entry naming the file
 * and the counts, besides each record's own version and audit entry.
 */
export function createSpreadsheetService(deps: SpreadsheetServiceDeps) {
  const { store } = deps;

  function assertMayImport(actor: Actor): void {
    if (!isSecretariat(actor)) throw new AppError('FORBIDDEN', IMPORT_REFUSED);
  }

  async function env(actor: Actor, kind: ImportKind, opts: ImportOptions): Promise<WalkEnv> {
    const orgs = await organisationNames(store);
    return {
      store,
      actor,
      kind,
      index: await loadStoredIndex(store, actor, kind),
      parse: { now: deps.clock.now(), timeZone: actor.timezone ?? deps.timezone, organisations: orgs.options, orgCodes: orgs.codes },
      onProgress: opts.onProgress,
    };
  }

  function refusedFile(kind: ImportKind, file: UploadedFile, err: UnreadableFile): ImportResult {
    return { ok: false, kind, fileName: file.name, rows: 0, counts: { create: 0, update: 0, unchanged: 0 }, problems: [{ row: 1, message: err.message }], moreProblems: 0 };
  }

  async function check(actor: Actor, kind: ImportKind, file: UploadedFile, opts: ImportOptions): Promise<{ result: ImportResult; walk: WalkEnv }> {
    assertMayImport(actor);
    const walk = await env(actor, kind, opts);
    try {
      const checked = await walkFile(walk, file, 'checking');
      return { result: { ...checked, ok: !checked.problems.length, kind, fileName: file.name }, walk };
    } catch (err) {
      if (err instanceof UnreadableFile) return { result: refusedFile(kind, file, err), walk };
      throw err;
    }
  }

  const service = {
    store,

    template(kind: ImportKind, format: TemplateFormat): Promise<BotFile> {
      return buildTemplate(store, kind, format);
    },

    /** Every row checked, nothing written: what an import would do, or every problem with its row and column. */
    async dryRun(actor: Actor, kind: ImportKind, file: UploadedFile, opts: ImportOptions = {}): Promise<ImportResult> {
      return (await check(actor, kind, file, opts)).result;
    },

    /** Checks the whole file, then (only when nothing is wrong) writes it. */
    async apply(actor: Actor, kind: ImportKind, file: UploadedFile, opts: ImportOptions = {}): Promise<ImportResult> {
      const { result, walk } = await check(actor, kind, file, opts);
      if (!result.ok || !(result.counts.create + result.counts.update)) return result;
      const writer = createRowWriter(store, actor, kind);
      let again: FileCheck;
      let written: Written;
      try {
        again = await walkFile(walk, file, 'writing', (plan) => writer.add(plan));
        written = await writer.finish();
      } catch (err) {
        await writer.settle();
        if (!(isAppError(err) && err.code === 'CONFLICT')) throw err;
        const done = writer.written.created + writer.written.updated;
        const message = `Someone changed a record while the import ran, so I stopped after ${done} rows. Import the same file again to finish: rows already written are skipped.`;
        return { ...result, ok: false, written: writer.written, problems: [{ row: 1, message }] };
      }
      // The second pass sees what the first saw, unless someone changed a record in between.
      if (again.problems.length) return { ...again, ok: false, kind, fileName: file.name, written };
      await store.audit.record(actor, {
        action: 'import',
        entity: 'spreadsheet',
        entityId: `${kind}|${file.name}|${deps.clock.now().toISOString()}`,
        note: `${file.name}: ${result.rows} rows of ${KIND_NOUN[kind]}; ${written.created} created, ${written.updated} updated, ${result.counts.unchanged} unchanged`,
      });
      return { ...result, written };
    },

    /**
     * Which kind a file holds (chat uploads say nothing else): the words of the message, the sheet's
     * name, a header complete for one kind, the file's name, or the prefix of the first row's id.
     */
    async detectKind(file: UploadedFile, hint?: string): Promise<ImportKind | null> {
      const said = (text: string | undefined) => parseKind(text?.toLowerCase().match(/\b(updates?|needs?|responses?)\b/)?.[1]);
      if (said(hint)) return said(hint)!;
      const scores = new Map<ImportKind, number>();
      let byId: ImportKind | undefined;
      for await (const sheet of readSheets(file)) {
        const named = parseKind(sheet.name.replace(/^import\s+/i, ''));
        if (named) return named;
        const rows: SheetRow[] = [];
        for await (const row of sheet.rows) {
          if (row.cells.some((c) => c !== null && c !== '')) rows.push(row);
          if (rows.length === 2) break;
        }
        if (!rows.length) continue;
        for (const k of IMPORT_KINDS) {
          const s = headerScore(k, rows[0]!);
          if (s.complete) scores.set(k, Math.max(scores.get(k) ?? 0, s.known));
        }
        const idAt = rows[0]!.cells.findIndex((c) => typeof c === 'string' && normaliseHeader(c) === 'id');
        const id = idAt >= 0 ? rows[1]?.cells[idAt] : undefined;
        byId ??= typeof id === 'string' ? ({ DU: 'updates', NM: 'needs', RM: 'responses' } as const)[id.trim().slice(0, 2).toUpperCase()] : undefined;
      }
      const ranked = [...scores].sort((a, b) => b[1] - a[1]);
      if (ranked.length === 1 || (ranked.length > 1 && ranked[0]![1] > ranked[1]![1])) return ranked[0]![0];
      return said(file.name.replace(/[^A-Za-z]+/g, ' ')) ?? byId ?? null;
    },

    /**
     * The dry run of an upload from chat or the console, kept (with the file) for 24 hours under an id
     * that the Import button carries. The file is stored, not the plan: the import checks it again.
     */
    async stage(actor: Actor, kind: ImportKind, file: UploadedFile, opts: ImportOptions = {}): Promise<{ result: ImportResult; id: string | null }> {
      const result = await service.dryRun(actor, kind, file, opts);
      if (!result.ok || !(result.counts.create + result.counts.update)) return { result, id: null };
      const now = deps.clock.now();
      const id = `import-${kind}-${randomBytes(12).toString('base64url')}`;
      await store.files.put({
        _id: id,
        name: file.name,
        mimeType: 'application/octet-stream',
        size: file.content.length,
        content: file.content,
        personId: actor.personId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + STAGED_TTL_MS),
      });
      return { result, id };
    },

    /** The Import button: applies a staged upload once, however often the button is pressed. */
    async applyStaged(actor: Actor, id: string, opts: ImportOptions = {}): Promise<ImportResult | 'expired' | 'done'> {
      assertMayImport(actor);
      const kind = parseKind(/^import-([a-z]+)-/.exec(id)?.[1]);
      const staged = kind ? await store.files.getLive(id) : null;
      if (!kind || !staged) return 'expired';
      // Claimed by an insert (exactly once on FerretDB and MongoDB): a second click does nothing.
      if (!(await store.seenKeys.claim(`import-apply|${id}`, STAGED_TTL_MS))) return 'done';
      try {
        const result = await service.apply(actor, kind, { name: staged.name, content: staged.content }, opts);
        if (!result.ok) await store.seenKeys.release(`import-apply|${id}`);
        return result;
      } catch (err) {
        await store.seenKeys.release(`import-apply|${id}`).catch(() => undefined);
        throw err;
      }
    },
  };
  return service;
}
export type SpreadsheetService = ReturnType<typeof createSpreadsheetService>;
