import type { Logger as SlackLogger } from '@slack/bolt';
import { LogLevel } from '@slack/web-api';
import type { Logger } from '../../src/support/logger';

// Bolt and the WebClient dump request/response bodies (message texts, answers) at debug level: we
// never log message texts, so those lines are dropped.
const BODY_DUMP = /^(http request (body|headers|result)|ack\(\) |stored response|\{)/;

function write(log: Logger, level: 'debug' | 'info' | 'warn' | 'error', msg: unknown[]): void {
  if (!log.isLevelEnabled(level)) return;
  const err = msg.find((m): m is Error => m instanceof Error);
  const text = msg.filter((m) => !(m instanceof Error)).map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  if (level === 'debug' && BODY_DUMP.test(text)) return;
  if (err) log[level]({ err }, text || err.message);
  else log[level](text);
}

/** Bolt's and the WebClient's logger interface over our pino logger (levels are pino's). */
export function slackLogger(log: Logger): SlackLogger {
  return {
    debug: (...msg: unknown[]) => write(log, 'debug', msg),
    info: (...msg: unknown[]) => write(log, 'info', msg),
    warn: (...msg: unknown[]) => write(log, 'warn', msg),
    error: (...msg: unknown[]) => write(log, 'error', msg),
    setLevel: () => undefined,
    getLevel: () => (log.isLevelEnabled('debug') ? LogLevel.DEBUG : log.isLevelEnabled('info') ? LogLevel.INFO : log.isLevelEnabled('warn') ? LogLevel.WARN : LogLevel.ERROR),
    setName: () => undefined,
  };
}
