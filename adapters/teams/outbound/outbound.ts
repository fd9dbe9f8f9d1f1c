import { channelKey } from '../conversation-refs';
import { DEFAULT_RETRY, withConnectorRetry, type RetryOptions } from './connector-retry';
import { Pacer, TEAMS_WINDOWS, type PacerWindow } from './pacer';

export interface OutboundOptions {
  retry?: Partial<RetryOptions>;
  windows?: PacerWindow[];
}

/**
 * Every call the bot makes to Teams goes through here: paced per conversation, retried on throttling
 * (see connector-retry.ts). Failures come out as DeliveryError.
 */
export class Outbound {
  private readonly pacer: Pacer;
  private readonly retry: RetryOptions;

  constructor(opts: OutboundOptions = {}) {
    this.pacer = new Pacer(opts.windows ?? TEAMS_WINDOWS);
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
  }

  /** Paced per conversation: the threads of a channel count as the channel. */
  call<T>(conversationId: string, fn: () => Promise<T>): Promise<T> {
    return this.pacer.run(channelKey(conversationId), () => withConnectorRetry(fn, this.retry));
  }
}
