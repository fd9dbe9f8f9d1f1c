import { PRODUCT_KINDS, PRODUCT_STAGES } from '../config/vocabulary';
import type { ProductDoc, ProductStage } from '../db/models/product.model';

/**
 * The decision chain of the WBBSi page as stage moves: the Secretariat drafts and consults the
 * members, the Support Group proposes to the Board, the Board adopts, returns for revision or
 * rejects. A returned product may be consulted on again or proposed again once revised.
 */
export const STAGE_MOVES: Record<ProductStage, readonly ProductStage[]> = {
  drafting: ['consultation'],
  consultation: ['consultation', 'proposed'],
  proposed: ['adopted', 'returned', 'rejected'],
  returned: ['consultation', 'proposed'],
  adopted: [],
  rejected: [],
};

export const DECISIONS = ['adopted', 'returned', 'rejected'] as const satisfies readonly ProductStage[];
export type Decision = (typeof DECISIONS)[number];

export const stageLabel = (s: string) => PRODUCT_STAGES.labels[s] ?? s;
export const kindLabel = (k: string) => (PRODUCT_KINDS.labels[k] ?? k).toLowerCase();

/** Null when the move is allowed, else a sentence saying why not and what to do. */
export function whyNotMove(p: Pick<ProductDoc, '_id' | 'stage'>, to: ProductStage): string | null {
  if (STAGE_MOVES[p.stage].includes(to)) return null;
  const now = `*${p._id}* is ${stageLabel(p.stage).toLowerCase()}`;
  if (p.stage === 'adopted' || p.stage === 'rejected') return `${now}: that decision is final. For a new version, add it as a new product (*product add*).`;
  if (to === 'proposed') return `${now}: consult the members first (*consult ${p._id}*).`;
  if (to === 'consultation') return `${now}: it can go to consultation again only after the Board returns it.`;
  return `${now}: the Board decides only on a product proposed to it (*product propose ${p._id}*).`;
}

/** "Methodology on response mapping (methodology, v1.0)". */
export function productLine(p: Pick<ProductDoc, 'title' | 'kind' | 'version'>): string {
  return `${p.title} (${kindLabel(p.kind)}, v${p.version})`;
}
