import { Schema, type Connection } from 'mongoose';
import { ROLES } from '../../config/vocabulary';
import { schemaOptions } from './common';

export interface PersonDoc {
  _id: string;
  name: string;
  email: string; // lower-case, unique: the key the roster file merges on
  orgCode: string;
  role: (typeof ROLES.codes)[number];
  slackId?: string;
  teamsId?: string; // Azure AD object id
  timezone?: string;
  deputyOf?: string; // person id of the focal point this person stands in for
  awayUntil?: string; // YYYY-MM-DD, inclusive
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const schema = new Schema<PersonDoc>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    email: { type: String, required: true, lowercase: true, trim: true },
    orgCode: { type: String, required: true },
    role: { type: String, enum: ROLES.codes, required: true },
    slackId: String,
    teamsId: String,
    timezone: String,
    deputyOf: String,
    awayUntil: String,
    active: { type: Boolean, default: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { ...schemaOptions, collection: 'people' },
);

export const personModel = (c: Connection) => c.model<PersonDoc>('Person', schema);
