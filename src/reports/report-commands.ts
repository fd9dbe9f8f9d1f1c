import type { CommandSpec } from '../conversation/command-registry';
import { say, type Reply } from '../conversation/reply';
import type { Actor } from '../domain/actor';
import { genericErrorMessage, isAppError } from '../errors';
import type { BotMessage } from '../messages/bot-message';
import { errorReference } from '../support/ids';
import type { Logger } from '../support/logger';
import type { RenderedFile } from '../render/render-report';
import type { Report } from '../render/report-model';
import type { ReportService } from './report.service';

/**
 * `report` in chat (Slack `/wbbsi report …`, Teams `report …`). Everyone may type it: the service
 * decides, since a member may run `report status` for their own organisation. The answer comes
 * at once ("working on it", within Slack's 3-second ack) and the report itself in `later`.
 */
export function reportCommand(service: ReportService, logger: Logger): CommandSpec {
  return {
    name: 'report',
    aliases: ['reports'],
    access: 'everyone',
    summary: 'reports as spreadsheets: status, updates, needs, responses, gaps (type *report* for the list)',
    usage: 'report [name] [options]',
    // Members may run only their own organisation's status; the other reports are not offered to them.
    helpLine: (actor) =>
      service.available(actor).length === 0
        ? undefined
        : actor.role === 'member'
          ? "• *report status* — your organisation's reporting status, as a spreadsheet"
          : '• *report [name] [options]* — reports as spreadsheets: status, updates, needs, responses, gaps',
    run: async (actor, args) => {
      if (!args.length) return say(listMessage(service, actor));
      const prepared = await service.prepare(actor, args[0]!, args.slice(1));
      if (!prepared.ok) return say(prepared.message);
      const name = prepared.definition.id;
      return {
        messages: [{ text: `Working on the ${name} report… I will post it here with the files in a moment.` }],
        later: async (): Promise<Reply> => {
          try {
            const report = await prepared.build();
            const files = await service.chatFiles(report);
            return { messages: [summaryMessage(report, files)], files };
          } catch (err) {
            if (isAppError(err)) return say(err.userMessage);
            const ref = errorReference();
            logger.error({ err, ref, personId: actor.personId, report: name }, 'report failed');
            return say(genericErrorMessage(ref));
          }
        },
      };
    },
  };
}

function listMessage(service: ReportService, actor: Actor): BotMessage {
  const mine = service.available(actor);
  if (!mine.length) return { text: 'Reports are for the IISG Secretariat and the Board. Type *mine* to see your own records and status.' };
  const lines = mine.map((d) => `• *${d.usage}* — ${d.summary}${actor.role === 'member' && d.id === 'status' ? ' (your organisation)' : ''}`);
  return {
    text: `*Reports* you can run:\n${lines.join('\n')}\nExample: *${mine[mine.length - 1]!.example}*. Options can come in any order; quarters look like 2026-Q4, countries can be names or codes (AL, XK).`,
  };
}

export function summaryMessage(report: Report, files: readonly RenderedFile[]): BotMessage {
  const lines = [`*${report.title}*${report.subtitle ? ` — ${report.subtitle}` : ''}`, ...report.summary.map((l) => `• ${l}`)];
  lines.push(`_Files: ${files.map((f) => f.name).join(', ')}. The spreadsheet has one sheet per view._`);
  return { text: lines.join('\n') };
}
