import { COVERAGE_LEVELS, NEED_COVERAGE } from '../config/vocabulary';
import type { CoverageLevel } from '../render/report-model';

/**
 * Need coverage is derived, never entered (DOMAIN.md, "Need coverage"). Per need, from the links
 * of the responses that answer it:
 *  - covered: at least one response covers it fully;
 *  - possible duplication: two or more responses cover it fully and their providers differ (no
 *    provider in common: two phases of one provider's programme are not a duplication);
 *  - partial: no full response, but at least one partial or contributing one;
 *  - uncovered: no response at all.
 * Cancelled and retired responses do not count (the caller leaves them out).
 */
export type NeedCoverage = (typeof NEED_COVERAGE.codes)[number];
export type LinkCoverage = (typeof COVERAGE_LEVELS.codes)[number];

export interface NeedLinks {
  /** Responses covering the need fully, with their providers. */
  full: { responseId: string; providers: string[] }[];
  partial: string[];
  contributes: string[];
}

export const COVERAGE_ORDER: readonly NeedCoverage[] = ['uncovered', 'partial', 'duplication', 'covered'];

/** Need id → its links, built response by response: one small entry per linked need. */
export class CoverageIndex {
  private readonly links = new Map<string, NeedLinks>();

  addResponse(responseId: string, providers: readonly string[], needLinks: unknown): void {
    if (!Array.isArray(needLinks)) return;
    for (const link of needLinks as { needId?: unknown; coverage?: unknown }[]) {
      if (typeof link?.needId !== 'string') continue;
      const entry = this.links.get(link.needId) ?? { full: [], partial: [], contributes: [] };
      if (link.coverage === 'full') entry.full.push({ responseId, providers: [...providers] });
      else if (link.coverage === 'partial') entry.partial.push(responseId);
      else if (link.coverage === 'contributes') entry.contributes.push(responseId);
      else continue;
      this.links.set(link.needId, entry);
    }
  }

  get(needId: string): NeedLinks | undefined {
    return this.links.get(needId);
  }

  coverageOf(needId: string): NeedCoverage {
    return classify(this.links.get(needId));
  }
}

export function classify(links: NeedLinks | undefined): NeedCoverage {
  if (!links) return 'uncovered';
  if (links.full.length >= 2 && hasDisjointProviders(links.full.map((f) => f.providers))) return 'duplication';
  if (links.full.length >= 1) return 'covered';
  if (links.partial.length + links.contributes.length > 0) return 'partial';
  return 'uncovered';
}

function hasDisjointProviders(sets: string[][]): boolean {
  for (let i = 0; i < sets.length; i++) {
    for (let j = i + 1; j < sets.length; j++) {
      const a = new Set(sets[i]);
      if (!sets[j]!.some((p) => a.has(p))) return true;
    }
  }
  return false;
}

/** Needs of one country and theme, counted by coverage (and uncovered high-priority ones). */
export interface CellCounts {
  needs: number;
  high: number;
  uncovered: number;
  uncoveredHigh: number;
  partial: number;
  covered: number;
  duplication: number;
}

export const emptyCell = (): CellCounts => ({ needs: 0, high: 0, uncovered: 0, uncoveredHigh: 0, partial: 0, covered: 0, duplication: 0 });

export function countNeed(cell: CellCounts, coverage: NeedCoverage, priority: unknown): void {
  cell.needs++;
  cell[coverage]++;
  if (priority === 'high') {
    cell.high++;
    if (coverage === 'uncovered') cell.uncoveredHigh++;
  }
}

/**
 * The colour of a country × theme cell: its most pressing need. A gap outweighs a partial cover,
 * which outweighs a possible duplication; green only when every need there is covered.
 */
export function cellLevel(cell: CellCounts | undefined): CoverageLevel {
  if (!cell || cell.needs === 0) return 'none';
  if (cell.uncovered) return 'uncovered';
  if (cell.partial) return 'partial';
  if (cell.duplication) return 'duplication';
  return 'covered';
}

export const coverageLabel = (c: NeedCoverage): string => NEED_COVERAGE.labels[c] ?? c;
