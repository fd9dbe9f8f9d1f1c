import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../app/app';
import { loadConfig } from '../../src/config';
import { SYSTEM_ACTOR } from '../../src/domain/actor';
import { silentLogger } from '../../src/support/logger';

/**
 * Finding 7: the data folder of `npm start` (embedded FerretDB) is readable by its owner only: the
 * folder 0700, the SQLite files, FerretDB's port file and the outage journal 0600, also when they
 * were left with looser modes by an earlier version.
 */
const mode = (path: string) => statSync(path).mode & 0o777;
const modes = (dir: string) => Object.fromEntries(readdirSync(dir).map((name) => [name, mode(join(dir, name))]));

describe('data folder modes', () => {
  const root = mkdtempSync(join(tmpdir(), 'wbbsi-modes-'));
  const dataDir = join(root, 'data');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('tightens an existing 0755 folder and its 0644 files, and FerretDB creates only private files', async () => {
    // Left by an earlier version: a world-readable folder, a stale port file, an (empty) journal.
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    writeFileSync(join(dataDir, 'ferretdb.json'), JSON.stringify({ uri: 'mongodb://127.0.0.1:1/', pid: 2 ** 22 + 1 }), { mode: 0o644 });
    writeFileSync(join(dataDir, 'pending-inputs.jsonl'), '', { mode: 0o644 });
    const env = { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SCHEDULER_ENABLED: 'false', MONGODB_URI: '' };

    const app = await createApp({ config: loadConfig(env), logger: silentLogger });
    await app.start();
    await app.core.store.people.upsert(SYSTEM_ACTOR, { name: 'Mode Check', email: 'modes@example.org', orgCode: 'MOI-AL', role: 'member' });
    try {
      expect(mode(dataDir)).toBe(0o700);
      const files = modes(dataDir);
      expect(Object.keys(files)).toEqual(expect.arrayContaining(['ferretdb.json', 'pending-inputs.jsonl', 'wbbsi.sqlite']));
      for (const [name, m] of Object.entries(files)) expect([name, m.toString(8)]).toEqual([name, '600']);
    } finally {
      await app.stop();
    }

    // Loosened again by hand (a backup restored with cp, say): the next start tightens them again.
    chmodSync(dataDir, 0o755);
    for (const name of readdirSync(dataDir)) chmodSync(join(dataDir, name), 0o644);
    const again = await createApp({ config: loadConfig(env), logger: silentLogger });
    await again.start();
    try {
      expect(mode(dataDir)).toBe(0o700);
      for (const [name, m] of Object.entries(modes(dataDir))) expect([name, m.toString(8)]).toEqual([name, '600']);
      expect((await again.core.store.people.byEmail('modes@example.org'))?.name).toBe('Mode Check');
    } finally {
      await again.stop();
    }
  });
});
