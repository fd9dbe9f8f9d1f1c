import { Schema, type Connection } from 'mongoose';
import { schemaOptions } from './common';

/**
 * One per organisation and quarter, written when it first reports (or is exempted). How many records
 * it sent is counted from the records themselves: a counter here would need an isolated $inc,
 * which FerretDB does not give.
 */
export interface CheckinDoc {
  _id: string; // `${orgCode}|${quarter}`
  orgCode: string;
  quarter: string;
  state: 'submitted' | 'nil-return' | 'exempt';
  firstAt: Date;
  lastAt: Date;
  by: string;
  note?: string;
}

const schema = new Schema<CheckinDoc>(
  {
    _id: { type: String, required: true },
    orgCode: { type: String, required: true },
    quarter: { type: String, required: true },
    state: { type: String, enum: ['submitted', 'nil-return', 'exempt'], required: true },
    firstAt: { type: Date, required: true },
    lastAt: { type: Date, required: true },
    by: { type: String, required: true },
    note: String,
  },
  { ...schemaOptions, collection: 'checkins' },
);

export const checkinModel = (c: Connection) => c.model<CheckinDoc>('Checkin', schema);
