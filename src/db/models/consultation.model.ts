import { Schema, type Connection } from 'mongoose';
import { schemaOptions } from './common';

export const CONSULTATION_ANSWERS = ['agree', 'agree-comments', 'object'] as const;
export type ConsultationAnswer = (typeof CONSULTATION_ANSWERS)[number];

/**
 * A consultation round: the Secretariat asks every reporting member organisation about one version
 * of a product by a deadline. `orgCodes` is fixed when the round opens, so an organisation added
 * later is not counted as silent.
 */
export interface ConsultationRoundDoc {
  _id: string; // CR-2026-001
  pillar: string;
  productId: string;
  productTitle: string;
  productKind: string;
  productVersion: string;
  productLink?: string;
  openedBy: string;
  openedByName: string;
  openedAt: Date;
  /** The last day to answer (YYYY-MM-DD, the Secretariat's calendar). */
  deadline: string;
  /** When answers stop: midnight after the deadline day, Secretariat's timezone. */
  closesAt: Date;
  /** The day silent organisations are reminded (absent when the round is too short for one). */
  remindOn?: string;
  orgCodes: string[];
  status: 'open' | 'closed';
  closedAt?: Date;
  /** Closed by the Secretariat before its deadline (the deadline then becomes that day). */
  closedEarly?: boolean;
  /** Each extension of the deadline; the silent organisations are told the latest one once. */
  extensions?: ConsultationExtension[];
  createdAt: Date;
  updatedAt: Date;
}

export interface ConsultationExtension {
  from: string;
  to: string;
  at: Date;
  by: string;
  byName: string;
}

const roundSchema = new Schema<ConsultationRoundDoc>(
  {
    _id: { type: String, required: true },
    pillar: { type: String, required: true },
    productId: { type: String, required: true },
    productTitle: { type: String, required: true },
    productKind: { type: String, required: true },
    productVersion: { type: String, required: true },
    productLink: String,
    openedBy: { type: String, required: true },
    openedByName: { type: String, required: true },
    openedAt: { type: Date, required: true },
    deadline: { type: String, required: true },
    closesAt: { type: Date, required: true },
    remindOn: String,
    orgCodes: { type: [String], default: [] },
    status: { type: String, enum: ['open', 'closed'], required: true },
    closedAt: Date,
    closedEarly: Boolean,
    extensions: { type: [{ _id: false, from: String, to: String, at: Date, by: String, byName: String }], default: undefined },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { ...schemaOptions, collection: 'consultation_rounds' },
);

export const consultationRoundModel = (c: Connection) => c.model<ConsultationRoundDoc>('ConsultationRound', roundSchema);

/**
 * What an organisation said in a round, one document per event and never changed afterwards: the
 * history is the collection itself, and the organisation's last `answer` counts. Appending instead
 * of updating one document per organisation means two colleagues clicking at once cannot overwrite
 * each other (FerretDB 1.24 applies updates as read-then-replace). `no-answer` is written once per
 * silent organisation when the round closes (`_id` `${roundId}|${orgCode}|no-answer`).
 */
export interface ConsultationEntryDoc {
  _id: string;
  roundId: string;
  orgCode: string;
  kind: 'answer' | 'comment' | 'no-answer';
  answer?: ConsultationAnswer;
  /** "2.1", or "general" for the document as a whole. */
  section?: string;
  text?: string;
  personId: string;
  personName: string;
  at: Date;
}

const entrySchema = new Schema<ConsultationEntryDoc>(
  {
    _id: { type: String, required: true },
    roundId: { type: String, required: true },
    orgCode: { type: String, required: true },
    kind: { type: String, enum: ['answer', 'comment', 'no-answer'], required: true },
    answer: { type: String, enum: CONSULTATION_ANSWERS },
    section: String,
    text: String,
    personId: { type: String, required: true },
    personName: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { ...schemaOptions, collection: 'consultation_entries' },
);

export const consultationEntryModel = (c: Connection) => c.model<ConsultationEntryDoc>('ConsultationEntry', entrySchema);
