import type { Store } from '../../src/db/store';
import type { Actor } from '../../src/domain/actor';
import { validateForm, type FormDef } from '../../src/forms/form';
import { needForm } from '../../src/forms/need.form';
import { responseForm } from '../../src/forms/response.form';
import { updateForm } from '../../src/forms/update.form';
import { DEFAULT_ORGANISATIONS } from '../../src/roster/default-roster';
import type { ManualClock } from '../../src/support/clock';
import { addPerson } from '../support/people';
import { openTestCore, type TestCore } from '../support/test-core';

/**
 * A realistic year of WBBSi reporting, written through the real repositories (so ids, versions,
 * check-ins and audit entries are what the bot itself would write). The tests check figures worked
 * out by hand from the records below (N = need, U = update, R = response).
 *
 * Timeline: two needs cycles (2023-2024, 2025-2026); quarters 2026-Q1..Q4; "now" is
 * 2 December 2026 09:00 UTC, when the 2026-Q4 window is open and Q1-Q3 deadlines have passed.
 */
export const NOW = '2026-12-02T09:00:00Z';
const AT = { 2024: '2024-05-02T10:00:00Z', Q1: '2026-03-10T10:00:00Z', Q2: '2026-06-10T10:00:00Z', Q3: '2026-09-10T10:00:00Z', Q4: '2026-12-01T10:00:00Z' } as const;
const QUARTER = { Q1: '2026-Q1', Q2: '2026-Q2', Q3: '2026-Q3', Q4: '2026-Q4' } as const;
type Q = keyof typeof QUARTER;

export interface Dataset {
  member: Record<string, Actor>;
  secretariat: Actor;
  board: Actor;
  ids: Record<string, string>;
}

function valid(form: FormDef, data: Record<string, unknown>): Record<string, unknown> {
  const v = validateForm(form, data);
  if (!v.ok) throw new Error(`test data for ${form.id} is invalid: ${JSON.stringify(v.errors)}`);
  return v.data;
}

const need = (country: string, theme: string, priority: string, title: string, over: Record<string, unknown> = {}) =>
  valid(needForm as unknown as FormDef, {
    country,
    title,
    needType: 'operational',
    perspective: 'prevention',
    theme,
    description: `${title}: what is needed, concretely.`,
    justification: 'Risk analysis shows a growing gap at this border section.',
    beneficiaryInstitution: 'Border Police Directorate',
    priority,
    timeframe: 'medium',
    status: 'proposed',
    ...over,
  });

const update = (kind: string, country: string, title: string, stage: string | undefined, theme: string) =>
  valid(updateForm as unknown as FormDef, {
    kind,
    title,
    country,
    ...(stage ? { stage, adoptingBody: 'National Assembly' } : {}),
    date: '2026-02-15',
    link: 'https://example.org/official-gazette',
    summary: `${title}: what changes and why it matters for border security.`,
    themes: [theme],
  });

const response = (o: { title: string; providers: string[]; beneficiaries: string[]; themes: string[]; type: string; budget?: number; start: string; end?: string; status: string; links: [string, string][] }) =>
  valid(responseForm as unknown as FormDef, {
    title: o.title,
    providers: o.providers,
    beneficiaries: o.beneficiaries,
    themes: o.themes,
    assistanceType: o.type,
    ...(o.budget !== undefined ? { budgetEur: o.budget } : {}),
    startDate: o.start,
    ...(o.end ? { endDate: o.end } : {}),
    status: o.status,
    needLinks: o.links.map(([needId, coverage]) => ({ needId, coverage })),
  });

