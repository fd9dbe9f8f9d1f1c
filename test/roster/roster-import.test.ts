import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestDb, type TestDb } from '../support/test-db';
import { addPerson } from '../support/people';
import { exportRoster, importRosterText, RosterInvalidError } from '../../src/roster/roster.service';
import { SYSTEM_ACTOR } from '../../src/domain/actor';
import { DEFAULT_ORGANISATIONS } from '../../src/roster/default-roster';
import { createStore } from '../../src/db/store';
import { runWbbsi } from '../support/wbbsi-cli';

const GOOD = `organisations:
  - code: FRONTEX
    name: European Border and Coast Guard Agency
    type: eu-agency
people:
  - name: Ana Example
    email: Ana@Example.org
    organisation: MOI-RS
    role: member
    slack: U0123ABCD
    timezone: Europe/Belgrade
  - name: Bojan Deputy
    email: bojan@example.org
    organisation: MOI-RS
    role: member
    deputyOf: ana@example.org
  - name: Frida Frontex
    email: frida@frontex.europa.eu
    organisation: FRONTEX
    role: member
    teams: 6f1c2a3b-aad0-4c5d-9e8f-0123456789ab
`;

const BAD = `people:
  - name: Ana Example
    email: not-an-email
    organisation: MOI-RS
    role: member
  - name: Bojan
    email: bojan@example.org
    organisation: NOPE
    role: chief
    timezone: Mars/Olympus
`;

