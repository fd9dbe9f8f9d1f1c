import { startTestApp, type TestApp } from '../support/test-app';

describe('the HTTP server', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.stop());

  it('reports the database up on /healthz', async () => {
    const res = await fetch(`${t.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, database: { state: 'up', kind: 'external' } });
  });

  it('answers unknown routes with 404 JSON, never a crash', async () => {
    const res = await fetch(`${t.url}/nope`, { method: 'POST', body: '{"broken', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(404);
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });

  it('loads the default roster on first start', async () => {
    expect(await t.app.core.store.organisations.count()).toBe(20);
  });
});
