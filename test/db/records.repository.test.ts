import { openTestDb, type TestDb } from '../support/test-db';
import { addPerson } from '../support/people';
import type { Actor } from '../../src/domain/actor';
import { AppError } from '../../src/errors';

const needData = (over: Record<string, unknown> = {}) => ({
  country: 'RS',
  needType: 'operational',
  perspective: 'prevention',
  theme: 'border-surveillance',
  title: 'Thermal cameras for the green border',
  description: 'Mobile thermal cameras for night patrols.',
  priority: 'high',
  timeframe: 'short',
  status: 'proposed',
  ...over,
});

describe('records repository (real database)', () => {
  let db: TestDb;
  let serbia: Actor;
  let albania: Actor;
  let donor: Actor;
  let secretariat: Actor;

  beforeAll(async () => {
    db = await openTestDb();
    serbia = await addPerson(db.store, { name: 'Ana Petrović', email: 'ana@mup.rs', orgCode: 'MOI-RS' });
    albania = await addPerson(db.store, { name: 'Arben Hoxha', email: 'arben@asp.al', orgCode: 'MOI-AL' });
    donor = await addPerson(db.store, { name: 'Greta Huber', email: 'greta@giz.de', orgCode: 'GIZ' });
    secretariat = await addPerson(db.store, { name: 'Sead Secretariat', email: 'sead@rcc.int', orgCode: 'IISG-SEC', role: 'secretariat' });
  });
  afterAll(() => db.close());

  it('creates a need with a readable id, version 1, an audit entry and a check-in for the quarter', async () => {
    const rec = await db.store.records.create(serbia, 'need', needData());
    expect(rec._id).toBe('NM-2026-RS-001');
    expect(rec.version).toBe(1);
    expect(rec.quarter).toBe('2026-Q4');
    const second = await db.store.records.create(serbia, 'need', needData({ title: 'Second' }));
    expect(second._id).toBe('NM-2026-RS-002');

    const history = await db.store.audit.history(secretariat, 'record', rec._id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ action: 'create', actorId: serbia.personId, actorOrg: 'MOI-RS' });
    expect(history[0]!.changes.map((c) => c.field)).toContain('title');

    const checkin = await db.store.checkins.get(serbia, 'MOI-RS', '2026-Q4');
    expect(checkin).toMatchObject({ state: 'submitted', orgCode: 'MOI-RS', quarter: '2026-Q4', by: serbia.personId });
    // The second record changed nothing in the check-in: one audit entry for the quarter's first report.
    expect(await db.store.audit.history(secretariat, 'checkin', 'MOI-RS|2026-Q4')).toHaveLength(1);
  });

  it('keeps every version and audits what changed on edit', async () => {
    const rec = await db.store.records.create(serbia, 'need', needData({ title: 'Drones' }));
    db.clock.advance(60_000);
    const v2 = await db.store.records.update(serbia, rec._id, needData({ title: 'Drones', priority: 'medium' }), 1);
    expect(v2.version).toBe(2);
    const versions = await db.store.records.versions(serbia, rec._id);
    expect(versions.map((v) => [v.version, v.data.priority])).toEqual([[1, 'high'], [2, 'medium']]);
    const history = await db.store.audit.history(secretariat, 'record', rec._id);
    expect(history.map((h) => h.action)).toEqual(['create', 'update']);
    expect(history[1]!.changes).toEqual([{ field: 'priority', from: '"high"', to: '"medium"' }]);
  });

  it('refuses an edit based on an old version (no silent overwrite)', async () => {
    const rec = await db.store.records.create(serbia, 'need', needData({ title: 'Radios' }));
    await db.store.records.update(serbia, rec._id, needData({ title: 'Radios v2' }), 1);
    await expect(db.store.records.update(serbia, rec._id, needData({ title: 'Radios stale' }), 1)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('enforces the sensitivity rules', async () => {
    const rec = await db.store.records.create(serbia, 'need', needData({ title: 'Proposed, members only' }));
    // Another partner cannot read a need that is not adopted, nor edit it.
    expect(await db.store.records.get(albania, rec._id)).toBeNull();
    await expect(db.store.records.update(albania, rec._id, needData(), 1)).rejects.toBeInstanceOf(AppError);
    // A donor is not offered needs at all.
    await expect(db.store.records.create(donor, 'need', needData())).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // A partner cannot move its need to "adopted"; once the Board adopts it (the decision chain), everyone reads it.
    await expect(db.store.records.update(serbia, rec._id, needData({ title: 'Proposed, members only', status: 'adopted' }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    for (const step of ['validated', 'agreed', 'to-board']) await db.store.records.moveNeed(secretariat, rec._id, step);
    await db.store.records.moveNeed(secretariat, rec._id, 'adopted', { reference: 'IISG Board 2026/04' });
    expect(await db.store.records.get(albania, rec._id)).not.toBeNull();
    expect(await db.store.records.get(donor, rec._id)).not.toBeNull();
    // Lists follow the same rule.
    const seenByAlbania = await db.store.records.list(albania, {});
    expect(seenByAlbania.every((r) => r.orgCode === 'MOI-AL' || r.data.status === 'adopted')).toBe(true);
  });

  it('treats operator objects in ids as plain values (no injection)', async () => {
    const injected = { $gt: '' } as unknown as string;
    expect(await db.store.records.get(secretariat, injected)).toBeNull();
    expect(await db.store.people.bySlackId(injected)).toBeNull();
  });

  it('keeps drafts to the author organisation and the Secretariat', async () => {
    const draft = await db.store.drafts.create(serbia, { formId: 'need', mode: 'chat', answers: { title: 'x' }, cursor: 'title' });
    expect(await db.store.drafts.get(albania, draft._id)).toBeNull();
    expect(await db.store.drafts.get(secretariat, draft._id)).not.toBeNull();
    const colleague = await addPerson(db.store, { name: 'Marko Jovanović', email: 'marko@mup.rs', orgCode: 'MOI-RS' });
    expect(await db.store.drafts.get(colleague, draft._id)).not.toBeNull();
    // Closing is exactly-once.
    expect(await db.store.drafts.close(serbia, draft._id, 'submitted')).toBe(true);
    expect(await db.store.drafts.close(serbia, draft._id, 'submitted')).toBe(false);
  });

  it('a nil return counts as reported and a later submission upgrades it', async () => {
    const me = await addPerson(db.store, { name: 'Milica', email: 'milica@gov.me', orgCode: 'MOI-ME' });
    expect(await db.store.checkins.nilReturn(me, '2026-Q4')).toBe('nil-return');
    expect(await db.store.checkins.isSettled('MOI-ME', '2026-Q4')).toBe(true);
    await db.store.records.create(me, 'update', { kind: 'law', title: 'Law on Border Control', country: 'ME' });
    expect((await db.store.checkins.get(me, 'MOI-ME', '2026-Q4'))?.state).toBe('submitted');
    await expect(db.store.checkins.get(me, 'MOI-RS', '2026-Q4')).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
