import { SYSTEM_ACTOR } from '../../src/domain/actor';
import { openTestCore, type TestCore } from '../support/test-core';
import { needRows } from './needs-rows';
import { fillTemplate } from './sheets';

/** The import service through the core's public API, against the real database. */
describe('spreadsheet import (core)', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await openTestCore();
  });
  afterAll(() => t.close());

  it('checks, imports and skips on a second run', async () => {
    const template = await t.core.spreadsheets.template('needs', 'xlsx');
    const file = { name: 'needs.xlsx', content: await fillTemplate(template.content, 'Import needs', needRows(20)) };
    const dry = await t.core.spreadsheets.dryRun(SYSTEM_ACTOR, 'needs', file);
    expect(dry.problems).toEqual([]);
    expect(dry.counts).toEqual({ create: 20, update: 0, unchanged: 0 });
    const applied = await t.core.spreadsheets.apply(SYSTEM_ACTOR, 'needs', file);
    expect(applied.written).toEqual({ created: 20, updated: 0 });
    const again = await t.core.spreadsheets.apply(SYSTEM_ACTOR, 'needs', file);
    expect(again.counts).toEqual({ create: 0, update: 0, unchanged: 20 });
  });
});
