import { Schema, type Connection } from 'mongoose';
import { schemaOptions } from './common';

/** Sequence numbers for readable ids (NM-2026-RS-014): one document per prefix. */
export interface CounterDoc {
  _id: string;
  seq: number;
}
const counterSchema = new Schema<CounterDoc>(
  { _id: { type: String, required: true }, seq: { type: Number, required: true } },
  { ...schemaOptions, collection: 'counters' },
);
export const counterModel = (c: Connection) => c.model<CounterDoc>('Counter', counterSchema);

/**
 * Keys already processed (a Slack event id, a submit's view hash, a Teams activity id). Inserting the
 * key claims it; `expiresAt` is purged by a job because FerretDB has no TTL indexes.
 */
export interface SeenKeyDoc {
  _id: string;
  result?: Record<string, unknown>;
  createdAt: Date;
  expiresAt: Date;
}
const seenKeySchema = new Schema<SeenKeyDoc>(
  {
    _id: { type: String, required: true },
    result: { type: Schema.Types.Mixed },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { ...schemaOptions, collection: 'seen_keys' },
);
export const seenKeyModel = (c: Connection) => c.model<SeenKeyDoc>('SeenKey', seenKeySchema);

/** A platform's address for a person or a channel (Teams conversation reference, Slack DM channel). */
export interface AddressDoc {
  _id: string; // `${platform}|${kind}|${key}`
  platform: 'slack' | 'teams';
  kind: 'person' | 'channel';
  key: string;
  ref: Record<string, unknown>;
  updatedAt: Date;
}
const addressSchema = new Schema<AddressDoc>(
  {
    _id: { type: String, required: true },
    platform: { type: String, enum: ['slack', 'teams'], required: true },
    kind: { type: String, enum: ['person', 'channel'], required: true },
    key: { type: String, required: true },
    ref: { type: Schema.Types.Mixed, required: true },
    updatedAt: { type: Date, required: true },
  },
  { ...schemaOptions, collection: 'addresses' },
);
export const addressModel = (c: Connection) => c.model<AddressDoc>('Address', addressSchema);