describe('roster', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(() => db.close());

  it('ships the 19 Support Group members and the Secretariat', async () => {
    const orgs = await db.store.organisations.list();
    expect(orgs).toHaveLength(DEFAULT_ORGANISATIONS.length);
    expect(orgs.filter((o) => o.reporting)).toHaveLength(19);
    expect(orgs.find((o) => o._id === 'MOI-XK')?.shortName).toBe('Kosovo* MoI');
  });

  it('imports a good file, and importing it again changes nothing', async () => {
    const first = await importRosterText(db.store, SYSTEM_ACTOR, GOOD, 'roster.yaml');
    expect(first).toEqual({ organisations: { created: 1, updated: 0, unchanged: 0 }, people: { created: 3, updated: 0, unchanged: 0 } });
    const auditBefore = (await db.store.audit.list(SYSTEM_ACTOR, { limit: 1000 })).length;
    const second = await importRosterText(db.store, SYSTEM_ACTOR, GOOD, 'roster.yaml');
    expect(second).toEqual({ organisations: { created: 0, updated: 0, unchanged: 1 }, people: { created: 0, updated: 0, unchanged: 3 } });
    expect((await db.store.audit.list(SYSTEM_ACTOR, { limit: 1000 })).length).toBe(auditBefore);

    const ana = await db.store.people.bySlackId('U0123ABCD');
    const bojan = await db.store.people.byEmail('bojan@example.org');
    expect(ana?.email).toBe('ana@example.org');
    expect(bojan?.deputyOf).toBe(ana?._id);
  });

  it('rejects a bad file as a whole, listing every problem with its line, and writes nothing', async () => {
    const before = await db.store.people.list({ includeInactive: true });
    let error: RosterInvalidError | undefined;
    try {
      await importRosterText(db.store, SYSTEM_ACTOR, BAD, 'bad.yaml');
    } catch (e) {
      error = e as RosterInvalidError;
    }
    expect(error).toBeInstanceOf(RosterInvalidError);
    const problems = error!.problems.map((p) => `${p.line}:${p.path}`);
    expect(problems).toEqual(expect.arrayContaining(['3:people[0].email', '9:people[1].role', '10:people[1].timezone']));
    expect(await db.store.people.list({ includeInactive: true })).toHaveLength(before.length);
  });

  it('rejects references to unknown organisations and duplicate Slack ids', async () => {
    const text = JSON.stringify({
      people: [
        { name: 'Zed', email: 'zed@example.org', organisation: 'NOPE', role: 'member' },
        { name: 'Copy', email: 'copy@example.org', organisation: 'MOI-AL', role: 'member', slack: 'U0123ABCD' },
      ],
    });
    await expect(importRosterText(db.store, SYSTEM_ACTOR, text, 'r.json')).rejects.toMatchObject({
      problems: expect.arrayContaining([
        expect.objectContaining({ path: 'people[0].organisation' }),
        expect.objectContaining({ path: 'people[1].slack', message: expect.stringContaining('ana@example.org') }),
      ]),
    });
    expect(await db.store.people.byEmail('copy@example.org')).toBeNull();
  });

  it('reports YAML syntax errors with their line', async () => {
    await expect(importRosterText(db.store, SYSTEM_ACTOR, 'people:\n  - name: [unclosed\n', 'x.yaml')).rejects.toMatchObject({
      problems: [expect.objectContaining({ path: '(file)', line: expect.any(Number) })],
    });
  });

  it('only the Secretariat changes the roster', async () => {
    const member = await addPerson(db.store, { name: 'Mila', email: 'mila@gov.mk', orgCode: 'MOI-MK' });
    await expect(importRosterText(db.store, member, GOOD, 'roster.yaml')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(db.store.people.upsert(member, { name: 'X', email: 'x@y.z', orgCode: 'MOI-MK', role: 'secretariat' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(db.store.organisations.upsert(member, { code: 'X1', name: 'X', shortName: 'X', type: 'implementer' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a roster change counts at once, also on another instance that already knows the person', async () => {
    const other = createStore({ models: db.store.ctx.models, clock: db.clock, timezone: 'Europe/Sarajevo', pillar: 'WBBSi' });
    const vesna = await addPerson(db.store, { name: 'Vesna', email: 'vesna@mup.gov.rs', orgCode: 'MOI-RS', slackId: 'UVESNA001', teamsId: '1b2c3d4e-aad0-4c5d-9e8f-0123456789ab' });
    expect((await other.people.bySlackId('UVESNA001'))?._id).toBe(vesna.personId);
    expect((await other.people.byTeamsId('1b2c3d4e-aad0-4c5d-9e8f-0123456789ab'))?._id).toBe(vesna.personId);

    // The Slack id moves to her successor: the other instance finds the successor, not Vesna.
    await db.store.people.upsert(SYSTEM_ACTOR, { name: 'Vesna', email: 'vesna@mup.gov.rs', orgCode: 'MOI-RS', role: 'member', teamsId: '1b2c3d4e-aad0-4c5d-9e8f-0123456789ab' });
    const marko = await addPerson(db.store, { name: 'Marko', email: 'marko@mup.gov.rs', orgCode: 'MOI-RS', slackId: 'UVESNA001' });
    expect((await other.people.bySlackId('UVESNA001'))?._id).toBe(marko.personId);

    // Vesna leaves: her Teams id no longer identifies anyone.
    await db.store.people.upsert(SYSTEM_ACTOR, { name: 'Vesna', email: 'vesna@mup.gov.rs', orgCode: 'MOI-RS', role: 'member', teamsId: '1b2c3d4e-aad0-4c5d-9e8f-0123456789ab', active: false });
    expect(await other.people.byTeamsId('1b2c3d4e-aad0-4c5d-9e8f-0123456789ab')).toBeNull();
  });

  it('exports a file that imports back as a no-op', async () => {
    const yaml = await exportRoster(db.store, SYSTEM_ACTOR, 'yaml');
    const summary = await importRosterText(db.store, SYSTEM_ACTOR, yaml, 'export.yaml');
    expect(summary.organisations.created + summary.organisations.updated).toBe(0);
    expect(summary.people.created + summary.people.updated).toBe(0);
  });
});

/** `wbbsi roster import` as the Secretariat runs it on the server: a child process on the test database. */
describe('wbbsi roster import (command line)', () => {
  let db: TestDb;
  let dir: string;
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  beforeAll(async () => {
    db = await openTestDb();
    dir = mkdtempSync(join(tmpdir(), 'wbbsi-roster-'));
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports a good file (exit 0, a summary), and importing it again changes nothing', async () => {
    const good = file('roster.yaml', GOOD);
    const first = await runWbbsi(['roster', 'import', good], { dbName: db.dbName });
    expect(first).toEqual({ code: 0, stdout: `Imported ${good}.\nOrganisations: 1 created, 0 updated, 0 unchanged.\nPeople: 3 created, 0 updated, 0 unchanged.\n`, stderr: '' });
    const ana = await db.store.people.bySlackId('U0123ABCD');
    expect(ana).toMatchObject({ name: 'Ana Example', email: 'ana@example.org', orgCode: 'MOI-RS', timezone: 'Europe/Belgrade' });
    expect((await db.store.people.byEmail('bojan@example.org'))?.deputyOf).toBe(ana!._id);
    expect(await db.store.organisations.get('FRONTEX')).toMatchObject({ type: 'eu-agency' });
    const audit = (await db.store.audit.list(SYSTEM_ACTOR, { limit: 1000 })).length;

    const second = await runWbbsi(['roster', 'import', good], { dbName: db.dbName });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('People: 0 created, 0 updated, 3 unchanged.');
    expect((await db.store.audit.list(SYSTEM_ACTOR, { limit: 1000 })).length).toBe(audit);
  }, 120_000);

  it('refuses a bad file as a whole (exit 1), listing each problem with its line, and writes nothing', async () => {
    const before = await db.store.people.list({ includeInactive: true });
    const res = await runWbbsi(['roster', 'import', file('bad.yaml', BAD)], { dbName: db.dbName });
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    for (const where of ['line 3', 'line 9', 'line 10']) expect(res.stderr).toContain(where);
    expect(res.stderr).toMatch(/people\[0\]\.email/);
    expect(res.stderr).toMatch(/people\[1\]\.timezone/);
    expect(await db.store.people.list({ includeInactive: true })).toHaveLength(before.length);
    expect((await db.store.people.byEmail('ana@example.org'))?.name).toBe('Ana Example'); // not renamed by the bad file
  }, 120_000);

  it('says which file it cannot read (exit 1)', async () => {
    const missing = await runWbbsi(['roster', 'import', join(dir, 'nope.yaml')], { dbName: db.dbName });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`Cannot read ${join(dir, 'nope.yaml')}`);
  }, 120_000);
});
