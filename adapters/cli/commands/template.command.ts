import { writeFileSync } from 'node:fs';
import { IMPORT_KINDS, parseKind } from '../../../src/spreadsheets/import-kinds';
import { TEMPLATE_FORMATS, type TemplateFormat } from '../../../src/spreadsheets/template';
import { parseArgs, type CliCommand } from '../cli-context';

/** `wbbsi template <updates|needs|responses> [--format xlsx|csv] [--out FILE]`: the import template. */
export const templateCommand: CliCommand = {
  name: 'template',
  summary: 'write the spreadsheet template for importing updates, needs or responses (XLSX or CSV)',
  usage: `wbbsi template <${IMPORT_KINDS.join('|')}> [--format xlsx|csv] [--out FILE]`,
  async run(args, { core, out, err }) {
    const { positional, flags } = parseArgs(args);
    const kind = parseKind(positional[0]);
    const format = (typeof flags.format === 'string' ? flags.format.toLowerCase() : 'xlsx') as TemplateFormat;
    if (!kind || !TEMPLATE_FORMATS.includes(format) || positional.length > 1) {
      err(kind ? `--format must be one of ${TEMPLATE_FORMATS.join(', ')}.` : `Usage: ${templateCommand.usage}`);
      return 2;
    }
    const file = await core.spreadsheets.template(kind, format);
    const target = typeof flags.out === 'string' ? flags.out : file.name;
    writeFileSync(target, file.content);
    out(`Wrote ${target}`);
    return 0;
  },
};
