import { Schema, type Connection } from 'mongoose';
import { schemaOptions } from './common';

/**
 * The exactly-once ledger for everything the bot sends on its own (reminders, digests, consultation
 * requests). `_id` is the message's key (e.g. `nudge|MOI-RS|2026-Q4|opening|p123`): inserting it is
 * the claim, and a duplicate-key error means another run or instance already has it.
 */
export interface DeliveryDoc {
  _id: string;
  kind: string;
  recipient: string;
  status: 'claimed' | 'sent' | 'failed' | 'skipped';
  attempts: number;
  leaseUntil: Date;
  claimedBy: string;
  sentAt?: Date;
  lastError?: string;
  nextAttemptAt?: Date;
  meta: Record<string, unknown>;
  createdAt: Date;
}

const schema = new Schema<DeliveryDoc>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    recipient: { type: String, required: true },
    status: { type: String, enum: ['claimed', 'sent', 'failed', 'skipped'], required: true },
    attempts: { type: Number, default: 0 },
    leaseUntil: { type: Date, required: true },
    claimedBy: { type: String, required: true },
    sentAt: Date,
    lastError: String,
    nextAttemptAt: Date,
    meta: { type: Schema.Types.Mixed, default: {} },
    createdAt: { type: Date, required: true },
  },
  { ...schemaOptions, collection: 'deliveries' },
);

export const deliveryModel = (c: Connection) => c.model<DeliveryDoc>('Delivery', schema);
