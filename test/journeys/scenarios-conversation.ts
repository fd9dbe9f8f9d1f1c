import { SYSTEM_ACTOR, type Actor } from '../../src/domain/actor';
import { getForm } from '../../src/forms/registry';
import { textOf, type Driver, type Person, type Seen } from './drivers/driver';
import { adopt, ana, answerUntil, core, greta, sead, startStepByStep } from './scenario-kit';
import type { Scenario } from './scenarios';

/**
 * The conversation as a civil servant meets it (issue 16): commands typed inside a form, a short
 * help, answered questions replaced, stale clicks, confirmations, numbered choices, near misses.
 */

const actorOf = async (d: Driver, p: Person): Promise<Actor> => (await core(d).store.people.actorById(p.personId))!;
const openDrafts = async (d: Driver, p: Person) => core(d).store.drafts.openFor(await actorOf(d, p));
const buttonsOf = (seen: Seen[]) => seen.flatMap((s) => s.buttons);
const answered = (seen: Seen[]) => seen.find((s) => s.replaced);

/** The answers of a need up to its Description question. */
const NEED_START: [RegExp, string][] = [
  [/Short title/, 'Thermal cameras for the green border'],
  [/Type of need/, 'Operational'],
  [/Perspective/, 'Prevention'],
  [/Main theme/, 'Border surveillance'],
];

/** A need for Serbia, recorded by `by` and, when `status` says so, adopted by the Board (what donors may see). */
async function recordNeed(d: Driver, title: string, status: 'adopted' | 'proposed', by: Actor = SYSTEM_ACTOR): Promise<string> {
  const res = await core(d).submissions.submit(by, getForm('need')!, {
    country: 'RS',
    title,
    needType: 'operational',
    perspective: 'prevention',
    theme: 'border-surveillance',
    description: `${title}: eight units with masts and power for the 40 km section.`,
    justification: 'Night-time crossings on the green border go undetected.',
    beneficiaryInstitution: 'Border Police Directorate',
    priority: 'high',
    timeframe: 'short',
  });
  if (!res.ok) throw new Error(JSON.stringify(res.errors));
  if (status === 'adopted') await adopt(d, res.id);
  return res.id;
}

