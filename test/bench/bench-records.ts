import type { Models } from '../../src/db/models';
import type { CheckinDoc } from '../../src/db/models/checkin.model';
import type { RecordDoc, RecordVersionDoc } from '../../src/db/models/record.model';
import { ASSISTANCE_TYPES, COUNTRIES, NEED_STATUSES, RESPONSE_STATUSES, THEMES, UPDATE_KINDS, UPDATE_STAGES } from '../../src/config/vocabulary';
import { DEFAULT_ORGANISATIONS } from '../../src/roster/default-roster';

/**
 * A deterministic, realistic mix of records for the report benchmark: development updates, needs
 * (with a version history: created "proposed", later moved on) and responses linked to needs,
 * across the 19 organisations and eight quarters, plus their quarterly check-ins. Written with the
 * driver's insertMany in batches, so generating 100,000 records never holds them all.
 */
export const BENCH_QUARTERS = ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'];
const BATCH = 2000;

function prng(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const some = <T>(list: readonly T[], max: number): T[] => [...new Set(Array.from({ length: 1 + Math.floor(next() * max) }, () => pick(list)))];
  return { next, pick, some };
}

const WORDS = 'border police surveillance equipment training regional cooperation risk analysis crossing point migrants smuggling integrity document fraud readmission exchange'.split(' ');

