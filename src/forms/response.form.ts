import { ASSISTANCE_TYPES, BENEFICIARIES, RESPONSE_STATUSES, THEMES } from '../config/vocabulary';
import { formsAllowed } from '../domain/permissions';
import { field } from './field';
import { defineForm } from './form';
import { needLinks } from './need-links.field';
import { OTHER_ORG } from './org-choices';

/** Assistance a donor or implementer provides: input to the Annual Response Mapping. */
export const responseForm = defineForm({
  id: 'response',
  title: 'Response (assistance)',
  intro: 'Describe assistance your organisation provides or plans. It goes to the Annual Response Mapping.',
  fields: {
    title: field.text({ label: 'Title of the action', example: 'EU4BorderSecurity – equipment for the Serbian Border Police', max: 200, min: 3 }),
    providers: field.orgs({ label: 'Provider(s)', help: 'Yours is filled in. Choose "Other" for a provider outside the roster.', max: 10, other: 'otherProviders' }),
    otherProviders: field.text({ label: 'Other providers', short: 'Other providers', help: 'Providers outside the roster, e.g. German government.', optional: true, max: 300, when: (a) => Array.isArray(a.providers) && a.providers.includes(OTHER_ORG.value) }),
    implementer: field.text({ label: 'Implementer', help: 'Who implements it, if not the provider.', optional: true, max: 200 }),
    beneficiaries: field.multichoice(BENEFICIARIES, { label: 'Beneficiary countries', help: 'Pick one or more, or Regional.' }),
    beneficiaryInstitutions: field.text({ label: 'Beneficiary institutions', optional: true, max: 300 }),
    themes: field.multichoice(THEMES, { label: 'Themes', max: 6 }),
    assistanceType: field.choice(ASSISTANCE_TYPES, { label: 'Type of assistance' }),
    instrument: field.text({ label: 'Instrument', example: 'IPA III, bilateral', optional: true, max: 100 }),
    budgetEur: field.number({ label: 'Budget in EUR', help: 'Total amount, e.g. 1,250,000. Leave empty if not known.', optional: true, max: 5e9 }),
    startDate: field.date({ label: 'Start date' }),
    endDate: field.date({ label: 'End date', optional: true }),
    status: field.choice(RESPONSE_STATUSES, { label: 'Status' }),
    needLinks: needLinks({
      label: 'Needs it answers',
      help: 'Pick the needs and how fully it covers each. In a chat, type a country, a theme or a few words to find them, or their ids with the coverage, e.g. "NM-2026-RS-014 full".',
      optional: true,
    }),
    summary: field.longtext({ label: 'Short description', optional: true, max: 1500 }),
  },
  refine: (d, ctx) => {
    if (Array.isArray(d.providers) && d.providers.includes(OTHER_ORG.value) && !d.otherProviders)
      ctx.addIssue({ code: 'custom', path: ['otherProviders'], message: 'Please name the providers outside the roster.' });
    if (typeof d.startDate === 'string' && typeof d.endDate === 'string' && d.endDate < d.startDate)
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'The end date is before the start date.' });
  },
  allowed: (a) => formsAllowed(a).includes('response'),
  defaults: (a) => ({ providers: [a.orgCode] }),
  describe: (d) => `a response${d.title ? ` ("${String(d.title)}")` : ''}`,
});
