import type { Core } from '../../src/core';

/** What a `wbbsi` subcommand gets: the core (store, clock, notifier) and where to write. */
export interface CliContext {
  core: Core;
  out: (line: string) => void;
  err: (line: string) => void;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /**
   * True when this run needs the platforms (Slack, Teams): to send, or to ask them whom they can
   * reach. Only then are the platform adapters and their SDKs loaded. Default: it does not.
   */
  sends?(args: string[]): boolean;
  /** Returns the process exit code. */
  run(args: string[], ctx: CliContext): Promise<number>;
}

/** Tiny argv parser: positionals plus --flag value / --flag=value / --switch. */
export function parseArgs(args: string[]): { positional: string[]; flags: Record<string, string | true> } {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) flags[a.slice(2, eq)] = a.slice(eq + 1);
      else if (args[i + 1] !== undefined && !args[i + 1]!.startsWith('--')) flags[a.slice(2)] = args[++i]!;
      else flags[a.slice(2)] = true;
    } else positional.push(a);
  }
  return { positional, flags };
}
