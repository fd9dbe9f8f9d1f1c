import type { CliCommand } from '../cli-context';
import { rosterCommand } from './roster.command';

/** Every `wbbsi` subcommand (one line each). */
export const cliCommands: CliCommand[] = [rosterCommand];
