import { Schema, type Connection } from 'mongoose';
import type { ActionItem, MeetingDoc } from './meeting.model';
import { schemaOptions } from './common';

/**
 * One snapshot per meeting version, like record_versions: `_id` is `${meetingId}@v${version}`,
 * so a version is written once. Action items are kept as they were (status, due date, comments).
 */
export interface MeetingVersionDoc {
  _id: string;
  meetingId: string;
  version: number;
  state: MeetingDoc['state'];
  data: Record<string, unknown>;
  actionItems: ActionItem[];
  changedBy: string;
  changedAt: Date;
}

const schema = new Schema<MeetingVersionDoc>(
  {
    _id: { type: String, required: true },
    meetingId: { type: String, required: true },
    version: { type: Number, required: true },
    state: { type: String, required: true },
    data: { type: Schema.Types.Mixed, required: true },
    actionItems: { type: Schema.Types.Mixed, default: [] },
    changedBy: { type: String, required: true },
    changedAt: { type: Date, required: true },
  },
  { ...schemaOptions, collection: 'meeting_versions' },
);

export const meetingVersionModel = (c: Connection) => c.model<MeetingVersionDoc>('MeetingVersion', schema);
