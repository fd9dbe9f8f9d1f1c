import { SYSTEM_ACTOR, type Actor } from '../../src/domain/actor';
import { consoleClient, textOf, type ConsoleClient } from '../adapters/console/console-client';
import { addPerson } from '../support/people';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Finding 5: a classification marking is refused however it is disguised, and the partners' own
 * markings are known; ordinary prose using the same words is stored. Through the console API: a
 * whole need form, the marking in its description.
 */
const DISGUISES: [string, string, string][] = [
  ['plain', 'RESTREINT UE', 'RESTREINT UE'],
  ['a non-breaking space', 'RESTREINT\u00A0UE', 'RESTREINT UE'],
  ['two spaces', 'RESTREINT  UE', 'RESTREINT UE'],
  ['a hyphen', 'RESTREINT-UE', 'RESTREINT UE'],
  ['a slash', 'EU/RESTRICTED', 'EU RESTRICTED'],
  ['a line break', 'RESTREINT\nUE', 'RESTREINT UE'],
  ['a zero-width space between the words', 'RESTREINT\u200BUE', 'RESTREINT UE'],
  ['a zero-width space inside the word', 'CONFI\u200BDENTIAL', 'CONFIDENTIAL'],
  ['a soft hyphen inside the word', 'SE\u00ADCRET', 'SECRET'],
  ['full-width letters', 'ＲＥＳＴＲＥＩＮＴ\u3000ＵＥ', 'RESTREINT UE'],
  ['lower case', 'restreint ue', 'RESTREINT UE'],
  ['a Cyrillic look-alike letter', 'S\u0415CRET', 'SECRET'],
  ['an en dash and a dot', 'TRÈS–SECRET.UE', 'TRÈS SECRET UE'],
  ['Serbian, Cyrillic', 'СТРОГО ПОВЕРЉИВО', 'СТРОГО ПОВЕРЉИВО'],
  ['Serbian, Latin', 'STROGO POVERLJIVO', 'STROGO POVERLJIVO'],
  ['Serbian, Latin without diacritics', 'DRZAVNA TAJNA', 'DRŽAVNA TAJNA'],
  ['Macedonian', 'ДОВЕРЛИВО', 'ДОВЕРЛИВО'],
  ['Macedonian, two words, non-breaking space', 'СТРОГО\u00A0ДОВЕРЛИВО', 'СТРОГО ДОВЕРЛИВО'],
  ['Serbian / Montenegrin / Bosnian lowest level', 'INTERNO', 'INTERNO'],
  ['Bosnian, Montenegrin (ijekavian)', 'STROGO POVJERLJIVO', 'STROGO POVJERLJIVO'],
  ['Montenegrin', 'STROGO TAJNO', 'STROGO TAJNO'],
  ['Bosnian', 'VRLO TAJNO', 'VRLO TAJNO'],
  ['Albanian', 'SEKRET', 'SEKRET'],
  ['Albanian, two words', 'TEPËR SEKRET', 'TEPËR SEKRET'],
  ['Albanian, restricted', 'I KUFIZUAR', 'I KUFIZUAR'],
  ['a header line in ordinary case', 'Confidential\nList of the crossings', 'CONFIDENTIAL'],
];

/** Ordinary prose with the same words: none of this is a marking. */
const PROSE = [
  'The Secretariat will circulate the confidential draft before the meeting; a secret ballot is not foreseen.',
  "Ministero dell'Interno (Italy) and the Ministry of Interior of Montenegro share restricted-access data under the Prüm rules.",
  'EU restricted the export of dual-use goods in 2024; the report is classified by theme, and UNCLASSIFIED annexes follow.',
  'Top Secret was the name of the 2019 exercise. Interno e esterno: the border police split tasks; povjerljivo postupanje is required.',
].join('\n');

describe('classification markings through the console: refused however disguised, prose stored', () => {
  let t: TestApp;
  let c: ConsoleClient;
  let ana: Actor;
  /** One whole-form draft: a refused submission keeps it open, with the errors, for the next try. */
  let draftId: string;
  const values = (description: string) => ({
    title: 'Border crossing equipment',
    needType: 'operational',
    perspective: 'prevention',
    theme: 'border-checks',
    description,
    justification: 'Queues at the crossing exceed four hours in summer.',
    beneficiaryInstitution: 'Border Police Directorate',
    priority: 'high',
    timeframe: 'short',
  });
  const needs = () => t.app.core.store.records.list(SYSTEM_ACTOR, { type: 'need' });

  beforeAll(async () => {
    t = await startTestApp();
    c = consoleClient(t.url);
    ana = await addPerson(t.app.core.store, { name: 'Ana Petrović', email: 'ana@mup.gov.rs', orgCode: 'MOI-RS' });
    draftId = (await c.say(ana.personId, 'need', 'form')).form!.draftId;
  });
  afterAll(() => t.stop());

  it.each(DISGUISES)('refuses a marking written with %s, and stores nothing', async (_name, marking, reported) => {
    const res = await c.submitForm(ana.personId, draftId, values(`List of equipment for the crossings.\n${marking} annex follows.`));
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
    const field = res.body.form!.fields.find((f) => f.name === 'description')!;
    expect(field.error).toBe(
      `Your text carries the marking "${reported}". Slack and Teams are not accredited for classified information, so I have not stored it. I took the marking out and kept the rest of your text here for you to check; please send classified material through your accredited channel.`,
    );
    // The rest of the text is shown again for editing, without the marking.
    expect(field.value).toContain('List of equipment for the crossings.');
    expect(String(field.value)).not.toContain(marking.slice(0, 6));
    expect(await needs()).toEqual([]);
    const draft = (await t.app.core.store.drafts.openFor(ana)).find((d) => d._id === draftId);
    expect(draft).toBeDefined();
    expect(JSON.stringify(draft!.answers)).not.toContain(marking.slice(0, 6));
  });

  it('stores a paragraph of ordinary prose that uses the same words', async () => {
    const res = await c.submitForm(ana.personId, draftId, values(PROSE));
    expect(res.body.form?.fields.filter((f) => f.error)).toBeUndefined();
    expect(res.body.ok).toBe(true);
    expect(textOf(res.body)).toMatch(/saved need \*NM-2026-RS-001\*/);
    const stored = await needs();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.data.description).toBe(PROSE);
  });
});
