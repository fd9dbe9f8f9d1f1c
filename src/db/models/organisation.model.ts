import { Schema, type Connection } from 'mongoose';
import { ORG_TYPES } from '../../config/vocabulary';
import { schemaOptions } from './common';

export interface OrganisationDoc {
  _id: string; // short code, e.g. MOI-RS
  name: string;
  shortName: string;
  type: (typeof ORG_TYPES.codes)[number];
  country?: string;
  pillar: string;
  /** False for bodies that do not owe a quarterly report (the Secretariat itself). */
  reporting: boolean;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const schema = new Schema<OrganisationDoc>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    shortName: { type: String, required: true },
    type: { type: String, enum: ORG_TYPES.codes, required: true },
    country: { type: String },
    pillar: { type: String, required: true },
    reporting: { type: Boolean, default: true },
    active: { type: Boolean, default: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { ...schemaOptions, collection: 'organisations' },
);

export const organisationModel = (c: Connection) => c.model<OrganisationDoc>('Organisation', schema);
