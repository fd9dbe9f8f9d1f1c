import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../app/app';
import { loadConfig } from '../../src/config';
import { SYSTEM_ACTOR } from '../../src/domain/actor';
import { silentLogger } from '../../src/support/logger';

/** The default path of `npm start`: no MONGODB_URI, so the app runs its own FerretDB in DATA_DIR. */
describe('embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'wbbsi-embedded-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts FerretDB in DATA_DIR, answers /healthz, and keeps the data across a restart', async () => {
    const env = { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SCHEDULER_ENABLED: 'false', MONGODB_URI: '' };
    const first = await createApp({ config: loadConfig(env), logger: silentLogger });
    await first.start();
    const health = await (await fetch(`${first.url}/healthz`)).json();
    expect(health).toMatchObject({ ok: true, database: { state: 'up', kind: 'embedded-ferretdb' } });
    expect(await first.core.store.organisations.count()).toBe(20);
    await first.core.store.people.upsert(SYSTEM_ACTOR, { name: 'Persisted Person', email: 'p@example.org', orgCode: 'MOI-AL', role: 'member' });
    expect(existsSync(join(dataDir, 'ferretdb.json'))).toBe(true);
    await first.stop();
    expect(existsSync(join(dataDir, 'ferretdb.json'))).toBe(false);

    const second = await createApp({ config: loadConfig(env), logger: silentLogger });
    await second.start();
    expect((await second.core.store.people.byEmail('p@example.org'))?.name).toBe('Persisted Person');
    expect(await second.core.store.organisations.count()).toBe(20);
    await second.stop();
  });
});
