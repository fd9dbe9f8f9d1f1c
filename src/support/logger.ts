import pino from 'pino';

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

export const silentLogger: Logger = pino({ level: 'silent' });
