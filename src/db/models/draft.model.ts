import { Schema, type Connection } from 'mongoose';
import { schemaOptions } from './common';

/** A form being filled in. Saved after every answer, so nothing typed is lost. */
export interface DraftDoc {
  _id: string;
  personId: string;
  orgCode: string;
  formId: string;
  answers: Record<string, unknown>;
  /** Field being asked (chat), 'review' before submitting, or null for a whole-form (modal/card) draft. */
  cursor: string | null;
  /** Fields answered, in order, so "back" can return to the previous question. */
  trail: string[];
  mode: 'chat' | 'form';
  /** When editing a submitted record: its id and the version the edit started from. */
  recordId?: string;
  baseVersion?: number;
  /** When editing: the record's values at `baseVersion` (what choices like a need's next status depend on). */
  stored?: Record<string, unknown>;
  status: 'open' | 'submitted' | 'discarded';
  resultId?: string;
  createdAt: Date;
  updatedAt: Date;
}

const schema = new Schema<DraftDoc>(
  {
    _id: { type: String, required: true },
    personId: { type: String, required: true },
    orgCode: { type: String, required: true },
    formId: { type: String, required: true },
    answers: { type: Schema.Types.Mixed, default: {} },
    cursor: { type: String, default: null },
    trail: { type: [String], default: [] },
    mode: { type: String, enum: ['chat', 'form'], required: true },
    recordId: String,
    baseVersion: Number,
    stored: { type: Schema.Types.Mixed },
    status: { type: String, enum: ['open', 'submitted', 'discarded'], default: 'open' },
    resultId: String,
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { ...schemaOptions, collection: 'drafts' },
);

export const draftModel = (c: Connection) => c.model<DraftDoc>('Draft', schema);
