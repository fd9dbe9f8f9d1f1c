import { Schema, type Connection } from 'mongoose';
import type { ActionItemInput } from '../../domain/action-item';
import { schemaOptions } from './common';

export interface ActionItemComment {
  at: Date;
  by: string;
  text: string;
}
/** An action item as entered in the meeting form (its zod schema), with its id, status and comments. */
export interface ActionItem extends ActionItemInput {
  _id: string; // e.g. MT-2026-003/2
  status: 'open' | 'done' | 'dropped';
  comments: ActionItemComment[];
  closedAt?: Date;
}
/** Where a summary was posted, so an edit updates that post instead of posting again. */
export interface MeetingPost {
  platform: 'slack' | 'teams';
  /** The channel as addressed (configured name or id); matched on a later post or edit. */
  target: string;
  /** The platform's ids of the posted message (SentRef), used to update it. */
  channel: string;
  ref: string;
  postedAt: Date;
}
export interface MeetingDoc {
  _id: string; // MT-2026-003
  pillar: string;
  state: 'scheduled' | 'held';
  /** The meeting form's answers, as validated by its zod schema (src/forms/meeting.form.ts). */
  data: Record<string, unknown>;
  startsAt: Date;
  actionItems: ActionItem[];
  posts: MeetingPost[];
  version: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

const schema = new Schema<MeetingDoc>(
  {
    _id: { type: String, required: true },
    pillar: { type: String, required: true },
    state: { type: String, enum: ['scheduled', 'held'], required: true },
    data: { type: Schema.Types.Mixed, required: true },
    startsAt: { type: Date, required: true },
    actionItems: {
      type: [
        {
          _id: { type: String, required: true },
          text: { type: String, required: true },
          ownerOrg: { type: String, required: true },
          due: { type: String, required: true },
          status: { type: String, enum: ['open', 'done', 'dropped'], default: 'open' },
          comments: { type: [{ _id: false, at: Date, by: String, text: String }], default: [] },
          closedAt: Date,
        },
      ],
      default: [],
    },
    posts: {
      type: [{ _id: false, platform: String, target: String, channel: String, ref: String, postedAt: Date }],
      default: [],
    },
    version: { type: Number, required: true },
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { ...schemaOptions, collection: 'meetings' },
);

export const meetingModel = (c: Connection) => c.model<MeetingDoc>('Meeting', schema);
