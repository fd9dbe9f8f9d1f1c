import { Schema, type Connection } from 'mongoose';
import { schemaOptions } from './common';

/**
 * Facts about this installation decided once and kept (e.g. the first reporting quarter). Written
 * with an insert on a fixed `_id`, so two instances starting together keep the same value.
 */
export interface SettingDoc {
  _id: string;
  value: string;
  at: Date;
}

const schema = new Schema<SettingDoc>(
  {
    _id: { type: String, required: true },
    value: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { ...schemaOptions, collection: 'settings' },
);

export const settingModel = (c: Connection) => c.model<SettingDoc>('Setting', schema);
