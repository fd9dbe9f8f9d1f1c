import { Schema, type Connection } from 'mongoose';
import { PRODUCT_KINDS, PRODUCT_STAGES } from '../../config/vocabulary';
import { schemaOptions } from './common';

export type ProductKind = (typeof PRODUCT_KINDS.codes)[number];
export type ProductStage = (typeof PRODUCT_STAGES.codes)[number];

/** One step of a product through the decision chain (Secretariat → Support Group → Board). */
export interface ProductStageEntry {
  stage: ProductStage;
  at: Date;
  /** Person id (or `system`/`scheduler`), and the name as it was then. */
  by: string;
  byName: string;
  /** The product's revision this step produced (also the key of its channel announcement). */
  revision: number;
  /** Board decision or meeting reference, e.g. "IISG Board 2027/03". */
  reference?: string;
  note?: string;
  roundId?: string;
  /** `at` is when the step was recorded here, not when it happened (the initial list): show no date. */
  undated?: boolean;
}

/**
 * A Support Group product: a methodology, template, report or strategy drafted by the Secretariat
 * and moved to a Board decision. `revision` counts every change (a snapshot per revision sits in
 * `product_versions`); `version` is the document's own version as its authors number it ("1.0").
 */
export interface ProductDoc {
  _id: string; // PR-001
  pillar: string;
  title: string;
  kind: ProductKind;
  version: string;
  link?: string;
  ownerOrg: string;
  stage: ProductStage;
  stageHistory: ProductStageEntry[];
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

const entrySchema = new Schema<ProductStageEntry>(
  {
    stage: { type: String, enum: PRODUCT_STAGES.codes, required: true },
    at: { type: Date, required: true },
    by: { type: String, required: true },
    byName: { type: String, required: true },
    revision: { type: Number, required: true },
    reference: String,
    note: String,
    roundId: String,
    undated: Boolean,
  },
  { _id: false },
);

const schema = new Schema<ProductDoc>(
  {
    _id: { type: String, required: true },
    pillar: { type: String, required: true },
    title: { type: String, required: true },
    kind: { type: String, enum: PRODUCT_KINDS.codes, required: true },
    version: { type: String, required: true },
    link: String,
    ownerOrg: { type: String, required: true },
    stage: { type: String, enum: PRODUCT_STAGES.codes, required: true },
    stageHistory: { type: [entrySchema], default: [] },
    revision: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { ...schemaOptions, collection: 'products' },
);

export const productModel = (c: Connection) => c.model<ProductDoc>('Product', schema);

/**
 * The product as it was after each revision; `_id` is `${productId}@r${revision}`. Inserting the
 * snapshot is also what decides between two simultaneous changes: the second insert of the same
 * revision fails with a duplicate key, and that change is refused (FerretDB 1.24 has no
 * transactions and its conditional updateOne is read-then-replace).
 */
export interface ProductVersionDoc {
  _id: string;
  productId: string;
  revision: number;
  data: Omit<ProductDoc, '_id' | 'createdAt' | 'updatedAt' | 'stageHistory' | 'revision'>;
  changedBy: string;
  changedAt: Date;
}

const versionSchema = new Schema<ProductVersionDoc>(
  {
    _id: { type: String, required: true },
    productId: { type: String, required: true },
    revision: { type: Number, required: true },
    data: { type: Schema.Types.Mixed, required: true },
    changedBy: { type: String, required: true },
    changedAt: { type: Date, required: true },
  },
  { ...schemaOptions, collection: 'product_versions' },
);

export const productVersionModel = (c: Connection) => c.model<ProductVersionDoc>('ProductVersion', versionSchema);
