import { writeFileSync } from 'node:fs';
import { SYSTEM_ACTOR } from '../../../src/domain/actor';
import { isAppError } from '../../../src/errors';
import { finalizeMessage } from '../../../src/messages/finalize';
import { toCsv } from '../../../src/render/to-csv';
import { historyMessage } from '../../../src/submissions/history';
import { auditMessage, type AuditFilter } from '../../../src/submissions/audit-log';
import { parseArgs, type CliCommand, type CliContext } from '../cli-context';

/** No chat bold in a terminal. */
const plain = (text: string) => text.replace(/\*([^*\s][^*]*)\*/g, '$1');

/** An expected refusal (not found, bad date…) is one line on stderr and exit code 1. */
async function politely(ctx: CliContext, fn: () => Promise<number>): Promise<number> {
  try {
    return await fn();
  } catch (e) {
    if (isAppError(e)) {
      ctx.err(plain(e.userMessage));
      return 1;
    }
    throw e;
  }
}

/** `wbbsi history <id>`: a record's, meeting's or product's versions, as in chat. */
export const historyCommand: CliCommand = {
  name: 'history',
  summary: 'the versions of a record, meeting or product: when, who, which fields changed from what to what',
  usage: 'wbbsi history <id>   (e.g. NM-2026-RS-014, MT-2027-001, PR-009)',
  async run(args, ctx) {
    const [id] = parseArgs(args).positional;
    if (!id) {
      ctx.err(`Usage: ${historyCommand.usage}`);
      return 2;
    }
    return politely(ctx, async () => {
      const m = finalizeMessage(historyMessage(await ctx.core.records.history.of(SYSTEM_ACTOR, id), ctx.core.config.timezone));
      ctx.out(plain(m.text));
      if (m.footnote) ctx.out(`\n${m.footnote}`);
      return 0;
    });
  },
};

/**
 * `wbbsi audit [--record ID] [--person E-MAIL|NAME] [--from DATE] [--to DATE] [--format text|csv] [--out FILE]`:
 * the audit log, every matching entry (text: the latest 200 unless --limit).
 */
export const auditCommand: CliCommand = {
  name: 'audit',
  summary: 'the audit log by record, person and dates, as text or CSV',
  usage: 'wbbsi audit [--record ID] [--person E-MAIL|NAME] [--from DATE] [--to DATE] [--limit N] [--format text|csv] [--out FILE]',
  async run(args, ctx) {
    const { positional, flags } = parseArgs(args);
    const str = (k: string) => (typeof flags[k] === 'string' ? (flags[k] as string) : undefined);
    const format = str('format') ?? 'text';
    const limit = str('limit') ? Number(str('limit')) : format === 'csv' ? 100_000 : 200;
    if (positional.length > 1 || !['text', 'csv'].includes(format) || !Number.isInteger(limit) || limit < 1) {
      ctx.err(`Usage: ${auditCommand.usage}`);
      return 2;
    }
    const filter: AuditFilter = { limit };
    const record = str('record') ?? positional[0];
    if (record) filter.entityId = record.toUpperCase();
    if (str('person')) filter.person = str('person');
    if (str('from')) filter.from = str('from');
    if (str('to')) filter.to = str('to');
    return politely(ctx, async () => {
      const found = await ctx.core.records.audit(SYSTEM_ACTOR, filter);
      if (format === 'csv') {
        const csv = await toCsv(ctx.core.records.auditTable(found.entries));
        if (str('out')) {
          writeFileSync(str('out')!, csv);
          ctx.out(`Wrote ${str('out')} (${found.entries.length} entries${found.more ? `; more than --limit ${limit}, the latest kept` : ''}).`);
        } else process.stdout.write(csv);
        return 0;
      }
      const m = finalizeMessage(auditMessage({ ...found, more: false }, ctx.core.config.timezone));
      ctx.out(plain(m.text));
      if (found.more) ctx.out(`(the latest ${found.entries.length}; use --limit N or --format csv for more)`);
      if (m.footnote) ctx.out(`\n${m.footnote}`);
      return 0;
    });
  },
};
