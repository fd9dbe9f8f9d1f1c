import { SYSTEM_ACTOR, type Actor } from '../../src/domain/actor';
import { getForm } from '../../src/forms/registry';
import { addPerson } from '../support/people';
import { formIn, textOf, type Driver, type Person } from './drivers/driver';
import { adopt, ana, answerUntil, core, greta, sead, serbianNeed, startStepByStep, wake } from './scenario-kit';
import type { Scenario } from './scenarios';

/**
 * Whole forms and checks (issue 16): refusals on their field, every check at its step, markings
 * taken out with the rest kept, required fields marked, needs and providers picked from lists, and
 * Kosovo* for the territory only.
 */

const actorOf = async (d: Driver, p: Person): Promise<Actor> => (await core(d).store.people.actorById(p.personId))!;
const openDrafts = async (d: Driver, p: Person) => core(d).store.drafts.openFor(await actorOf(d, p));

const NEED = {
  title: 'Thermal cameras for the green border',
  needType: 'Operational',
  perspective: 'Prevention',
  theme: 'Border surveillance',
  description: 'Eight thermal cameras with masts for the 40 km section.',
  justification: 'Night-time crossings on the green border go undetected.',
  beneficiaryInstitution: 'Border Police Directorate',
  priority: 'High',
  timeframe: 'Short term (up to 1 year)',
};

