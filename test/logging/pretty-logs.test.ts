import { createLoggerFor } from '../../src/support/logger';

/** A stand-in for process.stdout: a terminal or not, keeping what was written. */
function stream(isTTY: boolean) {
  const written: string[] = [];
  return { out: { isTTY, write: (s: string) => written.push(s) > 0 } as unknown as NodeJS.WriteStream, text: () => written.join('') };
}

describe('logs for a terminal and for machines', () => {
  const secrets = { config: { botToken: 'xoxb-1234-secret', signingSecret: 'shh-signing' }, email: 'ana@mup.gov.rs', text: 'what Ana typed' };

  it('in a terminal: one readable line per entry, secrets and personal data still redacted', () => {
    const s = stream(true);
    const log = createLoggerFor(s.out, 'info');
    log.info({ port: 3978, components: ['console', 'teams'], ...secrets }, 'wbbsi-bot is up');
    log.warn('database disconnected');
    log.debug('not at this level');
    const lines = s.text().replace(/\u001b\[[0-9;]*m/g, '').trimEnd().split('\n'); // eslint-disable-line no-control-regex
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d INFO {2}wbbsi-bot is up {2}port=3978 components=console,teams /);
    expect(lines[1]).toMatch(/^\d\d:\d\d:\d\d WARN {2}database disconnected$/);
    expect(s.text()).not.toMatch(/xoxb-1234-secret|shh-signing|ana@mup\.gov\.rs|what Ana typed/);
    expect(s.text()).toContain('[redacted]');
  });

  it('an error in a terminal shows its message and stack under the line', () => {
    const s = stream(true);
    createLoggerFor(s.out, 'info').error({ err: new Error('socket hang up') }, 'delivery failed');
    const text = s.text().replace(/\u001b\[[0-9;]*m/g, ''); // eslint-disable-line no-control-regex
    expect(text).toMatch(/ERROR delivery failed \(socket hang up\)\n {4}Error: socket hang up\n\s+at /);
  });

  it('not a terminal: JSON lines, as before, redacted the same way', () => {
    const s = stream(false);
    createLoggerFor(s.out, 'info').info({ port: 3978, ...secrets }, 'wbbsi-bot is up');
    const entry = JSON.parse(s.text()) as Record<string, unknown>;
    expect(entry).toMatchObject({ level: 30, msg: 'wbbsi-bot is up', port: 3978, email: '[redacted]', text: '[redacted]' });
    expect(s.text()).not.toMatch(/xoxb-1234-secret|shh-signing/);
  });
});
