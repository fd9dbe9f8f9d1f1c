import type { CliCommand } from '../cli-context';
import { exemptCommand } from './exempt.command';
import { auditCommand, historyCommand } from './history.command';
import { importCommand } from './import.command';
import { meetingCommand } from './meeting.command';
import { remindCommand } from './remind.command';
import { reportCommand } from './report.command';
import { rosterCommand } from './roster.command';
import { templateCommand } from './template.command';

/** Every `wbbsi` subcommand (one line each). */
export const cliCommands: CliCommand[] = [rosterCommand, remindCommand, meetingCommand, reportCommand, exemptCommand, historyCommand, auditCommand, templateCommand, importCommand];