export const CONVERSATION_SCENARIOS: Scenario[] = [
  {
    name: 'inside a form, a command typed alone is offered as a command (never saved as the answer); help explains the question; the form pauses and continues',
    startsAt: '2026-12-02T09:00:00Z',
    async run(d) {
      const a = await d.join(ana);
      await answerUntil(d, a, await startStepByStep(d, a, 'need'), NEED_START, /^Description$/m);
      const offer = await d.say(a, 'nothing new');
      expect(textOf(offer)).toMatch(/Did you mean the command nothing new\?/);
      expect((await openDrafts(d, a))[0]!.answers.description).toBeUndefined();
      expect(textOf(await d.say(a, 'mine'))).toMatch(/Did you mean the command mine\?/);

      const help = textOf(await d.say(a, 'help'));
      expect(help).toMatch(/This question asks for Description\. What is needed, concretely\./);
      for (const way of [/back: the previous question/, /review: see all your answers/, /pause: stop for now/, /cancel: discard the form/]) expect(help).toMatch(way);

      // Text that merely contains a command word is an answer.
      const next = await d.say(a, 'Nothing new has reached the green border: we need eight thermal cameras.');
      expect(textOf(next)).toMatch(/Justification/);
      expect((await openDrafts(d, a))[0]!.answers.description).toBe('Nothing new has reached the green border: we need eight thermal cameras.');

      // The offer taken: the form is paused (answers kept) and the command runs.
      const paused = await d.click(a, offer, 'Pause and run "nothing new"');
      expect(textOf(paused)).toMatch(/I paused a need for Serbia \("Thermal cameras for the green border"\); your answers are kept/);
      expect(textOf(paused)).toMatch(/Confirm that Serbia MoI has nothing new to report for 2026-Q4\?/);
      expect(await openDrafts(d, a)).toHaveLength(1);
      expect(textOf(await d.say(a, 'mine'))).toMatch(/Unfinished drafts/); // typed text is a command again
      const back = await d.click(a, paused, 'Continue the need');
      expect(textOf(back)).toMatch(/Justification/);
      expect((await openDrafts(d, a))[0]!.answers).toMatchObject({ title: 'Thermal cameras for the green border', description: expect.stringMatching(/^Nothing new has reached/) });
    },
  },
  {
    name: 'help is short and fits the person: likely actions as buttons, "More" lists only what they may use; unknown text gets one line',
    startsAt: '2026-12-02T09:00:00Z',
    async run(d) {
      const g = await d.join(greta);
      const help = await d.say(g, 'help');
      expect(buttonsOf(help)).toEqual(['Add a response', 'Add an update', 'Nothing new this quarter', 'More']);
      expect(textOf(help)).not.toMatch(/•/);
      const more = textOf(await d.click(g, help, 'More'));
      expect(more).toMatch(/• response — describe assistance you provide or plan/);
      expect(more).toMatch(/• needs \[country\] \[theme\] — look up needs/);
      expect(more).not.toMatch(/• need —/); // a donor does not send needs
      expect(more).not.toMatch(/status \[quarter\]|report \[name\]/); // the Secretariat's commands are not offered

      const unknown = await d.say(g, 'frobnicate');
      expect(unknown).toHaveLength(1);
      expect(unknown[0]!.text).toMatch(/^Sorry, I did not understand "frobnicate"\. Here is what I can do for you:/);
      expect(unknown[0]!.text).not.toMatch(/•/);
      expect(buttonsOf(unknown)).toEqual(['Add a response', 'Add an update', 'Nothing new this quarter', 'More']);

      const s = await d.join(sead);
      const secHelp = await d.say(s, 'help');
      expect(buttonsOf(secHelp)).toEqual(['Status this quarter', 'Reports', 'Meetings', 'More']);
      expect(textOf(await d.click(s, secHelp, 'Status this quarter'))).toMatch(/Quarterly status 2026-Q4/);
      // The Secretariat does not report: its `mine` does not offer "Nothing new this quarter".
      const mine = await d.say(s, 'mine');
      expect(textOf(mine)).toMatch(/IISG Secretariat does not report quarterly, so nothing is due/);
      expect(buttonsOf(mine)).not.toContain('Nothing new this quarter');
    },
  },
  {
    name: 'a clicked answer replaces its question; a click on an earlier question asks before changing it; choices are numbered',
    startsAt: '2026-12-02T09:00:00Z',
    async run(d) {
      const a = await d.join(ana);
      const title = await answerUntil(d, a, await startStepByStep(d, a, 'need'), [[/Short title/, 'Thermal cameras for the green border']], /Type of need/);
      const typeQ = title.filter((s) => !s.replaced).at(-1)!;
      expect(typeQ.text).toMatch(/Pick one below, or type its number/);
      expect(typeQ.buttons).toEqual(expect.arrayContaining(['1. Legislative', '2. Institutional', '3. Operational']));
      const clicked = await d.click(a, [typeQ], '3. Operational');
      expect(answered(clicked)?.text).toMatch(/✓ Type of need: Operational/);
      expect(answered(clicked)!.buttons).toEqual([]);
      const perspectiveQ = clicked.filter((s) => !s.replaced);
      expect(textOf(perspectiveQ)).toMatch(/Perspective/);

      // Answered by typing its number, the question stays on screen with its buttons.
      expect(textOf(await d.say(a, '1'))).toMatch(/Main theme/);
      expect((await openDrafts(d, a))[0]!.answers.perspective).toBe('prevention');
      const stale = await d.click(a, perspectiveQ, '2. Response');
      expect(textOf(stale)).toMatch(/You already answered Perspective: Prevention\. Change it to Response\?/);
      expect((await openDrafts(d, a))[0]!.answers.perspective).toBe('prevention');
      const kept = await d.click(a, stale, 'Keep my answer');
      expect(textOf(kept)).toMatch(/Main theme/);
      expect((await openDrafts(d, a))[0]!.answers.perspective).toBe('prevention');

      const again = await d.click(a, perspectiveQ, '2. Response');
      const changed = await d.click(a, again, 'Change it');
      expect(answered(changed)?.text).toMatch(/✓ Changed Perspective: Response/);
      expect(textOf(changed)).toMatch(/Main theme/); // back where the person was
      expect((await openDrafts(d, a))[0]!.answers.perspective).toBe('response');
    },
  },
  {
    name: 'Cancel and Discard ask first; stopping an edit says the record is unchanged',
    startsAt: '2026-12-02T09:00:00Z',
    async run(d) {
      const a = await d.join(ana);
      const first = await startStepByStep(d, a, 'update');
      const ask = await d.click(a, first, 'Cancel');
      expect(textOf(ask)).toMatch(/Discard a development update for Serbia\? Your answers will be lost\./);
      expect(buttonsOf(ask)).toEqual(['Yes, discard', 'No, keep it']);
      expect(await openDrafts(d, a)).toHaveLength(1);
      const kept = await d.click(a, ask, 'No, keep it');
      expect(answered(kept)?.text).toMatch(/✓ Kept/);
      expect(textOf(kept)).toMatch(/What kind of development is it\?/);
      const gone = await d.click(a, await d.click(a, kept, 'Cancel'), 'Yes, discard');
      expect(answered(gone)?.text).toMatch(/I discarded a development update for Serbia\. Nothing was recorded\./);
      expect(await openDrafts(d, a)).toHaveLength(0);

      const id = await recordNeed(d, 'Thermal cameras for the green border', 'proposed', await actorOf(d, a));
      const editing = await d.say(a, `edit ${id}`, 'chat');
      const stop = await d.click(a, editing, 'Cancel');
      expect(textOf(stop)).toMatch(new RegExp(`Stop editing ${id}\\? Your changes will be lost; the record stays as it is\\.`));
      const stopped = await d.click(a, stop, 'Yes, stop editing');
      expect(answered(stopped)?.text).toMatch(new RegExp(`I stopped editing ${id}\\. The record is unchanged\\.`));
      expect(answered(stopped)?.text).not.toMatch(/Discarded|Nothing was saved/);
      expect((await core(d).store.records.get(SYSTEM_ACTOR, id))!.version).toBe(1);
    },
  },
  {
    name: 'near misses get "Did you mean …?" with a one-click answer; www. links are completed; the review names fields shortly',
    startsAt: '2026-12-02T09:00:00Z',
    async run(d) {
      const a = await d.join(greta); // a donor: no country filled in, so it is asked on every surface
      const atCountry = await answerUntil(d, a, await startStepByStep(d, a, 'update'), [[/What kind of development/, 'law'], [/^Title$/m, 'Law on Border Control (amendments)']], /Which country/);
      expect(textOf(atCountry)).toMatch(/Which country/);
      const miss = await d.say(a, 'Serbai');
      expect(textOf(miss)).toMatch(/"Serbai" is not one of the options\. Did you mean Serbia\?/);
      const taken = await d.click(a, miss, 'Yes, Serbia');
      expect(answered(taken)?.text).toMatch(/✓ Country: Serbia/);
      expect(textOf(taken)).toMatch(/Adopting body/);

      const atLink = await answerUntil(d, a, taken, [[/Adopting body/, 'National Assembly'], [/^Stage$/m, 'Adopted'], [/^Date/m, '20.11.2026']], /^Link/m);
      expect(textOf(atLink)).toMatch(/Link/);
      const review = await answerUntil(
        d,
        a,
        await d.say(a, 'www.mup.gov.rs/zakon-o-granici'),
        [[/Short summary/, 'Aligns border checks with the Schengen Borders Code.'], [/^Themes$/m, 'Border checks'], [/Related needs/, 'skip']],
        /Please check it, then press/,
      );
      const text = textOf(review);
      expect(text).toMatch(/Here is your development update\. Please check it, then press Submit\./);
      expect(text).toMatch(/Kind:?\s+Law/);
      expect(text).toMatch(/Country:?\s+Serbia/);
      expect(text).not.toMatch(/What kind of development is it\?/);
      expect(text).toMatch(/Link:?\s+https:\/\/www\.mup\.gov\.rs\/zakon-o-granici/);
      expect((await openDrafts(d, a))[0]!.answers.link).toBe('https://www.mup.gov.rs/zakon-o-granici');
    },
  },
  {
    name: 'donors find needs to link by country, theme or words (`needs`, and a search at the question); unknown ids are refused at their step',
    startsAt: '2026-12-02T09:00:00Z',
    async run(d) {
      const adopted = await recordNeed(d, 'Thermal cameras for the green border', 'adopted');
      const proposed = await recordNeed(d, 'Radios for joint patrols', 'proposed');
      const g = await d.join(greta);
      const list = textOf(await d.say(g, 'needs Serbia border surveillance'));
      expect(list).toMatch(new RegExp(`${adopted} Thermal cameras for the green border \\(Serbia, Border surveillance, adopted by the Board\\)`));
      expect(list).not.toContain(proposed); // not adopted: not for a donor's eyes

      const atNeeds = await answerUntil(
        d,
        g,
        await startStepByStep(d, g, 'update'),
        [[/What kind of development/, 'Action or project'], [/^Title$/m, 'Training on thermal cameras'], [/Which country/, 'Serbia'], [/Short summary/, 'Training of 40 border police officers on thermal cameras.'], [/^Themes$/m, 'Border surveillance']],
        /Related needs/,
      );
      expect(textOf(atNeeds)).not.toMatch(/NM-2026-RS-014 \(optional\)/); // "(optional)" is said once, on the label
      const unknown = await d.say(g, 'NM-2026-RS-999');
      expect(textOf(unknown)).toMatch(/I cannot find NM-2026-RS-999 among the needs you can see/);
      expect(textOf(await d.say(g, proposed))).toMatch(new RegExp(`I cannot find ${proposed}`));
      const found = textOf(await d.say(g, 'thermal cameras'));
      expect(found).toMatch(new RegExp(`One need matches "thermal cameras":\\n• ${adopted} Thermal cameras for the green border`));
      const review = textOf(await d.say(g, adopted));
      expect(review).toMatch(new RegExp(`Related needs:?\\s+${adopted}`));
    },
  },
];
