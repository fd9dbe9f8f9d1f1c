import { say, type Reply } from '../conversation/reply';
import type { ActionHandler } from '../conversation/action-registry';
import type { Actor } from '../domain/actor';
import { isSecretariat } from '../domain/permissions';
import { genericErrorMessage, isAppError, isDatabaseUnavailable } from '../errors';
import type { BotFile } from '../messages/bot-message';
import type { FeatureModule, FileHandler, ModuleContext } from '../module';
import { errorReference } from '../support/ids';
import { IMPORT_KINDS, parseKind, type ImportKind } from './import-kinds';
import { problemsFile, resultText } from './import-messages';
import { importLayoutSheet } from './import-sheet';
import { UnreadableFile } from './read-sheet';
import { createSpreadsheetService, IMPORT_REFUSED, MAX_IMPORT_BYTES, type ImportResult, type SpreadsheetService } from './spreadsheet.service';
import { TEMPLATE_FORMATS, type TemplateFormat } from './template';

export const IMPORT_ACTIONS = { apply: 'import.apply', cancel: 'import.cancel' } as const;

const KINDS = IMPORT_KINDS.join('|');
const HOW_TO_IMPORT = `To import, send me the filled-in spreadsheet (XLSX or CSV) here in our chat. I check every row first and show what the import would do; nothing is written until you press *Import*. Get a template with *template needs* (or updates, responses).`;

/**
 * Spreadsheets: templates (`template needs`), the check and import of a file the Secretariat sends
 * (Slack DM, Teams personal chat, console upload: the file handler), the Import / Cancel buttons of
 * the check, and the import-layout sheet added to the reports' XLSX (the round trip).
 */
export function spreadsheetsModule(ctx: ModuleContext): FeatureModule<SpreadsheetService> {
  const service = createSpreadsheetService({ store: ctx.store, clock: ctx.clock, timezone: ctx.config.timezone });
  ctx.xlsxAppendices.set('import-layout', importLayoutSheet(service.store));

  /** A slow step outside the conversation's own error handling: always an answer, never silence. */
  async function guard(actor: Actor, what: string, work: () => Promise<Reply>): Promise<Reply> {
    try {
      return await work();
    } catch (err) {
      if (isAppError(err)) return say(err.userMessage);
      if (isDatabaseUnavailable(err)) return say('I lost the database during the import. Nothing is lost: send the file (or press Import) again when it is back, and the rows already written are skipped.');
      const ref = errorReference();
      ctx.logger.error({ err, ref, personId: actor.personId }, what);
      return say(genericErrorMessage(ref));
    }
  }

  function replyFor(result: ImportResult, mode: 'applied' | 'chat-check', stagedId?: string | null): Reply {
    const file = problemsFile(result);
    const buttons = stagedId
      ? [
          { label: 'Import', action: IMPORT_ACTIONS.apply, value: stagedId, style: 'primary' as const },
          { label: 'Cancel', action: IMPORT_ACTIONS.cancel, value: stagedId },
        ]
      : undefined;
    const files: BotFile[] = file ? [file] : [];
    return { messages: [{ text: resultText(result, mode), ...(buttons ? { buttons } : {}) }], ...(files.length ? { files } : {}) };
  }

  const apply: ActionHandler = async (actor, value) => {
    if (!isSecretariat(actor)) return say(IMPORT_REFUSED);
    return {
      messages: [{ text: 'Importing… I will tell you here when it is done.' }],
      later: () =>
        guard(actor, 'import failed', async () => {
          const result = await service.applyStaged(actor, value);
          if (result === 'expired') return say('That import has expired (files wait 24 hours). Please send the file again.');
          if (result === 'done') return say('This file has already been imported (or the import is still running).');
          return replyFor(result, 'applied');
        }),
    };
  };

  const files: FileHandler = {
    refusal: (actor) => (isSecretariat(actor) ? null : say(IMPORT_REFUSED)),
    /** Checked (a dry run) in `later`, answered with the summary and an Import button, or with every problem. */
    receive(actor, file) {
      if (!isSecretariat(actor)) return say(IMPORT_REFUSED);
      if (file.content.length > MAX_IMPORT_BYTES) return say(`*${file.name}* is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Please split it into smaller files.`);
      return {
        messages: [{ text: `Checking *${file.name}*. Large files take up to a minute; nothing is written yet.` }],
        later: () =>
          guard(actor, 'import check failed', async () => {
            let kind: ImportKind | null;
            try {
              kind = await service.detectKind(file, file.hint);
            } catch (err) {
              if (err instanceof UnreadableFile) return say(err.message);
              throw err;
            }
            if (!kind) return say(`I could not tell whether *${file.name}* holds updates, needs or responses. Please use a template (*template needs*), or send the file again with the word *needs*, *updates* or *responses* in the message.`);
            const { result, id } = await service.stage(actor, kind, file);
            return replyFor(result, 'chat-check', id);
          }),
      };
    },
  };

  return {
    id: 'spreadsheets',
    api: service,
    files,
    commands: [
      {
        name: 'template',
        aliases: ['templates'],
        access: 'secretariat',
        summary: 'a spreadsheet template to import updates, needs or responses in bulk',
        usage: `template <${KINDS}> [xlsx|csv]`,
        run: async (_actor, args) => {
          const kind = parseKind(args[0]);
          const format = (args[1]?.toLowerCase() ?? 'xlsx') as TemplateFormat;
          if (!kind || !TEMPLATE_FORMATS.includes(format)) return say(`Which template? Type *template needs*, *template updates* or *template responses* (add *csv* for a CSV file).`);
          const file = await service.template(kind, format);
          return { messages: [{ text: `Here is the template for ${kind}. Fill in one row per record, then send the file back to me here. ${format === 'xlsx' ? 'The Instructions sheet says what each column takes.' : ''}`.trim() }], files: [file] };
        },
      },
      { name: 'import', access: 'secretariat', summary: 'bring in updates, needs or responses from a spreadsheet (send me the file)', usage: 'import', run: async () => say(HOW_TO_IMPORT) },
    ],
    actions: {
      [IMPORT_ACTIONS.cancel]: async () => say('All right, nothing was imported.'),
      [IMPORT_ACTIONS.apply]: apply,
    },
  };
}
