import { Schema, type Connection } from 'mongoose';
import { schemaOptions } from './common';

/**
 * "Remind me in 3 days": one per person and quarter (a later snooze replaces an earlier one). The
 * reminder planner holds that person's reminders until `until`, then reminds them once.
 */
export interface SnoozeDoc {
  _id: string; // `${personId}|${quarter}`
  personId: string;
  orgCode: string;
  quarter: string;
  snoozedAt: Date;
  until: Date;
  updatedAt: Date;
}

const schema = new Schema<SnoozeDoc>(
  {
    _id: { type: String, required: true },
    personId: { type: String, required: true },
    orgCode: { type: String, required: true },
    quarter: { type: String, required: true },
    snoozedAt: { type: Date, required: true },
    until: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { ...schemaOptions, collection: 'snoozes' },
);

export const snoozeModel = (c: Connection) => c.model<SnoozeDoc>('Snooze', schema);
