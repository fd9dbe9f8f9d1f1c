import type { Actor } from '../../src/domain/actor';
import { getForm } from '../../src/forms/registry';
import { addPerson } from '../support/people';
import { button, openTestCore, textOf, type TestCore } from '../support/test-core';

/**
 * "Nothing new means nothing new" (issue 15, item 5): once the organisation has reported this
 * quarter, `nothing new` says so and records nothing; a second nil return says it is already
 * recorded — from the command, its confirmation button and the reminder's button alike.
 */
describe('nothing new, once the quarter is settled', () => {
  let t: TestCore;
  let ana: Actor; // Serbia MoI
  let milica: Actor; // Montenegro MoI
  let sead: Actor;
  const nilAudits = async (checkin: string) => (await t.store.audit.history(sead, 'checkin', checkin)).filter((a) => a.action === 'nil-return');

  beforeAll(async () => {
    t = await openTestCore({ now: '2026-12-02T09:00:00Z' });
    ana = await addPerson(t.store, { name: 'Ana Petrović', email: 'ana@mup.gov.rs', orgCode: 'MOI-RS' });
    milica = await addPerson(t.store, { name: 'Milica Vuković', email: 'milica@gov.me', orgCode: 'MOI-ME' });
    sead = await addPerson(t.store, { name: 'Sead Kovač', email: 'sead@rcc.int', orgCode: 'IISG-SEC', role: 'secretariat' });
  });
  afterAll(() => t.close());

  it('after two records this quarter, says the organisation already reported them and records nothing', async () => {
    const confirm = await t.say(ana, 'nothing new'); // asked before reporting: a confirmation
    for (const title of ['Law on Border Control', 'Law on Foreigners']) {
      const res = await t.core.submissions.submit(ana, getForm('update')!, { kind: 'law', title, country: 'RS', stage: 'draft', summary: `${title}: a first draft.`, themes: ['legal-strategic'] });
      expect(res.ok).toBe(true);
    }
    const said = await t.say(ana, 'nothing new');
    expect(textOf(said)).toBe('Serbia MoI already reported 2 records for 2026-Q4; nothing more is needed.');
    expect(said.messages.flatMap((m) => m.buttons ?? [])).toEqual([]);
    // The confirmation given earlier, clicked now, and the reminder's button: the same answer.
    expect(textOf(await t.click(ana, 'nil.confirm', button(confirm, 'Yes, nothing new').value))).toBe('Serbia MoI already reported 2 records for 2026-Q4; nothing more is needed.');
    expect(textOf(await t.click(ana, 'nudge.nil-return', '2026-Q4'))).toBe('Serbia MoI already reported 2 records for 2026-Q4; nothing more is needed.');
    expect((await t.store.checkins.get(sead, 'MOI-RS', '2026-Q4'))!.state).toBe('submitted');
    expect(await nilAudits('MOI-RS|2026-Q4')).toEqual([]);
    expect(textOf(await t.say(sead, 'status 2026-Q4'))).toMatch(/\*Reported \(1\):\* Serbia MoI/);
  });

  it('records a first nil return once; the second says it is already recorded and asks nothing', async () => {
    const confirm = await t.say(milica, 'nothing new');
    expect(textOf(confirm)).toMatch(/Confirm that \*Montenegro MoI\* has nothing new to report for \*2026-Q4\*/);
    expect(textOf(await t.click(milica, 'nil.confirm', button(confirm, 'Yes, nothing new').value))).toMatch(/recorded \*nothing new\* for 2026-Q4/);
    const again = await t.say(milica, 'nothing new');
    expect(textOf(again)).toBe('“Nothing new” for 2026-Q4 is already recorded for Montenegro MoI (on Wednesday 2 December 2026). Nothing more is needed.');
    expect(again.messages.flatMap((m) => m.buttons ?? [])).toEqual([]);
    expect(textOf(await t.click(milica, 'nil.confirm', button(confirm, 'Yes, nothing new').value))).toMatch(/already recorded for Montenegro MoI/);
    expect(textOf(await t.click(milica, 'nudge.nil-return', '2026-Q4'))).toMatch(/already recorded for Montenegro MoI/);
    expect(await nilAudits('MOI-ME|2026-Q4')).toHaveLength(1);
  });
});
