import { Schema, type Connection } from 'mongoose';
import { schemaOptions } from './common';

/**
 * Development updates, needs and responses share one collection. `data` holds exactly what the
 * form's zod schema produced (src/forms): the schema is the single source of truth for the fields,
 * so they are not declared a second time here.
 */
export interface RecordDoc {
  _id: string; // readable id: DU-2026-RS-003, NM-2026-RS-014, RM-2026-012
  type: 'update' | 'need' | 'response';
  pillar: string;
  orgCode: string;
  submittedBy: string;
  quarter: string; // reporting quarter, e.g. 2026-Q4
  /** retired: no longer current; withdrawn: entered by mistake, left out of every report and count. */
  status: 'active' | 'retired' | 'withdrawn';
  data: Record<string, unknown>;
  version: number;
  lastConfirmedAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

const schema = new Schema<RecordDoc>(
  {
    _id: { type: String, required: true },
    type: { type: String, enum: ['update', 'need', 'response'], required: true },
    pillar: { type: String, required: true },
    orgCode: { type: String, required: true },
    submittedBy: { type: String, required: true },
    quarter: { type: String, required: true },
    status: { type: String, enum: ['active', 'retired', 'withdrawn'], default: 'active' },
    data: { type: Schema.Types.Mixed, required: true },
    version: { type: Number, required: true },
    lastConfirmedAt: { type: Date, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { ...schemaOptions, collection: 'records' },
);

export const recordModel = (c: Connection) => c.model<RecordDoc>('Record', schema);

/** One snapshot per version; `_id` is `${recordId}@v${version}` so a snapshot is written once. */
export interface RecordVersionDoc {
  _id: string;
  recordId: string;
  version: number;
  status: string;
  data: Record<string, unknown>;
  changedBy: string;
  changedAt: Date;
  /** The person's name as it was then (older versions have only the id). */
  changedByName?: string;
  /** Why this version exists when the data alone does not say: a withdrawal's reason, a step of the decision chain. */
  note?: string;
  /** The Board decision's reference, for a decision of the chain. */
  reference?: string;
}

const versionSchema = new Schema<RecordVersionDoc>(
  {
    _id: { type: String, required: true },
    recordId: { type: String, required: true },
    version: { type: Number, required: true },
    status: { type: String, required: true },
    data: { type: Schema.Types.Mixed, required: true },
    changedBy: { type: String, required: true },
    changedAt: { type: Date, required: true },
    changedByName: String,
    note: String,
    reference: String,
  },
  { ...schemaOptions, collection: 'record_versions' },
);

export const recordVersionModel = (c: Connection) => c.model<RecordVersionDoc>('RecordVersion', versionSchema);
