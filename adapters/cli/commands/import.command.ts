import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { SYSTEM_ACTOR } from '../../../src/domain/actor';
import { IMPORT_KINDS, parseKind } from '../../../src/spreadsheets/import-kinds';
import { plain, resultText } from '../../../src/spreadsheets/import-messages';
import type { Progress } from '../../../src/spreadsheets/walk-file';
import { parseArgs, type CliCommand } from '../cli-context';

/**
 * `wbbsi import <updates|needs|responses> FILE [--dry-run]`, as the Secretariat. Every row is
 * checked first; with any problem nothing is written (exit 1) and each problem is listed with its
 * row and column. Progress goes to stderr. Exit codes: 0 done, 1 refused with problems, 2 usage.
 */
export const importCommand: CliCommand = {
  name: 'import',
  summary: 'import updates, needs or responses from an XLSX or CSV file (all or nothing; --dry-run only checks)',
  usage: `wbbsi import <${IMPORT_KINDS.join('|')}> FILE [--dry-run]`,
  async run(args, { core, out, err }) {
    const { positional, flags } = parseArgs(args);
    const kind = parseKind(positional[0]);
    const path = positional[1];
    if (!kind || !path || positional.length > 2) {
      err(`Usage: ${importCommand.usage}`);
      return 2;
    }
    let content: Buffer;
    try {
      if (!statSync(path).isFile()) throw new Error('not a file');
      content = readFileSync(path);
    } catch (e) {
      err(`Cannot read ${path}: ${(e as Error).message}`);
      return 2;
    }
    const dryRun = flags['dry-run'] === true;
    const onProgress = (p: Progress) => {
      if (p.done || p.rows % 1000 === 0) err(`${p.phase === 'checking' ? 'Checking' : 'Writing'}: ${p.rows.toLocaleString('en-GB')} rows${p.done ? ', done' : ''}`);
    };
    const file = { name: basename(path), content };
    const result = dryRun ? await core.spreadsheets.dryRun(SYSTEM_ACTOR, kind, file, { onProgress }) : await core.spreadsheets.apply(SYSTEM_ACTOR, kind, file, { onProgress });
    const text = plain(resultText(result, dryRun ? 'dry-run' : 'applied'));
    if (!result.ok) {
      err(text);
      return 1;
    }
    out(text);
    return 0;
  },
};
