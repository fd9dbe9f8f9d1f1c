import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { SYSTEM_ACTOR } from '../../../src/domain/actor';
import { REPORT_FORMATS, type RenderedFile, type ReportFormat } from '../../../src/render/render-report';
import { parseArgs, type CliCommand } from '../cli-context';

const TEXT_FORMATS: readonly ReportFormat[] = ['md', 'csv', 'json'];

/**
 * `wbbsi report <name> [options] --format md|csv|xlsx|json|png [--out FILE|DIR/] [--table NAME]`,
 * as the Secretariat. Text formats go to stdout without --out; CSV has one file per view, so
 * stdout gets the main view (or --table), and `--out DIR/` writes every file with its own name.
 */
export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'build a report (status, updates, needs, responses, gaps) as Markdown, CSV, XLSX, JSON or a PNG heat map',
  usage: 'wbbsi report <status|updates|needs|responses|gaps> [options] [--format md|csv|xlsx|json|png] [--out FILE|DIR/] [--table NAME]',
  async run(args, { core, out, err }) {
    const { positional, flags } = parseArgs(args);
    const format = (typeof flags.format === 'string' ? flags.format.toLowerCase() : 'md') as ReportFormat;
    if (!positional[0] || !REPORT_FORMATS.includes(format)) {
      err(positional[0] ? `--format must be one of ${REPORT_FORMATS.join(', ')}.` : `Usage: ${reportCommand.usage}`);
      return 2;
    }
    const service = core.reports;
    const prepared = await service.prepare(SYSTEM_ACTOR, positional[0], positional.slice(1));
    if (!prepared.ok) {
      err(prepared.message.replace(/\*/g, ''));
      return 2;
    }
    const report = await prepared.build();
    let files = await service.render(report, [format]);
    if (!files.length) {
      err(`The ${prepared.definition.id} report has no heat map; try --format xlsx.`);
      return 2;
    }
    if (format === 'csv' && typeof flags.table === 'string') {
      const wanted = flags.table.toLowerCase().replace(/[^a-z0-9]+/g, '-');
      files = files.filter((f) => f.name.replace(/\.csv$/, '').endsWith(`-${wanted}`));
      if (!files.length) {
        err(`No view called "${flags.table}". Views: ${report.tables.map((t) => t.name).join(', ')}.`);
        return 2;
      }
    }
    const target = typeof flags.out === 'string' ? flags.out : undefined;
    if (!target && TEXT_FORMATS.includes(format)) {
      process.stdout.write(files[0]!.content);
      if (files.length > 1) err(`(${files.length - 1} more views; use --table NAME or --out DIR/ for them: ${report.tables.slice(1).map((t) => t.name).join(', ')})`);
      return 0;
    }
    for (const path of write(files, target)) out(`Wrote ${path}`);
    return 0;
  },
};

/** Into a directory (its own names), or one file name (further CSV views beside it, suffixed). */
function write(files: RenderedFile[], target: string | undefined): string[] {
  const toDir = !target || target.endsWith('/') || (existsSync(target) && statSync(target).isDirectory());
  if (toDir) {
    const dir = target ?? '.';
    mkdirSync(dir, { recursive: true });
    return files.map((f) => {
      const path = join(dir, f.name);
      writeFileSync(path, f.content);
      return path;
    });
  }
  const ext = extname(target);
  const stem = join(dirname(target), basename(target, ext));
  return files.map((f, i) => {
    const path = i === 0 ? target : `${stem}-${f.name.replace(/^.*?-\d{4}-\d{2}-\d{2}-/, '').replace(/\.[a-z]+$/, '')}${ext}`;
    writeFileSync(path, f.content);
    return path;
  });
}