export const FORM_SCENARIOS: Scenario[] = [
  {
    name: 'a value the core refuses (a form opened before the Board adopted the need) shows on its field, and the form stays open',
    startsAt: '2026-12-02T09:00:00Z',
    async run(d) {
      const a = await d.join(ana);
      const s = await d.join(sead);
      const id = await serbianNeed(d, a.personId, NEED.title);
      const form = formIn(await d.say(a, `edit ${id}`, 'form'));
      // Meanwhile the Secretariat takes the need up the chain and the Board adopts it.
      const sec = (await core(d).store.people.actorById(s.personId))!;
      for (const step of ['validated', 'agreed', 'to-board'] as const) await core(d).store.records.moveNeed(sec, id, step);
      await core(d).store.records.moveNeed(sec, id, 'adopted', { reference: 'IISG Board 2027/01' });
      // Ana's form still says "Proposed by the partner": setting that back is refused, on the field, with what she typed kept.
      const refused = formIn(await d.submit(a, form, {}));
      expect(refused.errors.status).toMatch(/adopted/i);
      expect(refused.values.title).toBe(NEED.title);
      const rec = (await core(d).store.records.get(SYSTEM_ACTOR, id))!;
      expect([rec.data.status, rec.version]).toEqual(['adopted', 5]);
      expect(await openDrafts(d, a)).toHaveLength(1);
    },
  },
  {
    name: 'a refused classification marking is taken out and pointed to; the rest of the text stays for editing, never stored with it',
    startsAt: '2026-12-02T09:00:00Z',
    async run(d) {
      const a = await d.join(ana);
      const form = formIn(await d.say(a, 'need', 'form'));
      const marked = formIn(await d.submit(a, form, { ...NEED, description: `RESTREINT UE\n${NEED.description}` }));
      expect(marked.errors.description).toMatch(/marking "RESTREINT UE"/);
      expect(marked.values.description).toBe(NEED.description);
      expect(JSON.stringify(await core(d).store.ctx.models.drafts.find({}).lean())).not.toMatch(/RESTREINT/);
      const saved = await d.submit(a, marked, { ...NEED, description: marked.values.description as string });
      expect(textOf(saved)).toMatch(/saved need NM-2026-RS-001/);
    },
  },
  {
    name: 'required fields are marked on the form; one Submit shows every missing answer at once',
    startsAt: '2026-12-02T09:00:00Z',
    async run(d) {
      const a = await d.join(ana);
      const form = formIn(await d.say(a, 'update', 'form'));
      expect(form.text).toMatch(/Every field is required unless it is marked optional/);
      expect(form.text).toMatch(/Required unless the development is an action/); // the stage, shown optional in a whole form
      const shown = formIn(await d.submit(a, form, { title: 'Law on Border Control (amendments)' }));
      expect(Object.keys(shown.errors).sort()).toEqual(['kind', 'stage', 'summary', 'themes']);
    },
  },
  {
    name: 'in the step-by-step chat, a cross-field rule is checked at its step (an end date before the start date)',
    startsAt: '2026-12-02T09:00:00Z',
    async run(d) {
      const g = await d.join(greta);
      const atEnd = await answerUntil(
        d,
        g,
        await startStepByStep(d, g, 'response'),
        [[/Title of the action/, 'Thermal camera training'], [/Provider/, 'GIZ'], [/Beneficiary countries/, 'Serbia'], [/^Themes$/m, 'Border surveillance'], [/Type of assistance/, 'Training'], [/Start date/, '1.3.2027']],
        /^End date/m,
      );
      expect(textOf(atEnd)).toMatch(/End date/);
      const wrong = await d.say(g, '1.1.2027');
      expect(textOf(wrong)).toMatch(/The end date is before the start date\./);
      expect(textOf(wrong.slice(-1))).toMatch(/End date/);
      expect((await openDrafts(d, g))[0]!.answers.endDate).toBeUndefined();
      expect(textOf(await d.say(g, '31.12.2027'))).toMatch(/^Status$/m);
    },
  },
  {
    name: 'a response links needs and names its providers by picking them from lists, with "Other" for providers outside the roster',
    startsAt: '2026-12-02T09:00:00Z',
    async run(d) {
      const need = await core(d).submissions.submit(SYSTEM_ACTOR, getForm('need')!, {
        country: 'RS', title: NEED.title, needType: 'operational', perspective: 'prevention', theme: 'border-surveillance', description: NEED.description,
        justification: NEED.justification, beneficiaryInstitution: NEED.beneficiaryInstitution, priority: 'high', timeframe: 'short',
      });
      if (!need.ok) throw new Error(JSON.stringify(need.errors));
      await adopt(d, need.id);
      const g = await d.join(greta);
      const form = formIn(await d.say(g, 'response', 'form'));
      expect(form.values.providers).toEqual(['GIZ']); // the person's own organisation, picked already
      const values = {
        title: 'Thermal camera training',
        providers: ['GIZ', 'Other (not in the roster)'],
        beneficiaries: ['Serbia'],
        themes: ['Border surveillance'],
        assistanceType: 'Training',
        startDate: '2027-03-01',
        status: 'Pipeline',
        needLinks: [`${need.id} — partly: ${NEED.title}`],
      };
      const named = formIn(await d.submit(g, form, values));
      expect(named.errors).toEqual({ otherProviders: 'Please name the providers outside the roster.' });
      const saved = await d.submit(g, named, { ...values, otherProviders: 'German government' });
      const id = /saved response \(assistance\) (RM-[\w-]+)/.exec(textOf(saved))?.[1];
      if (!id) throw new Error(textOf(saved));
      expect((await core(d).store.records.get(SYSTEM_ACTOR, id))!.data).toMatchObject({
        providers: ['GIZ', 'OTHER'],
        otherProviders: 'German government',
        needLinks: [{ needId: need.id, coverage: 'partial' }],
      });
    },
  },
  {
    name: 'Kosovo* is the territory only: a deputy is told whom they stand in for, "Arben Kosovo", without the asterisk',
    startsAt: '2026-12-01T08:00:00Z',
    async run(d) {
      const focal = await addPerson(core(d).store, { name: 'Arben Kosovo', email: 'arben.kosovo@asp.gov.al', orgCode: 'MOI-AL', awayUntil: '2027-01-31' });
      const dita = await d.join({ name: 'Dita Leka', email: 'dita@asp.gov.al', orgCode: 'MOI-AL' });
      const doc = (await core(d).store.people.get(dita.personId))!;
      await core(d).store.people.upsert(SYSTEM_ACTOR, { name: doc.name, email: doc.email, orgCode: doc.orgCode, role: doc.role, slackId: doc.slackId, teamsId: doc.teamsId, deputyOf: focal.personId });
      await wake(d, 'reminders', '2026-12-01T09:00:00Z');
      const nudge = textOf(await d.inbox(dita));
      expect(nudge).toMatch(/You receive this as deputy of Arben Kosovo, who is away until/);
      expect(nudge).not.toMatch(/Kosovo\*/);
      expect(nudge).not.toMatch(/This designation is without prejudice/);
    },
  },
];
