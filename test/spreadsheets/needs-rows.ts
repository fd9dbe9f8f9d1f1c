import type { RowInput } from './sheets';

const PARTNERS = [
  { country: 'Albania', org: 'MOI-AL' },
  { country: 'BA', org: 'Bosnia and Herzegovina MoS' },
  { country: 'Kosovo', org: 'MOI-XK' },
  { country: 'Kosovo*', org: 'Kosovo* MoI' },
  { country: 'Montenegro', org: 'MOI-ME' },
  { country: 'north macedonia', org: 'MOI-MK' },
  { country: 'RS', org: 'Serbia MoI' },
];
const THEMES = ['Border checks', 'border-surveillance', 'Risk analysis; Training', 'Migrant smuggling', 'Equipment and infrastructure', 'Document security'];
const PRIORITIES = ['High', 'medium', 'Low'];
const TYPES = ['Operational', 'institutional', 'Legislative'];
const TIMEFRAMES = ['Short term (up to 1 year)', 'medium', 'long'];

/**
 * Rows of the needs template as a Secretariat would fill them from an old mapping: countries and
 * organisations by name or code (Kosovo written both ways), choices by label or code. Titles are
 * unique, so the rows are distinct records.
 */
export function needRows(n: number, offset = 0): RowInput[] {
  return Array.from({ length: n }, (_, k) => {
    const i = k + offset;
    const p = PARTNERS[i % PARTNERS.length]!;
    return {
      Organisation: p.org,
      Quarter: i % 5 === 0 ? '2026-Q3' : undefined,
      Country: p.country,
      'Short title': `Need ${i + 1}: equipment for border crossing point ${i + 1}`,
      'Type of need': TYPES[i % TYPES.length],
      Perspective: i % 2 ? 'Prevention' : 'response',
      // Only the first theme counts for a need (one main theme).
      'Main theme': THEMES[i % THEMES.length]!.split(';')[0],
      Description: `Mobile thermal cameras and training for ${i + 1} officers at the green border.`,
      Justification: 'The last risk analysis shows irregular crossings rising along this section of the border.',
      'Beneficiary institution': 'Border Police Directorate',
      Priority: PRIORITIES[i % PRIORITIES.length],
      Timeframe: TIMEFRAMES[i % TIMEFRAMES.length],
      Status: i % 4 === 0 ? 'Validated by the Secretariat' : undefined,
    };
  });
}
