import { COUNTRIES, NEED_STATUSES, NEED_TYPES, PERSPECTIVES, PRIORITIES, THEMES, TIMEFRAMES } from '../config/vocabulary';
import { countryName } from '../domain/kosovo';
import { formStatuses } from '../domain/need-chain';
import { formsAllowed } from '../domain/permissions';
import { field } from './field';
import { defineForm } from './form';

/** A need of a Western Balkan partner: input to the Biennial Needs Mapping. */
export const needForm = defineForm({
  id: 'need',
  title: 'Need',
  intro: 'Describe a need of your institutions in border security. It goes to the Biennial Needs Mapping.',
  fields: {
    country: field.choice(COUNTRIES, { label: 'Which partner has this need?', short: 'Country' }),
    title: field.text({ label: 'Short title', example: 'Thermal cameras for the green border', max: 150, min: 3 }),
    needType: field.choice(NEED_TYPES, { label: 'Type of need' }),
    perspective: field.choice(PERSPECTIVES, { label: 'Perspective' }),
    theme: field.choice(THEMES, { label: 'Main theme' }),
    description: field.longtext({ label: 'Description', help: 'What is needed, concretely.', max: 2000, min: 10 }),
    justification: field.longtext({ label: 'Justification', help: 'Why it is needed: the gap, the risk, the evidence.', max: 2000, min: 10 }),
    beneficiaryInstitution: field.text({ label: 'Beneficiary institution', example: 'Border Police Directorate', max: 200 }),
    priority: field.choice(PRIORITIES, { label: 'Priority' }),
    timeframe: field.choice(TIMEFRAMES, { label: 'Timeframe' }),
    status: field.choice(NEED_STATUSES, {
      label: 'Status in the decision chain',
      short: 'Status',
      default: 'proposed',
      ask: false,
      help: 'The partner proposes; the IISG Secretariat records the later steps. Board decisions are recorded with their reference: type *chain <need id>*.',
      // Only the steps this person may take from where the need stands (src/domain/need-chain.ts).
      choicesFor: (actor, _answers, stored) => formStatuses(actor, stored),
    }),
  },
  allowed: (a) => formsAllowed(a).includes('need'),
  defaults: (a) => (a.country ? { country: a.country, status: 'proposed' } : { status: 'proposed' }),
  fixed: (a) => (a.orgType === 'wb-partner' && a.country ? ['country'] : []),
  describe: (d) => `a need${d.country ? ` for ${countryName(String(d.country))}` : ''}${d.title ? ` ("${String(d.title)}")` : ''}`,
});
