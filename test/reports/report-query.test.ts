import { DEFAULT_ORGANISATIONS } from '../../src/roster/default-roster';
import type { OrganisationDoc } from '../../src/db/models/organisation.model';
import { cycleOfYear, parseCycle, parseReportOptions, type OptionKind } from '../../src/reports/report-query';

const orgs = DEFAULT_ORGANISATIONS.map((o) => ({ _id: o.code, shortName: o.shortName }) as OrganisationDoc);
const parse = (text: string, kinds: OptionKind[]) => parseReportOptions(text ? text.split(' ') : [], kinds, orgs);
const ALL: OptionKind[] = ['quarter', 'cycle', 'country', 'theme', 'organisation'];

describe('report options', () => {
  it('reads quarters, cycles, years, countries, themes and organisations in any order', () => {
    expect(parse('2026-Q4 Albania', ['quarter', 'country'])).toEqual({ ok: true, value: { quarters: ['2026-Q4'], country: 'AL' } });
    expect(parse('q3 2026', ['quarter'])).toEqual({ ok: true, value: { quarters: ['2026-Q3'] } });
    expect(parse('Border checks north macedonia 2025-2026', ALL)).toEqual({ ok: true, value: { theme: 'border-checks', country: 'MK', cycle: { from: 2025, to: 2026 } } });
    expect(parse('Kosovo', ALL)).toEqual({ ok: true, value: { country: 'XK' } });
    expect(parse('Kosovo*', ALL)).toEqual({ ok: true, value: { country: 'XK' } });
    expect(parse('bih surveillance', ALL)).toEqual({ ok: true, value: { country: 'BA', theme: 'border-surveillance' } });
    expect(parse('dg near', ALL)).toEqual({ ok: true, value: { organisation: 'DG-NEAR' } });
    expect(parse('theme=Fundamental rights, vulnerable groups and gender', ALL)).toEqual({ ok: true, value: { theme: 'fundamental-rights' } });
    expect(parse('2026 GIZ rs', ['year', 'organisation', 'country'])).toEqual({ ok: true, value: { year: 2026, organisation: 'GIZ', country: 'RS' } });
    expect(parse('all', ['year'])).toEqual({ ok: true, value: { year: 'all' } });
    expect(parse('2026', ['cycle'])).toEqual({ ok: true, value: { cycle: { from: 2025, to: 2026 } } });
  });

  it('says what it did not understand', () => {
    expect(parse('2026-Q5', ['quarter'])).toEqual({ ok: false, error: 'I did not understand "2026-Q5".' });
    expect(parse('Serbia Albania', ['country'])).toEqual({ ok: false, error: 'Please give one country only.' });
    expect(parse('theme=Atlantis', ['theme'])).toEqual({ ok: false, error: '"Atlantis" is not a theme I know.' });
    expect(parse('country=RS', ['quarter'])).toEqual({ ok: false, error: 'This report has no country option.' });
    expect(parse('Serbia', ['quarter'])).toEqual({ ok: false, error: 'I did not understand "Serbia".' });
    expect(parse('2026-Q1 2026-Q2 2026-Q3', ['quarter'])).toMatchObject({ ok: false });
  });

  it('knows needs-mapping cycles', () => {
    expect(parseCycle('2025-26')).toEqual({ from: 2025, to: 2026 });
    expect(parseCycle('2025/2026')).toEqual({ from: 2025, to: 2026 });
    expect(parseCycle('2025-2027')).toBeUndefined();
    expect(cycleOfYear(2027)).toEqual({ from: 2027, to: 2028 });
    expect(cycleOfYear(2026)).toEqual({ from: 2025, to: 2026 });
  });
});
