import type { BotFile, BotMessage } from '../messages/bot-message';

/** Where a proactive message goes. */
export type Recipient =
  | { kind: 'person'; personId: string; slackId?: string; teamsId?: string }
  | { kind: 'channel'; platform: 'slack' | 'teams'; channel: string };

export interface SentRef {
  platform: 'slack' | 'teams' | 'console';
  channel: string;
  /** Platform id of the posted message (Slack ts, Teams activity id), to update it later. */
  ref: string;
}

/** A failed delivery the caller may retry later (rate limited, platform down) or not (unknown user). */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/**
 * The port the core uses to send proactive messages (reminders, digests, summaries, reports).
 * Slack and Teams each implement it in adapters/; `CompositeNotifier` picks per person.
 */
export interface Notifier {
  readonly platform: 'slack' | 'teams' | 'console';
  /** True when this notifier can reach the recipient at all (has an id / a stored address). */
  canReach(to: Recipient): Promise<boolean>;
  send(to: Recipient, message: BotMessage): Promise<SentRef>;
  /** Replaces a message sent earlier (e.g. an edited meeting summary). */
  update(ref: SentRef, message: BotMessage): Promise<void>;
  sendFile(to: Recipient, file: BotFile, message: BotMessage): Promise<SentRef>;
}
