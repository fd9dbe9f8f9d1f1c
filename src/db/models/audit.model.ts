import { Schema, type Connection } from 'mongoose';
import { schemaOptions } from './common';

/** Who changed what, and when. Values are JSON text so any shape (arrays included) fits FerretDB. */
export interface AuditChange {
  field: string;
  from: string;
  to: string;
}
export interface AuditDoc {
  _id: string;
  at: Date;
  actorId: string;
  actorName: string;
  actorOrg: string;
  action: string;
  entity: string;
  entityId: string;
  changes: AuditChange[];
  note?: string;
}

const schema = new Schema<AuditDoc>(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
    actorId: { type: String, required: true },
    actorName: { type: String, required: true },
    actorOrg: { type: String, required: true },
    action: { type: String, required: true },
    entity: { type: String, required: true },
    entityId: { type: String, required: true },
    changes: { type: [{ _id: false, field: String, from: String, to: String }], default: [] },
    note: String,
  },
  { ...schemaOptions, collection: 'audit_log' },
);

export const auditModel = (c: Connection) => c.model<AuditDoc>('Audit', schema);
