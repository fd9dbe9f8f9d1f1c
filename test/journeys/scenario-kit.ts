import { SYSTEM_ACTOR } from '../../src/domain/actor';
import { getForm } from '../../src/forms/registry';
import { THERMAL_CAMERAS_NEED } from '../support/need-answers';
import type { PersonSpec } from './drivers/driver';
import { textOf, type Driver, type Person, type Seen } from './drivers/driver';

/** What the journeys share: the app's core, the clock, the scheduler's wake-up, the people, the form steps. */
export const core = (d: Driver) => d.t.app.core;
export const at = (d: Driver, iso: string) => d.clock.set(new Date(iso));

/** The scheduler's wake-up for a job, at this instant (what cron would do at that time). */
export async function wake(d: Driver, job: string, iso: string): Promise<void> {
  at(d, iso);
  const j = core(d).jobs.find((x) => x.name === job);
  if (!j) throw new Error(`no job ${job}; have ${core(d).jobs.map((x) => x.name).join(', ')}`);
  await j.run(new Date(iso));
  await d.t.app.idle();
}

export const ana: PersonSpec = { name: 'Ana Petrović', email: 'ana@mup.gov.rs', orgCode: 'MOI-RS' };
export const arben: PersonSpec = { name: 'Arben Hoxha', email: 'arben@asp.gov.al', orgCode: 'MOI-AL' };
export const sead: PersonSpec = { name: 'Sead Kovač', email: 'sead@rcc.int', orgCode: 'IISG-SEC', role: 'secretariat' };
export const greta: PersonSpec = { name: 'Greta Berger', email: 'greta@giz.de', orgCode: 'GIZ' };

/** The last question asked, as text (a step-by-step answer shows the question last). */
export const lastQuestion = (seen: Seen[]) => textOf(seen.filter((s) => !s.replaced).slice(-2));

/** Answers the step-by-step questions by their label until the review, then submits. */
export async function answerStepByStep(d: Driver, p: Person, first: Seen[], answers: [RegExp, string][]): Promise<Seen[]> {
  let seen = first;
  for (let i = 0; i < 20; i++) {
    const last = lastQuestion(seen);
    if (/Please check (it|them), then press/.test(last)) return d.click(p, seen, /^(Submit|Save changes)$/);
    const hit = answers.find(([q]) => q.test(last));
    seen = await d.say(p, hit ? hit[1] : 'skip');
  }
  throw new Error(`the form never reached its review; last: ${textOf(seen)}`);
}

/** Answers questions by their label (others skipped) until the question asked matches `until`. */
export async function answerUntil(d: Driver, p: Person, first: Seen[], answers: [RegExp, string][], until: RegExp): Promise<Seen[]> {
  let seen = first;
  for (let i = 0; i < 20; i++) {
    const last = textOf(seen.filter((s) => !s.replaced).slice(-1));
    if (until.test(last)) return seen;
    const hit = answers.find(([q]) => q.test(last));
    seen = await d.say(p, hit ? hit[1] : 'skip');
  }
  throw new Error(`never reached ${String(until)}; last: ${textOf(seen)}`);
}

/** A form, step by step (Teams opens it as a card: "Answer step by step instead"). */
export async function startStepByStep(d: Driver, p: Person, form: string): Promise<Seen[]> {
  const seen = await d.say(p, form, 'chat');
  return seen.some((s) => s.form) ? d.click(p, seen, 'Answer step by step instead') : seen;
}

export const bea = { name: 'Bea Board', email: 'bea@board.example', orgCode: 'DG-NEAR', role: 'board' as const };

/** A need of Serbia MoI stored as its partner would (the form's answers). */
export async function serbianNeed(d: Driver, personId: string, title: string): Promise<string> {
  const actor = (await core(d).store.people.actorById(personId))!;
  const res = await core(d).submissions.submit(actor, getForm('need')!, { ...THERMAL_CAMERAS_NEED, title });
  if (!res.ok) throw new Error(JSON.stringify(res.errors));
  return res.id;
}

/**
 * Takes a need up the decision chain to the Board's adoption, as the Secretariat records it (what a
 * donor may then see and link to).
 */
export async function adopt(d: Driver, id: string): Promise<void> {
  for (const step of ['validated', 'agreed', 'to-board'] as const) await core(d).store.records.moveNeed(SYSTEM_ACTOR, id, step);
  await core(d).store.records.moveNeed(SYSTEM_ACTOR, id, 'adopted', { reference: 'IISG Board 2026/12' });
}
