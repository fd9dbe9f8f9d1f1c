#!/usr/bin/env node
import { createApp } from './app';
import { ConfigError, loadConfig } from '../src/config';
import { createLoggerFor } from '../src/support/logger';
import { cliCommands } from '../adapters/cli/commands';
import { cliOutput } from '../adapters/cli/cli-output';

/**
 * The `wbbsi` operator command. It runs on the server with the app's environment and acts as the
 * Secretariat (SYSTEM_ACTOR): access to it is access to the server. It prints only its own output;
 * logs appear with --verbose (level info) or LOG_LEVEL, on stderr.
 */
async function main(argv: string[]): Promise<number> {
  const verbose = argv.includes('--verbose');
  const [name, ...rest] = argv.filter((a) => a !== '--verbose');
  const command = cliCommands.find((c) => c.name === name);
  if (!command || name === 'help' || name === '--help') {
    console.log('Usage: wbbsi <command> … [--verbose]\n');
    for (const c of cliCommands) console.log(`  ${c.usage}\n      ${c.summary}`);
    console.log('\n  --verbose shows the app\'s logs on stderr (or set LOG_LEVEL).');
    return name && name !== 'help' && name !== '--help' ? 2 : 0;
  }
  let config;
  try {
    config = loadConfig({ ...process.env, SCHEDULER_ENABLED: 'false' });
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }
  const level = process.env.LOG_LEVEL ? config.logLevel : verbose ? 'info' : 'silent';
  const logger = createLoggerFor(process.stderr, level);
  // Only a command that sends messages needs Slack or Teams (and their SDKs); the others read and write data.
  const app = await createApp({ config, logger, components: command.sends?.(rest) ?? false });
  const output = cliOutput(process.stdout, process.stderr);
  try {
    return await command.run(rest, { core: app.core, out: output.out, err: output.err });
  } finally {
    output.finish();
    await app.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`wbbsi: ${err.message}`);
    process.exit(1);
  },
);
