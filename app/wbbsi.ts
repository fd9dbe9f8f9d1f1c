#!/usr/bin/env node
import { createApp } from './app';
import { ConfigError, loadConfig } from '../src/config';
import { createLogger } from '../src/support/logger';
import { cliCommands } from '../adapters/cli/commands';

/**
 * The `wbbsi` operator command. It runs on the server with the app's environment and acts as the
 * Secretariat (SYSTEM_ACTOR): access to it is access to the server.
 */
async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = cliCommands.find((c) => c.name === name);
  if (!command || name === 'help' || name === '--help') {
    console.log('Usage: wbbsi <command> …\n');
    for (const c of cliCommands) console.log(`  ${c.usage}\n      ${c.summary}`);
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
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn', process.stderr as never);
  const app = await createApp({ config, logger });
  try {
    return await command.run(rest, {
      core: app.core,
      out: (line) => process.stdout.write(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`),
    });
  } finally {
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
