import { BENEFICIARIES, THEMES, UPDATE_KINDS, UPDATE_STAGES } from '../config/vocabulary';
import { formsAllowed } from '../domain/permissions';
import { countryName } from '../domain/kosovo';
import { field } from './field';
import { defineForm } from './form';
import { needIdList } from './need-links.field';

const hasStage = (a: Record<string, unknown>) => a.kind !== 'action';

/** Development update: a law, implementing decision, strategy, action plan or action. */
export const updateForm = defineForm({
  id: 'update',
  title: 'Development update',
  intro: 'Tell the Secretariat about a new law, implementing decision, strategy, action plan or action.',
  fields: {
    kind: field.choice(UPDATE_KINDS, { label: 'What kind of development is it?', short: 'Kind' }),
    title: field.text({ label: 'Title', help: 'The official title, or a short descriptive one.', example: 'Law on Border Control (amendments)', max: 200, min: 3 }),
    country: field.choice(BENEFICIARIES, { label: 'Which country does it concern?', short: 'Country', help: 'Choose "Regional" when it concerns all six partners.' }),
    adoptingBody: field.text({ label: 'Adopting body', help: 'Who adopts or runs it, e.g. the National Assembly or the Ministry.', optional: true, max: 200, when: hasStage }),
    stage: field.choice(UPDATE_STAGES, { label: 'Stage', when: hasStage }),
    date: field.date({ label: 'Date', help: 'Date of adoption, entry into force or start. Leave empty if not known yet.', optional: true }),
    link: field.url({ label: 'Link', help: 'A web link to the text or an announcement, if public.', optional: true }),
    summary: field.longtext({ label: 'Short summary', help: 'Two or three sentences: what changes and why it matters for border security.', max: 1500, min: 10 }),
    themes: field.multichoice(THEMES, { label: 'Themes', help: 'Pick one or more.', max: 6 }),
    relatedNeeds: needIdList({ label: 'Related needs', help: 'Ids of needs this answers, e.g. NM-2026-RS-014 (optional).', optional: true }),
  },
  allowed: (a) => formsAllowed(a).includes('update'),
  defaults: (a) => (a.country ? { country: a.country } : {}),
  describe: (d) => `a development update${d.country ? ` for ${countryName(String(d.country))}` : ''}${d.title ? ` ("${String(d.title)}")` : ''}`,
});
