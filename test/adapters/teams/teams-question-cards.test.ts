import { BotConnectorStandin, type ConnectorCall } from '../../support/bot-connector-standin';
import { addPerson } from '../../support/people';
import { TeamsKit, actionsOf, inputsOf, textOf, type TeamsPerson } from '../../support/teams-kit';
import { startTestApp, type TestApp } from '../../support/test-app';

/**
 * Question cards of the step-by-step conversation in Teams, as Bot Framework activities: the label
 * said once, a date picker for dates, one tap for a few choices (issue 16, item 11).
 */
describe('Teams: question cards', () => {
  let t: TestApp;
  let standin: BotConnectorStandin;
  let kit: TeamsKit;
  const greta: TeamsPerson = { aad: '4c2e7a10-5d3b-4e6f-8a9b-1c2d3e4f5a6b', name: 'Greta Berger' };
  const reply = (calls: ConnectorCall[]) => calls.filter((c) => c.kind === 'reply').at(-1)!;
  const times = (text: string, what: string) => text.split(what).length - 1;

  beforeAll(async () => {
    standin = await new BotConnectorStandin().start();
    t = await startTestApp({ env: { TEAMS_LOCAL_MODE: 'true' } });
    kit = new TeamsKit(t.url, standin);
    await addPerson(t.app.core.store, { name: greta.name, email: 'greta@giz.de', orgCode: 'GIZ', teamsId: greta.aad });
  });
  afterAll(async () => {
    await t.stop();
    await standin.stop();
  });

  it('asks a few choices as one-tap buttons, says each label once, and asks a date with a date picker', async () => {
    const form = reply(await kit.say(greta, 'update'));
    let card = reply(await kit.click(greta, form, 'Answer step by step instead'));
    expect(times(textOf(card), 'What kind of development is it?')).toBe(1);
    expect(inputsOf(card)).toEqual([]); // no pick-then-Send
    expect(actionsOf(card).slice(0, 5).map((a) => a.title)).toEqual(['1. Law', '2. Implementing decision', '3. Strategy', '4. Action plan', '5. Action or project']);

    await kit.click(greta, card, '1. Law');
    card = reply(await kit.say(greta, 'Law on Border Control (amendments)'));
    expect(times(textOf(card), 'Which country does it concern?')).toBe(1);
    const countries = inputsOf(card).find((i) => i.type === 'Input.ChoiceSet')!; // seven: a list, then Send
    expect(countries).toMatchObject({ id: 'choice', style: 'compact' });
    expect(countries).not.toHaveProperty('label');
    await kit.click(greta, card, 'Send', { choice: 'RS' });
    await kit.say(greta, 'National Assembly');
    card = reply(await kit.say(greta, 'adopted'));

    expect(textOf(card)).toMatch(/\*\*Date\*\* \(optional\)/);
    const picker = inputsOf(card).find((i) => i.type === 'Input.Date');
    expect(picker).toMatchObject({ id: 'choice' });
    expect(picker).not.toHaveProperty('label');
    const next = await kit.click(greta, card, 'Send', { choice: '2026-11-20' });
    expect(textOf(reply(next))).toMatch(/\*\*Link\*\*/);
    const draft = (await t.app.core.store.drafts.openFor((await t.app.core.conversation.identify({ platform: 'teams', userId: greta.aad }))!))[0]!;
    expect(draft.answers).toMatchObject({ kind: 'law', country: 'RS', stage: 'adopted', date: '2026-11-20' });
  });
});
