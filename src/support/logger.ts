import pino from 'pino';
import { prettyDestination } from './pretty-log';

export type Logger = pino.Logger;

/**
 * Structured JSON logs. Tokens, secrets and message texts are redacted by key, so a stray
 * `log.info({ config })` or `log.debug({ body })` cannot leak them.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'wbbsi-bot' },
      redact: {
        paths: [
          '*.botToken', '*.appToken', '*.signingSecret', '*.appPassword', '*.token', '*.password',
          '*.authorization', 'headers.authorization', '*.headers.authorization', '*.fileLinkSecret',
          '*.email', 'email', '*.text', 'text', '*.answers', 'answers', 'mongodbUri', '*.mongodbUri',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

/**
 * Logs for whoever watches `out`: readable lines when it is a terminal (a person started the app),
 * JSON lines otherwise (a service manager, a pipe, a log collector). Redaction is the same either way.
 */
export function createLoggerFor(out: NodeJS.WriteStream, level: string): Logger {
  if (out.isTTY) return createLogger(level, prettyDestination(out));
  return createLogger(level, out === process.stdout ? undefined : out);
}

export const silentLogger: Logger = pino({ level: 'silent' });
