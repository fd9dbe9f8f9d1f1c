import { ConfigError, exposureRisk, loadConfig } from '../src/config';
import { EmbeddedDatabaseError } from '../src/db/embedded-ferretdb';
import { createLoggerFor } from '../src/support/logger';
import { createApp, InsecureExposureError } from './app';
import { startBanner } from './banner';

/** `npm start`: read the environment, start the bot, stop cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  // Refused before anything starts (the database included); app.start() checks again for other callers.
  const risk = exposureRisk(config);
  if (risk && !config.allowInsecureTrial) {
    console.error(new InsecureExposureError(`Refusing to start. ${risk}`).message);
    process.exit(2);
  }
  const logger = createLoggerFor(process.stdout, config.logLevel); // readable in a terminal, JSON otherwise
  let app;
  try {
    app = await createApp({ config, logger });
    await app.start();
  } catch (err) {
    if (err instanceof EmbeddedDatabaseError) {
      console.error(`Cannot start the embedded database:\n${err.message}`);
      process.exit(3);
    }
    logger.fatal({ err }, 'failed to start');
    process.exit(1);
  }
  const started = app;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    await started.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled promise rejection'));
  if (process.stdout.isTTY) {
    process.stdout.write(startBanner({ config, port: started.port, database: started.database.kind, colour: !process.env.NO_COLOR }));
    return;
  }
  const base = config.publicUrl;
  logger.info(`Open ${base}/console to try the bot${config.consoleEnabled ? '' : ' (console disabled)'}; health: ${base}/healthz`);
}

void main();