export async function buildDataset(store: Store, clock: ManualClock): Promise<Dataset> {
  const member: Record<string, Actor> = {};
  for (const o of DEFAULT_ORGANISATIONS.filter((x) => x.type !== 'secretariat')) {
    member[o.code] = await addPerson(store, { name: `Focal ${o.code}`, email: `focal@${o.code.toLowerCase()}.example`, orgCode: o.code });
  }
  const secretariat = await addPerson(store, { name: 'Sead Secretariat', email: 'sead@rcc.example', orgCode: 'IISG-SEC', role: 'secretariat' });
  const board = await addPerson(store, { name: 'Bea Board', email: 'bea@board.example', orgCode: 'DG-NEAR', role: 'board' });
  const ids: Record<string, string> = {};
  const at = (t: string) => clock.set(t);
  const create = async (key: string, org: string, type: 'update' | 'need' | 'response', data: Record<string, unknown>, q: Q | '2024') => {
    at(q === '2024' ? AT[2024] : AT[q]);
    const rec = await store.records.create(member[org]!, type, data, { quarter: q === '2024' ? '2024-Q2' : QUARTER[q] });
    ids[key] = rec._id;
    return rec;
  };
  const change = async (key: string, by: Actor, when: string, patch: Record<string, unknown>) => {
    at(when);
    const rec = (await store.records.get(secretariat, ids[key]!))!;
    await store.records.update(by, rec._id, { ...rec.data, ...patch });
  };
  /** Moves a need along the decision chain to `to`: the Secretariat's steps, the Board's decision with its reference. */
  const chain = async (key: string, when: string, to: string) => {
    at(when);
    const path = ['validated', 'agreed', 'to-board', 'adopted', 'closed'];
    const from = String((await store.records.get(secretariat, ids[key]!))!.data.status);
    for (const step of path.slice(path.indexOf(from) + 1, path.indexOf(to) + 1)) {
      await store.records.moveNeed(step === 'adopted' ? board : secretariat, ids[key]!, step, step === 'adopted' ? { reference: 'IISG Board 2026/01' } : {});
    }
  };

  // Previous cycle (2023-2024).
  await create('N1', 'MOI-RS', 'need', need('RS', 'border-surveillance', 'high', 'Thermal cameras for the green border'), '2024');
  await create('N2', 'MOI-AL', 'need', need('AL', 'border-checks', 'medium', 'Document readers at Kakavija'), '2024');
  await create('N3', 'MOI-XK', 'need', need('XK', 'information-exchange', 'high', 'Link to the regional PNR exchange'), '2024');
  await chain('N3', AT[2024], 'validated');
  await create('N4', 'MOI-ME', 'need', need('ME', 'training', 'low', 'Training on risk profiles'), '2024');
  await create('N5', 'MOI-MK', 'need', need('MK', 'firearms', 'medium', 'Firearms detection kits'), '2024');
  await chain('N5', '2024-10-01T10:00:00Z', 'closed');

  // This cycle: new needs.
  await create('N6', 'MOI-RS', 'need', need('RS', 'border-surveillance', 'high', 'Drones for the Danube section'), 'Q1');
  await create('N8', 'MOI-AL', 'need', need('AL', 'border-checks', 'high', 'Second-line check equipment'), 'Q1');
  await create('N7', 'MOI-RS', 'need', need('RS', 'risk-analysis', 'medium', 'Common risk analysis model'), 'Q2');
  await chain('N7', AT.Q2, 'validated');
  await create('N10', 'MOS-BA', 'need', need('BA', 'equipment', 'medium', 'Patrol vehicles'), 'Q2');
  await create('N13', 'MOI-AL', 'need', need('AL', 'firearms', 'medium', 'Firearms tracing unit'), 'Q2');
  await create('N9', 'MOI-XK', 'need', need('XK', 'migrant-smuggling', 'high', 'Investigators for smuggling networks'), 'Q3');
  await create('N12', 'MOI-MK', 'need', need('MK', 'trafficking', 'high', 'Victim identification'), 'Q3');
  await create('N11', 'MOI-ME', 'need', need('ME', 'document-security', 'low', 'Document fraud experts'), 'Q4');
  // Decision chain and edits within the cycle.
  await chain('N1', '2026-03-15T10:00:00Z', 'agreed');
  await chain('N2', '2026-06-15T10:00:00Z', 'closed');
  await change('N4', member['MOI-ME']!, '2026-06-15T11:00:00Z', { priority: 'high' });
  await chain('N13', '2026-06-20T10:00:00Z', 'adopted');
  at('2026-09-20T10:00:00Z');
  await store.records.retire(member['MOI-MK']!, ids.N12!);

  // Development updates.
  await create('U1', 'MOI-RS', 'update', update('law', 'RS', 'Law on Border Control (amendments)', 'adopted', 'legal-strategic'), 'Q1');
  await create('U6', 'MOS-BA', 'update', update('law', 'BA', 'Law on Foreigners', 'draft', 'legal-strategic'), 'Q1');
  await create('U3', 'MOI-AL', 'update', update('strategy', 'AL', 'IBM Strategy 2026-2030', 'public-consultation', 'legal-strategic'), 'Q2');
  await create('U5', 'GIZ', 'update', update('action', 'REGIONAL', 'Regional workshop on risk analysis', undefined, 'risk-analysis'), 'Q2');
  await create('U2', 'MOI-RS', 'update', update('implementing-decision', 'RS', 'Decision on border crossing hours', 'in-force', 'border-checks'), 'Q3');
  await create('U7', 'MOI-ME', 'update', update('law', 'ME', 'Law on State Border Surveillance', 'in-force', 'border-surveillance'), 'Q3');
  await create('U4', 'MOI-XK', 'update', update('action-plan', 'XK', 'Action plan against migrant smuggling', 'draft', 'migrant-smuggling'), 'Q4');
  await create('U8', 'DG-NEAR', 'update', update('strategy', 'REGIONAL', 'Enlargement package: border chapter', 'adopted', 'legal-strategic'), 'Q4');
  at('2026-09-20T10:00:00Z');
  await store.records.retire(member['MOI-ME']!, ids.U7!);

  // Responses, linked to the needs with full, partial and contributing coverage.
  const r = ids;
  await create('R1', 'GIZ', 'response', response({ title: 'EU4BorderSecurity equipment', providers: ['GIZ'], beneficiaries: ['RS'], themes: ['border-surveillance', 'equipment'], type: 'equipment', budget: 1_200_000, start: '2026-02-01', end: '2027-12-31', status: 'implementation', links: [[r.N1!, 'full'], [r.N6!, 'partial']] }), 'Q1');
  await create('R3', 'BMI-AT', 'response', response({ title: 'Border checks training', providers: ['BMI-AT'], beneficiaries: ['AL'], themes: ['border-checks', 'training'], type: 'training', budget: 150_000, start: '2026-03-01', end: '2026-09-30', status: 'finalisation', links: [[r.N8!, 'partial']] }), 'Q1');
  await create('R9', 'IT-MOI', 'response', response({ title: 'Risk profiling course', providers: ['IT-MOI'], beneficiaries: ['ME'], themes: ['training'], type: 'training', budget: 50_000, start: '2025-03-01', end: '2025-11-30', status: 'closed', links: [[r.N4!, 'partial']] }), 'Q1');
  await create('R2', 'DG-NEAR', 'response', response({ title: 'Surveillance technical assistance', providers: ['DG-NEAR'], beneficiaries: ['RS'], themes: ['border-surveillance'], type: 'technical-assistance', budget: 800_000, start: '2026-04-01', end: '2026-12-31', status: 'implementation', links: [[r.N1!, 'full']] }), 'Q2');
  await create('R4', 'UNODC', 'response', response({ title: 'PNR connectivity', providers: ['UNODC'], beneficiaries: ['XK'], themes: ['information-exchange'], type: 'technical-assistance', budget: 300_000, start: '2026-05-01', status: 'pipeline', links: [[r.N3!, 'full']] }), 'Q2');
  await create('R7', 'OSCE-BIH', 'response', response({ title: 'Vehicles for the Border Police', providers: ['OSCE-BIH'], beneficiaries: ['BA'], themes: ['equipment'], type: 'equipment', start: '2026-06-01', status: 'pipeline', links: [[r.N10!, 'full']] }), 'Q2');
  await create('R10', 'DCAF', 'response', response({ title: 'Integrity study', providers: ['DCAF'], beneficiaries: ['XK'], themes: ['governance-integrity'], type: 'study', budget: 60_000, start: '2026-04-01', status: 'implementation', links: [[r.N9!, 'full']] }), 'Q2');
  await create('R5', 'FR-RSC', 'response', response({ title: 'Smuggling investigations course', providers: ['FR-RSC'], beneficiaries: ['XK'], themes: ['migrant-smuggling'], type: 'training', budget: 90_000, start: '2026-07-01', end: '2026-08-31', status: 'cancelled', links: [[r.N9!, 'full']] }), 'Q3');
  await create('R6', 'GIZ', 'response', response({ title: 'Regional cooperation grant', providers: ['GIZ', 'DG-NEAR'], beneficiaries: ['REGIONAL'], themes: ['cooperation'], type: 'grant', budget: 2_000_000, start: '2025-01-01', end: '2027-06-30', status: 'implementation', links: [[r.N7!, 'contributes']] }), 'Q3');
  await create('R8', 'GIZ', 'response', response({ title: 'Vehicles, second lot', providers: ['GIZ', 'OSCE-BIH'], beneficiaries: ['BA'], themes: ['equipment'], type: 'equipment', budget: 500_000, start: '2026-10-01', status: 'pipeline', links: [[r.N10!, 'full']] }), 'Q4');
  at('2026-06-20T12:00:00Z');
  await store.records.retire(member.DCAF!, ids.R10!);

  // Nil returns and exemptions.
  const nil = async (org: string, q: Q) => {
    at(AT[q]);
    await store.checkins.nilReturn(member[org]!, QUARTER[q]);
  };
  for (const q of ['Q1', 'Q2', 'Q3'] as const) await nil('EU-JHA', q);
  await nil('RCC', 'Q3');
  await nil('RCC', 'Q4');
  await nil('PCC-SEE', 'Q1');
  await nil('PCC-SEE', 'Q2');
  await nil('UK-RSC', 'Q3');
  at(AT.Q1);
  await store.checkins.exempt(secretariat, 'UK-RSC', QUARTER.Q1, 'Rotation of the coordinator');
  await store.checkins.exempt(secretariat, 'MNZ-SI', QUARTER.Q2, 'Reorganisation');
  await store.checkins.exempt(secretariat, 'MNZ-SI', QUARTER.Q3, 'Reorganisation');

  at(NOW);
  return { member, secretariat, board, ids };
}

/** For one test file: a fresh database holding the realistic year, opened before its tests and closed after. */
export function useReportDataset(receive: (opened: { t: TestCore; d: Dataset }) => void): void {
  let t: TestCore | undefined;
  beforeAll(async () => {
    t = await openTestCore({ now: NOW });
    receive({ t, d: await buildDataset(t.store, t.clock) });
  });
  afterAll(() => t?.close());
}
