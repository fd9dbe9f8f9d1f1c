import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';
import { startAppProcess } from './app-process';

/**
 * Finding 9: production refuses a guessable FILE_LINK_SECRET, Teams without PUBLIC_URL (download
 * links would point to localhost) and the trial console, each with a message naming the variable.
 */
const GOOD_SECRET = '0123456789abcdef0123456789abcdef';
const TEAMS = { MicrosoftAppId: '6f1c2a3b-aad0-4c5d-9e8f-0123456789ab', MicrosoftAppPassword: 'not-a-real-secret' };
const prod = (env: Record<string, string>) => ({ NODE_ENV: 'production', FILE_LINK_SECRET: GOOD_SECRET, ...env });

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('production configuration checks', () => {
  it('refuses a FILE_LINK_SECRET shorter than 32 characters, without echoing it', () => {
    const found = problems(prod({ FILE_LINK_SECRET: 'x' }));
    expect(found).toEqual([expect.stringMatching(/^FILE_LINK_SECRET is too short \(1 characters\): use at least 32 random characters/)]);
    expect(problems(prod({ FILE_LINK_SECRET: 'a-31-character-secret-for-links' }))).toEqual([expect.stringMatching(/^FILE_LINK_SECRET is too short \(31 characters\)/)]);
    expect(problems(prod({}))).toEqual([]);
    expect(problems({ NODE_ENV: 'production' })).toEqual([expect.stringMatching(/^FILE_LINK_SECRET is missing/)]);
  });

  it('refuses Teams without PUBLIC_URL', () => {
    expect(problems(prod(TEAMS))).toEqual([expect.stringMatching(/^PUBLIC_URL is missing: Teams is on, and report download links must point to the address people reach/)]);
    expect(loadConfig(prod({ ...TEAMS, PUBLIC_URL: 'https://wbbsi-bot.example.org' })).publicUrl).toBe('https://wbbsi-bot.example.org');
  });

  it('refuses CONSOLE_ENABLED=true', () => {
    expect(problems(prod({ CONSOLE_ENABLED: 'true' }))).toEqual([expect.stringMatching(/^CONSOLE_ENABLED=true is refused in production: the trial console has no login/)]);
    expect(loadConfig(prod({ CONSOLE_ENABLED: 'false' })).consoleEnabled).toBe(false);
  });

  it('outside production, none of these is refused (a local trial needs no secret)', () => {
    expect(problems({ FILE_LINK_SECRET: 'x', ...TEAMS, CONSOLE_ENABLED: 'true' })).toEqual([]);
  });

  it('`npm start` in production with all three stops with one message naming each variable (exit code 2)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'wbbsi-prod-'));
    try {
      const proc = startAppProcess({ NODE_ENV: 'production', FILE_LINK_SECRET: 'short-secret', CONSOLE_ENABLED: 'true', HOST: '127.0.0.1', DATA_DIR: dataDir, ...TEAMS });
      expect(await proc.exit()).toBe(2);
      const message = proc.stderr();
      expect(message).toMatch(/^Configuration is not valid:/);
      expect(message).toMatch(/- FILE_LINK_SECRET is too short \(12 characters\)/);
      expect(message).toMatch(/- PUBLIC_URL is missing/);
      expect(message).toMatch(/- CONSOLE_ENABLED=true is refused in production/);
      expect(message).not.toContain('short-secret');
      expect(proc.stdout()).not.toMatch(/wbbsi-bot is up/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
