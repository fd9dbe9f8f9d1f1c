import { addPerson } from '../support/people';
import { startTestApp, type TestApp } from '../support/test-app';
import { GENERIC_ERROR } from './hostile/corpus';
import { consoleCases } from './hostile/console-cases';
import { changedCounts, errorCapture, runCases, storedCounts, suspiciousDocuments } from './hostile/harness';

/**
 * The console API (every /console/api route) and the signed download links (GET /files/:token)
 * under the hostile corpus: at least 50 requests per route, each refused with a 4xx or answered
 * politely, nothing stored, no unexpected error, and the server keeps serving (the real file link
 * still works afterwards).
 */
describe('console API and download links: hostile and malformed requests', () => {
  const capture = errorCapture();
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ logger: capture.logger });
  });
  afterAll(() => t.stop());

  it('refuses or answers politely every one of them, stores nothing and keeps serving', async () => {
    const core = t.app.core;
    const member = await addPerson(core.store, { name: 'Ana Petrović', email: 'ana@mup.rs', orgCode: 'MOI-RS' });
    const greta = await addPerson(core.store, { name: 'Greta', email: 'greta@giz.de', orgCode: 'GIZ' });
    const draft = await core.conversation.engine.start(member, 'update', 'form', { fresh: true });
    const foreign = await core.conversation.engine.start(greta, 'response', 'form', { fresh: true });
    const file = await core.files.create({ name: 'status.csv', mimeType: 'text/csv', content: Buffer.from('org,state\nMOI-RS,reported\n') }, { personId: member.personId });
    const download = () => fetch(`${t.url}/files/${file.token}`).then(async (r) => ({ status: r.status, body: await r.text() }));
    expect(await download()).toEqual({ status: 200, body: 'org,state\nMOI-RS,reported\n' });

    const groups = consoleCases({ url: t.url, personId: member.personId, draftId: draft.form!.draftId, foreignDraftId: foreign.form!.draftId, fileToken: file.token });
    const before = await storedCounts(t);
    const problems: Record<string, string[]> = {};
    for (const [route, cases] of Object.entries(groups)) {
      expect([route, cases.length >= 50]).toEqual([route, true]);
      const p = await runCases(cases);
      if (p.length) problems[route] = p;
    }
    expect(problems).toEqual({});

    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    expect(await download()).toEqual({ status: 200, body: 'org,state\nMOI-RS,reported\n' });
    const help = await fetch(`${t.url}/console/api/message`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ personId: member.personId, text: 'help' }) });
    expect(help.status).toBe(200);
    expect(await help.text()).toMatch(/Hello Ana/);
    const forged = await fetch(`${t.url}/console/api/message`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ personId: member.personId, text: 'status', role: 'secretariat', actor: { role: 'secretariat' } }) });
    expect(await forged.text()).toMatch(/is for the IISG Secretariat/);

    // The member's open draft may keep what was typed (cleaned); nothing else changes.
    expect(changedCounts(before, await storedCounts(t), ['seenKeys'])).toEqual({});
    expect(await suspiciousDocuments(t)).toEqual([]);
    const inbox = await fetch(`${t.url}/console/api/inbox?personId=${member.personId}`).then((r) => r.text());
    expect(inbox).not.toMatch(GENERIC_ERROR);
    expect(capture.errors).toEqual([]);
  }, 240_000);
});