export async function generateRecords(models: Models, total: number, log: (line: string) => void): Promise<Record<RecordDoc['type'], number>> {
  const r = prng(20261202);
  const words = (n: number) => Array.from({ length: n }, () => r.pick(WORDS)).join(' ');
  const partners = DEFAULT_ORGANISATIONS.filter((o) => o.type === 'wb-partner');
  const donors = DEFAULT_ORGANISATIONS.filter((o) => o.type !== 'wb-partner' && o.type !== 'secretariat').map((o) => o.code);
  const members = DEFAULT_ORGANISATIONS.filter((o) => o.type !== 'secretariat').map((o) => o.code);
  const counters = new Map<string, number>();
  const nextId = (prefix: string) => {
    const n = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, n);
    return `${prefix}-${String(n).padStart(5, '0')}`;
  };
  const needIds: string[] = [];
  const counts = { update: 0, need: 0, response: 0 };
  const checkins = new Map<string, CheckinDoc>();
  let records: RecordDoc[] = [];
  let versions: RecordVersionDoc[] = [];
  const flush = async () => {
    if (records.length) await models.records.collection.insertMany(records as never[], { ordered: false });
    if (versions.length) await models.recordVersions.collection.insertMany(versions as never[], { ordered: false });
    records = [];
    versions = [];
  };

  for (let i = 0; i < total; i++) {
    const quarter = BENCH_QUARTERS[Math.floor((i / total) * BENCH_QUARTERS.length)]!;
    const year = Number(quarter.slice(0, 4));
    const q = Number(quarter.slice(-1));
    const createdAt = new Date(Date.UTC(year, (q - 1) * 3 + Math.floor(r.next() * 3), 1 + Math.floor(r.next() * 27), 9));
    const roll = r.next();
    const type: RecordDoc['type'] = roll < 0.4 ? 'update' : roll < 0.65 ? 'need' : 'response';
    let orgCode: string;
    let id: string;
    let data: Record<string, unknown>;
    if (type === 'need') {
      const org = r.pick(partners);
      orgCode = org.code;
      id = nextId(`NM-${year}-${org.country}`);
      needIds.push(id);
      data = {
        country: org.country,
        title: `Need for ${words(5)}`,
        needType: r.pick(['legislative', 'institutional', 'operational']),
        perspective: r.pick(['prevention', 'response']),
        theme: r.pick(THEMES.codes),
        description: words(45),
        justification: words(30),
        beneficiaryInstitution: 'Border Police Directorate',
        priority: r.pick(['high', 'medium', 'medium', 'low']),
        timeframe: r.pick(['short', 'medium', 'long']),
        status: r.pick(NEED_STATUSES.codes),
      };
    } else if (type === 'update') {
      orgCode = r.pick(members);
      const country = r.next() < 0.2 ? 'REGIONAL' : r.pick(COUNTRIES.codes);
      const kind = r.pick(UPDATE_KINDS.codes);
      id = nextId(`DU-${year}-${country}`);
      data = {
        kind,
        title: `${words(6)} (${kind})`,
        country,
        ...(kind === 'action' ? {} : { stage: r.pick(UPDATE_STAGES.codes), adoptingBody: 'National Assembly' }),
        date: createdAt.toISOString().slice(0, 10),
        link: `https://example.org/${id.toLowerCase()}`,
        summary: words(40),
        themes: r.some(THEMES.codes, 3),
      };
    } else {
      orgCode = r.pick(donors);
      id = nextId(`RM-${year}`);
      const start = createdAt.toISOString().slice(0, 10);
      const end = new Date(createdAt.getTime() + (180 + Math.floor(r.next() * 900)) * 86_400_000).toISOString().slice(0, 10);
      data = {
        title: `Support for ${words(5)}`,
        providers: r.next() < 0.2 ? [orgCode, r.pick(donors)] : [orgCode],
        beneficiaries: r.next() < 0.15 ? ['REGIONAL'] : r.some(COUNTRIES.codes, 2),
        themes: r.some(THEMES.codes, 3),
        assistanceType: r.pick(ASSISTANCE_TYPES.codes),
        ...(r.next() < 0.9 ? { budgetEur: 10_000 * (1 + Math.floor(r.next() * 500)) } : {}),
        startDate: start,
        ...(r.next() < 0.8 ? { endDate: end } : {}),
        status: r.pick(RESPONSE_STATUSES.codes),
        needLinks: needIds.length ? [...new Set(Array.from({ length: Math.floor(r.next() * 4) }, () => r.pick(needIds)))].map((needId) => ({ needId, coverage: r.pick(['full', 'full', 'partial', 'partial', 'contributes']) })) : [],
        summary: words(35),
      };
    }
    const status = r.next() < 0.02 ? 'retired' : 'active';
    const changed = type === 'need' && data.status !== 'proposed';
    const updatedAt = changed ? new Date(createdAt.getTime() + Math.floor(r.next() * 400) * 86_400_000) : createdAt;
    const version = changed ? 2 : 1;
    records.push({ _id: id, type, pillar: 'WBBSi', orgCode, submittedBy: `bench-${orgCode}`, quarter, status, data, version, lastConfirmedAt: updatedAt, createdAt, updatedAt });
    if (type === 'need') {
      versions.push({ _id: `${id}@v1`, recordId: id, version: 1, status: 'active', data: { ...data, status: 'proposed' }, changedBy: 'bench', changedAt: createdAt });
      if (changed) versions.push({ _id: `${id}@v2`, recordId: id, version: 2, status, data, changedBy: 'bench', changedAt: updatedAt });
    }
    counts[type]++;
    const key = `${orgCode}|${quarter}`;
    const c = checkins.get(key) ?? { _id: key, orgCode, quarter, state: 'submitted', firstAt: createdAt, lastAt: createdAt, by: 'bench' };
    checkins.set(key, c);
    if (records.length >= BATCH) await flush();
    if ((i + 1) % 20_000 === 0) log(`  … ${i + 1} records`);
  }
  await flush();
  // Organisations without records in a quarter: some nil returns and exemptions, the rest overdue.
  for (const org of members) {
    for (const quarter of BENCH_QUARTERS) {
      const key = `${org}|${quarter}`;
      if (checkins.has(key)) continue;
      const roll = r.next();
      if (roll < 0.5) checkins.set(key, { _id: key, orgCode: org, quarter, state: roll < 0.4 ? 'nil-return' : 'exempt', firstAt: new Date(), lastAt: new Date(), by: 'bench' });
    }
  }
  await models.checkins.collection.insertMany([...checkins.values()] as never[]);
  return counts;
}
