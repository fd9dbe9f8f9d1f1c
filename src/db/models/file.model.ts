import { Schema, type Connection } from 'mongoose';
import { schemaOptions } from './common';

/**
 * A file the bot produced for someone (a report as XLSX/CSV/PNG), kept for a short while so a signed
 * link can serve it. FerretDB has no TTL indexes: expired files are removed by `files.purgeExpired()`.
 */
export interface FileDoc {
  _id: string;
  name: string;
  mimeType: string;
  size: number;
  content: Buffer;
  /** Who it was made for (audit and support questions); not a permission: the signed link is. */
  personId?: string;
  createdAt: Date;
  expiresAt: Date;
}

const schema = new Schema<FileDoc>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    mimeType: { type: String, required: true },
    size: { type: Number, required: true },
    content: { type: Buffer, required: true },
    personId: String,
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { ...schemaOptions, collection: 'files' },
);

export const fileModel = (c: Connection) => c.model<FileDoc>('File', schema);
