import { SYSTEM_ACTOR } from '../../src/domain/actor';
import { getForm } from '../../src/forms/registry';
import { formIn, textOf, type Driver } from './drivers/driver';
import { CONVERSATION_SCENARIOS } from './scenarios-conversation';
import { FORM_SCENARIOS } from './scenarios-forms';
import { ana, answerStepByStep, arben, bea, core, sead, serbianNeed, startStepByStep, wake } from './scenario-kit';

/**
 * The journeys every surface must pass: what a person does, clicking only what the bot actually
 * showed, and the effect checked in the data. One list, run by journeys.<surface>.test.ts.
 */
export interface Scenario {
  name: string;
  /** When the scenario starts (the app's injected clock). */
  startsAt: string;
  run(d: Driver): Promise<void>;
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'the quarter: the opening nudge arrives, "Nothing new this quarter" settles it, the next step no longer chases',
    startsAt: '2026-12-01T08:00:00Z',
    async run(d) {
      const a = await d.join(ana);
      const b = await d.join(arben);
      const s = await d.join(sead);
      await wake(d, 'reminders', '2026-12-01T09:00:00Z');
      const nudge = await d.inbox(a);
      expect(textOf(nudge)).toMatch(/Serbia MoI has not reported for 2026-Q4 yet/);
      const done = await d.click(a, nudge, 'Nothing new this quarter');
      expect(textOf(done)).toMatch(/Nothing new this quarter.*recorded for Serbia MoI for 2026-Q4/);
      expect((await core(d).store.checkins.get(SYSTEM_ACTOR, 'MOI-RS', '2026-Q4'))?.state).toBe('nil-return');

      const status = await d.say(s, 'status 2026-Q4', 'chat');
      expect(textOf(status)).toMatch(/Nothing new \(1\): Serbia MoI/);
      const next = await core(d).reminders.plan(new Date('2026-12-17T09:00:00Z'));
      const chased = next.entries.filter((e) => e.willSend && e.item.kind === 'nudge').map((e) => e.item.orgCode);
      expect(chased).not.toContain('MOI-RS');
      expect(chased).toContain('MOI-AL');
      expect((await d.inbox(b)).length).toBe(1); // Arben got the opening nudge too, and nothing else
    },
  },
  {
    name: 'the quarter: "Remind me in 3 days" moves that person\'s next reminder exactly 3 days, nobody else\'s',
    startsAt: '2026-12-01T08:00:00Z',
    async run(d) {
      const a = await d.join(ana);
      const b = await d.join(arben);
      await wake(d, 'reminders', '2026-12-01T09:00:00Z');
      expect(await d.inbox(a)).toHaveLength(1);
      const nudge = await d.inbox(b).then((x) => (x.length ? x : Promise.reject(new Error('no nudge for Arben'))));
      const snoozed = await d.click(b, nudge, /^Remind me in 3 days$/);
      expect(textOf(snoozed)).toMatch(/remind you again on Friday 4 December 2026 at 10:00/);
      await wake(d, 'reminders', '2026-12-03T09:00:00Z');
      expect(await d.inbox(b)).toHaveLength(0);
      await wake(d, 'reminders', '2026-12-04T09:00:00Z');
      const again = await d.inbox(b);
      expect(textOf(again)).toMatch(/Albania MoI has not reported for 2026-Q4 yet/);
      expect(await d.inbox(a)).toHaveLength(0); // Ana's next reminder stays on 17 December
      const plan = await core(d).reminders.plan(new Date('2026-12-17T09:00:00Z'));
      expect(plan.entries.filter((e) => e.willSend && e.item.orgCode === 'MOI-RS').map((e) => e.item.key)).toEqual([expect.stringMatching(/^nudge\|MOI-RS\|2026-Q4\|two-weeks\|/)]);
    },
  },
  {
    name: 'freshness: "Still accurate", "Retire", "Edit" and "All still accurate" on the 90-day offer',
    startsAt: '2026-08-20T08:00:00Z',
    async run(d) {
      const a = await d.join(ana);
      const actor = (await core(d).store.people.actorById(a.personId))!;
      const ids: string[] = [];
      for (const title of ['Law on Border Control', 'Law on Foreigners', 'Strategy on Integrated Border Management', 'Action plan on migration']) {
        const kind = title.startsWith('Law') ? 'law' : title.startsWith('Strategy') ? 'strategy' : 'action-plan';
        const res = await core(d).submissions.submit(actor, getForm('update')!, { kind, title, country: 'RS', stage: 'adopted', summary: `${title}: adopted by the National Assembly.`, themes: ['legal-strategic'] });
        if (!res.ok) throw new Error(JSON.stringify(res.errors));
        ids.push(res.id);
      }
      const [keep, retire, edit, rest] = ids as [string, string, string, string];
      await wake(d, 'reminders', '2026-12-01T09:00:00Z');
      const offer = (await d.inbox(a)).filter((s) => /not been confirmed for 90 days/.test(s.text));
      expect(offer).toHaveLength(1);
      const confirmedBefore = (await core(d).store.records.get(actor, keep))!.lastConfirmedAt;

      expect(textOf(await d.click(a, offer, `Still accurate: ${keep}`))).toMatch(new RegExp(`${keep}.*confirmed as still accurate`));
      expect((await core(d).store.records.get(actor, keep))!.lastConfirmedAt.getTime()).toBeGreaterThan(new Date(confirmedBefore).getTime());

      expect(textOf(await d.click(a, offer, `Retire ${retire}`))).toMatch(new RegExp(`${retire}.*retired`));
      expect((await core(d).store.records.get(actor, retire))!.status).toBe('retired');
      const sec = (await core(d).store.people.actorById((await d.join(sead)).personId))!;
      const prepared = await core(d).reports.prepare(sec, 'updates', ['2026-Q3']);
      if (!prepared.ok) throw new Error(prepared.message);
      const report = await prepared.build();
      const rows: string[] = [];
      for await (const row of report.tables[0]!.rows) rows.push(JSON.stringify(row));
      expect(rows.join('\n')).toContain(keep);
      expect(rows.join('\n')).not.toContain(retire);

      const opened = await d.click(a, offer, `Edit ${edit}`);
      expect(textOf(opened) + JSON.stringify(opened.map((s) => s.form?.fields))).toMatch(/Strategy on Integrated Border Management|editing|title/);
      expect((await core(d).store.drafts.openFor(actor)).map((x) => x.recordId)).toContain(edit);

      const all = await d.click(a, offer, /^All 4 still accurate$/);
      expect(textOf(all)).toMatch(/records? (is|are) confirmed as still accurate/);
      expect(new Date((await core(d).store.records.get(actor, rest))!.lastConfirmedAt).getTime()).toBe(new Date('2026-12-01T09:00:00Z').getTime());
    },
  },
  {
    name: 'an update step by step with one wrong answer, saved as a record',
    startsAt: '2026-12-02T09:00:00Z',
    async run(d) {
      const a = await d.join(ana);
      const first = await startStepByStep(d, a, 'update');
      expect(textOf(first)).toMatch(/What kind of development is it\?/);
      const answers: [RegExp, string][] = [
        [/What kind of development/, 'Law'],
        [/^Title$/m, 'Law on Border Control (amendments)'],
        [/Which country/, 'Serbia'],
        [/Adopting body/, 'National Assembly'],
        [/^Stage$/m, 'Adopted'],
        [/^Date \(optional\)$|^Date$/m, '20.11.2026'],
        [/^Link/m, 'skip'],
        [/Short summary/, 'Aligns border checks with the Schengen Borders Code.'],
        [/^Themes$/m, 'Border checks'],
        [/Related needs/, 'skip'],
      ];
      // One wrong answer first: a date that does not exist. The same question comes back with the reason.
      let seen = first;
      for (let i = 0; i < 20 && !/^Date( \(optional\))?$/m.test(textOf(seen.slice(-1))); i++) {
        const hit = answers.find(([q]) => q.test(textOf(seen.slice(-1))));
        seen = await d.say(a, hit ? hit[1] : 'skip');
      }
      seen = await d.say(a, '31.2.2026');
      const wrongSeen = textOf(seen);
      expect(wrongSeen).toMatch(/⚠️ 31 February 2026 does not exist: February 2026 has 28 days\./);
      expect(wrongSeen).toMatch(/^Date( \(optional\))?$/m);
      const saved = await answerStepByStep(d, a, seen, answers);
      const id = /saved development update (DU-[\w-]+)/.exec(textOf(saved))?.[1];
      if (!id) throw new Error(textOf(saved));
      const rec = (await core(d).store.records.get(SYSTEM_ACTOR, id!))!;
      expect(rec.data).toMatchObject({ kind: 'law', title: 'Law on Border Control (amendments)', country: 'RS', stage: 'adopted', date: '2026-11-20', themes: ['border-checks'] });
    },
  },
  {
    name: 'a need as a whole form: errors shown on their fields, then saved; edit makes version 2',
    startsAt: '2026-12-02T09:00:00Z',
    async run(d) {
      const a = await d.join(ana);
      const form = formIn(await d.say(a, 'need', 'form'));
      expect(form.fields).toEqual(expect.arrayContaining(['title', 'description', 'priority']));
      const values = {
        title: 'Thermal cameras for the green border',
        needType: 'Operational',
        perspective: 'Prevention',
        theme: 'Border surveillance',
        description: 'short',
        justification: 'Night-time crossings on the green border go undetected on 40 km.',
        beneficiaryInstitution: 'Border Police Directorate',
        timeframe: 'Short term (up to 1 year)',
      };
      const bad = await d.submit(a, form, values);
      const shown = formIn(bad);
      expect(shown.errors.description).toMatch(/at least 10 characters/);
      expect(Object.keys(shown.errors)).toContain('priority');
      expect(await core(d).store.records.list(SYSTEM_ACTOR, { orgCode: 'MOI-RS' })).toHaveLength(0);

      const good = await d.submit(a, shown, { ...values, description: 'Eight thermal cameras with masts and power for the 40 km section.', priority: 'High' });
      const id = /saved need (NM-[\w-]+)/.exec(textOf(good))?.[1];
      expect(id).toBeDefined();
      expect((await core(d).store.records.get(SYSTEM_ACTOR, id!))!.data).toMatchObject({ priority: 'high', theme: 'border-surveillance' });

      const editForm = formIn(await d.say(a, `edit ${id}`, 'form'));
      const edited = await d.submit(a, editForm, { title: 'Thermal cameras and masts for the green border' });
      expect(textOf(edited)).toMatch(new RegExp(`Saved ${id}, version 2`));
      const rec = (await core(d).store.records.get(SYSTEM_ACTOR, id!))!;
      expect(rec.version).toBe(2);
      expect(rec.data.title).toBe('Thermal cameras and masts for the green border');
    },
  },
  {
    name: 'a meeting action item: the reminder\'s "Done" closes it',
    startsAt: '2026-12-02T09:00:00Z',
    async run(d) {
      const a = await d.join(ana);
      const sec = (await core(d).store.people.actorById((await d.join(sead)).personId))!;
      const res = await core(d).submissions.submit(sec, getForm('meeting')!, {
        type: 'support-group',
        title: '12th WBBSi Support Group meeting',
        startsAt: '2026-11-30T09:00:00Z',
        venue: 'Sarajevo',
        actionItems: [{ text: 'Send the amended law to the Secretariat', ownerOrg: 'MOI-RS', due: '2026-12-10' }],
      });
      if (!res.ok) throw new Error(JSON.stringify(res.errors));
      await wake(d, 'meetings', '2026-12-07T09:00:00Z');
      const reminder = await d.inbox(a);
      expect(textOf(reminder)).toMatch(/Send the amended law to the Secretariat/);
      const done = await d.click(a, reminder, 'Done');
      expect(textOf(done)).toMatch(/done|closed|Thank you/i);
      const m = (await core(d).store.meetings.get(sec, res.id))!;
      expect(m.actionItems[0]).toMatchObject({ status: 'done' });
    },
  },
  {
    name: 'a consultation: the request\'s "Agree" is recorded for the organisation',
    startsAt: '2026-12-02T09:00:00Z',
    async run(d) {
      const a = await d.join(ana);
      const s = await d.join(sead);
      const product = (await core(d).products.list()).find((p) => p.stage === 'drafting')!;
      const opened = await d.say(s, `consult ${product._id}`, 'chat');
      expect(textOf(opened)).toMatch(/requests sent/);
      const request = await d.inbox(a);
      expect(textOf(request)).toMatch(new RegExp(product.title));
      const agreed = await d.click(a, request, 'Agree');
      expect(textOf(agreed)).toMatch(/agree/i);
      const round = (await core(d).store.consultations.forProduct(product._id))[0]!;
      const entries = await core(d).store.consultations.entries(round._id);
      expect(entries.map((e) => [e.orgCode, e.answer])).toContainEqual(['MOI-RS', 'agree']);
    },
  },
  {
    name: 'the decision chain of a need: the Secretariat\'s step buttons, the Board\'s decision buttons; a partner\'s change of substance sends it back',
    startsAt: '2026-12-02T09:00:00Z',
    async run(d) {
      const a = await d.join(ana);
      const s = await d.join(sead);
      const b = await d.join(bea);
      // The partner's need form offers the one status a partner may choose.
      const offered = JSON.stringify(formIn(await d.say(a, 'need', 'form')).ref);
      expect(offered).toContain('Proposed by the partner');
      expect(offered).not.toMatch(/Adopted by the Board|Validated by the Secretariat/);
      const id = await serbianNeed(d, a.personId, 'Thermal cameras for the green border');

      let seen = await d.say(s, `chain ${id}`, 'chat');
      for (const step of ['Validate', 'Discussed by the Support Group', 'Propose to the Board']) seen = await d.click(s, seen, step);
      expect(textOf(seen)).toMatch(/is now proposed to the IISG Board/);
      expect(textOf(seen)).toMatch(/To record the Board's decision/);
      const asked = await d.say(b, `decide ${id} IISG Board 2027/03`, 'chat');
      const decided = await d.click(b, asked, 'Adopted');
      expect(textOf(decided)).toMatch(/is now adopted by the IISG Board \(decision IISG Board 2027\/03\)/);
      const adopted = (await core(d).store.records.get(SYSTEM_ACTOR, id))!;
      expect(adopted.data.status).toBe('adopted');
      expect((await core(d).store.records.versions(SYSTEM_ACTOR, id)).at(-1)).toMatchObject({ changedByName: 'Bea Board', reference: 'IISG Board 2027/03' });

      const form = formIn(await d.say(a, `edit ${id}`, 'form'));
      expect(JSON.stringify(form.ref)).not.toContain('Proposed by the partner'); // only where it stands: adopted
      const saved = await d.submit(a, form, { description: 'Twelve thermal cameras with masts, for the whole green border.' });
      expect(textOf(saved)).toMatch(/goes back to the IISG Secretariat for validation/);
      expect((await core(d).store.records.get(SYSTEM_ACTOR, id))!.data.status).toBe('proposed');
    },
  },
  {
    name: 'withdraw a record entered by mistake: asked to confirm, then out of the status; the Secretariat restores it',
    startsAt: '2026-12-02T09:00:00Z',
    async run(d) {
      const a = await d.join(ana);
      const s = await d.join(sead);
      const actor = (await core(d).store.people.actorById(a.personId))!;
      const res = await core(d).submissions.submit(actor, getForm('update')!, { kind: 'law', title: 'Law on Border Control', country: 'RS', stage: 'adopted', summary: 'Aligns border checks with the Schengen Borders Code.', themes: ['border-checks'] });
      if (!res.ok) throw new Error(JSON.stringify(res.errors));
      const asked = await d.say(a, `withdraw ${res.id} entered twice by mistake`, 'chat');
      expect(textOf(asked)).toMatch(new RegExp(`Withdraw ${res.id} “Law on Border Control”\\? Reason: entered twice by mistake`));
      expect(textOf(await d.click(a, asked, 'Keep it'))).toMatch(/stays as it is/);
      expect((await core(d).store.records.get(SYSTEM_ACTOR, res.id))!.status).toBe('active');
      expect(textOf(await d.click(a, asked, 'Withdraw it'))).toMatch(new RegExp(`Withdrawn: ${res.id}.*no longer counts in any report`));
      expect((await core(d).store.records.get(SYSTEM_ACTOR, res.id))!.status).toBe('withdrawn');
      expect(textOf(await d.say(s, 'status 2026-Q4', 'chat'))).toMatch(/Not yet reported \(\d+\): [^\n]*Serbia MoI/);
      expect(textOf(await d.say(s, `restore ${res.id}`, 'chat'))).toMatch(new RegExp(`Restored ${res.id}`));
      expect(textOf(await d.say(s, 'status 2026-Q4', 'chat'))).toMatch(/Reported \(1\): Serbia MoI/);
    },
  },
  {
    name: 'a report asked for in chat is delivered with its files',
    startsAt: '2026-12-02T09:00:00Z',
    async run(d) {
      const s = await d.join(sead);
      const seen = await d.say(s, 'report status 2026-Q4', 'form');
      expect(textOf(seen)).toMatch(/Working on the status report/);
      expect(textOf(seen)).toMatch(/Quarterly status|status/i);
      const files = seen.flatMap((x) => x.files).join(' ');
      expect(files).toMatch(/\.xlsx/);
      expect(files).toMatch(/\.csv/);
    },
  },
  ...CONVERSATION_SCENARIOS,
  ...FORM_SCENARIOS,
];
