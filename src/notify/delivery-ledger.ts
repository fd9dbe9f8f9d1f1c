import { hostname } from 'node:os';
import type { DeliveryDoc } from '../db/models/delivery.model';
import type { Store } from '../db/store';
import type { Clock } from '../support/clock';
import { randomId } from '../support/ids';
import type { Logger } from '../support/logger';
import { DeliveryError, type Recipient, type SentRef } from './notifier';

/**
 * Exactly-once delivery of proactive messages (reminders, digests, action-item and consultation
 * reminders), across re-runs, crashes and several app instances.
 *
 * Protocol, per key (e.g. `nudge|MOI-RS|2026-Q4|opening|<personId>`):
 *  1. Claim: insert `{_id: key, status: 'claimed', leaseUntil}`. A duplicate-key error means another
 *     run or instance has it; we then read its state.
 *  2. Send. Success → `sent`. A DeliveryError → `failed` with `nextAttemptAt` (backoff, honouring
 *     Retry-After); a later run retries it. Anything else (a bug, a dying process) leaves the claim as
 *     it is: its outcome is unknown, so it is retried only once the lease has expired.
 *  3. Take-over: an expired claim (the process died mid-send) or a failure whose retry time has come
 *     is re-claimed by exactly one runner. The winner is decided by inserting a one-off token
 *     `lease|<key>|<attempt>` into seen_keys, not by a conditional updateOne alone: FerretDB 1.24
 *     applies updateOne as read-then-replace, so two runners could both "match" the same filter.
 *
 * The window this cannot close: if the process dies (or the database becomes unreachable) after
 * the platform accepted the message and before step 2 recorded `sent`, the message was delivered
 * but the ledger still says `claimed`; after the lease expires another run sends it again. That
 * window is one database round trip (milliseconds) and we prefer a rare duplicate to a silently
 * lost reminder: outside it the guarantee is exactly once, inside it at least once. The lease must be
 * longer than the slowest send (adapter timeouts included), or a slow but live sender is taken
 * over and the message goes twice.
 *
 * A fan-out (thousands of reminders at the platform's rate limit) may defer the `sent` marks
 * (`deferSentMark`): each claim is still its own insert before its send, but the marks are written
 * in batches, one write in flight at a time, each carrying every mark that arrived meanwhile, and
 * `flushSentMarks()` waits for them all. That saves a round trip per message; the window above
 * becomes the time a mark waits for its batch (one database write), not longer.
 */
export type DeliveryOutcome =
  | { status: 'sent'; attempts: number }
  | { status: 'already-sent' }
  | { status: 'in-progress' }
  | { status: 'retry-later'; nextAttemptAt: Date }
  | { status: 'failed'; error: string; nextAttemptAt?: Date }
  | { status: 'gave-up' }
  | { status: 'skipped' }
  | { status: 'unknown'; error: string };

export interface DeliveryInfo {
  kind: string;
  recipient: Recipient | string;
  meta?: Record<string, unknown>;
}

export interface LedgerOptions {
  /** Who holds a claim (host, process, random), for the logs and the take-over check. */
  owner?: string;
  leaseMs?: number;
  /** Attempts before a key is given up (status `failed` without `nextAttemptAt`). */
  maxAttempts?: number;
  /** Delay before the next attempt after a DeliveryError. */
  backoff?: (attempt: number, err: DeliveryError) => number;
}

/** Exponential from 1 minute to 6 hours, never sooner than Retry-After. A permanent error (unknown
 * user) is tried again a day later: the person may have been added to the workspace meanwhile. */
export function defaultBackoff(attempt: number, err: DeliveryError): number {
  if (!err.retryable) return 24 * 3600_000;
  return Math.max(err.retryAfterMs ?? 0, Math.min(60_000 * 2 ** (attempt - 1), 6 * 3600_000));
}

/** The states in which a key needs no work now (a fan-out skips them without claiming). */
export function isSettledDelivery(d: DeliveryDoc, now: Date): boolean {
  if (d.status === 'sent' || d.status === 'skipped') return true;
  if (d.status === 'claimed') return d.leaseUntil > now;
  return !d.nextAttemptAt || d.nextAttemptAt > now;
}

export function recipientLabel(r: Recipient | string): string {
  if (typeof r === 'string') return r;
  return r.kind === 'person' ? `person:${r.personId}` : `${r.platform}:${r.channel}`;
}

export function createDeliveryLedger(deps: { store: Store; clock: Clock; logger: Logger }, opts: LedgerOptions = {}) {
  const { store, clock, logger } = deps;
  const owner = opts.owner ?? `${hostname()}:${process.pid}:${randomId().slice(0, 6)}`;
  const leaseMs = opts.leaseMs ?? 5 * 60_000;
  const maxAttempts = opts.maxAttempts ?? 8;
  const backoff = opts.backoff ?? defaultBackoff;

  // Deferred `sent` marks: written by one writer at a time, in batches (group commit).
  let marks: { key: string; sentAt: Date; meta?: Record<string, unknown> }[] = [];
  let writing: Promise<void> | null = null;
  let markError: unknown;
  async function writeMarks(): Promise<void> {
    while (marks.length) {
      const batch = marks;
      marks = [];
      try {
        await store.deliveries.markSent(batch);
      } catch (err) {
        // The claims stay `claimed`: those messages go again once their lease expires (at least once).
        markError ??= err;
        logger.error({ err, keys: batch.length }, 'could not record deliveries as sent; they will be retried after their lease');
      }
    }
    writing = null;
  }

  /** Decides what to do with a key someone already inserted; returns the attempt number we now own. */
  async function takeOver(key: string): Promise<DeliveryOutcome | number> {
    const doc = await store.deliveries.get(key);
    const now = clock.now();
    if (!doc) return { status: 'in-progress' }; // only deleted by hand: leave it to the next run
    if (doc.status === 'sent') return { status: 'already-sent' };
    if (doc.status === 'skipped') return { status: 'skipped' };
    if (doc.status === 'claimed' && doc.leaseUntil > now) return { status: 'in-progress' };
    if (doc.status === 'failed' && !doc.nextAttemptAt) return { status: 'gave-up' };
    if (doc.status === 'failed' && doc.nextAttemptAt! > now) return { status: 'retry-later', nextAttemptAt: doc.nextAttemptAt! };
    if (doc.attempts >= maxAttempts) {
      await store.deliveries.update(key, { status: doc.status, attempts: doc.attempts }, { status: 'failed' }, ['nextAttemptAt']);
      logger.error({ key, attempts: doc.attempts, lastError: doc.lastError }, 'delivery given up');
      return { status: 'gave-up' };
    }
    const attempt = doc.attempts + 1;
    if (!(await store.seenKeys.claim(`lease|${key}|${attempt}`))) return { status: 'in-progress' };
    const taken = await store.deliveries.update(
      key,
      { status: doc.status, attempts: doc.attempts },
      { status: 'claimed', attempts: attempt, claimedBy: owner, leaseUntil: new Date(now.getTime() + leaseMs) },
      ['nextAttemptAt'],
    );
    if (!taken) return { status: 'in-progress' };
    if (doc.status === 'claimed') logger.warn({ key, previousOwner: doc.claimedBy }, 'delivery lease expired: sending again');
    return attempt;
  }

  return {
    owner,

    /**
     * Sends once per key. Never throws for a failed send (the outcome says what happened), so a
     * fan-out continues with the next recipient; only a database error propagates.
     */
    async deliverOnce(key: string, info: DeliveryInfo, send: () => Promise<SentRef | void>, how: { deferSentMark?: boolean } = {}): Promise<DeliveryOutcome> {
      const now = clock.now();
      const claimed = await store.deliveries.insertClaim({
        _id: key,
        kind: info.kind,
        recipient: recipientLabel(info.recipient),
        status: 'claimed',
        attempts: 1,
        leaseUntil: new Date(now.getTime() + leaseMs),
        claimedBy: owner,
        meta: info.meta ?? {},
        createdAt: now,
      });
      const attempt = claimed ? 1 : await takeOver(key);
      if (typeof attempt !== 'number') return attempt;

      let ref: SentRef | void;
      try {
        ref = await send();
      } catch (err) {
        if (!(err instanceof DeliveryError)) {
          // Outcome unknown (the platform may have accepted it): keep the claim; retried after the lease.
          logger.error({ key, err }, 'delivery outcome unknown; will retry after the lease expires');
          return { status: 'unknown', error: String((err as Error)?.message ?? err) };
        }
        const nextAttemptAt = attempt < maxAttempts ? new Date(clock.now().getTime() + backoff(attempt, err)) : undefined;
        await store.deliveries.update(
          key,
          { status: 'claimed', attempts: attempt, claimedBy: owner },
          { status: 'failed', lastError: err.message, ...(nextAttemptAt ? { nextAttemptAt } : {}) },
          nextAttemptAt ? [] : ['nextAttemptAt'],
        );
        logger.warn({ key, attempt, retryable: err.retryable, nextAttemptAt, error: err.message }, 'delivery failed');
        return { status: 'failed', error: err.message, ...(nextAttemptAt ? { nextAttemptAt } : {}) };
      }
      // Unconditional: the message went out, whoever else may hold the claim by now.
      const mark = { key, sentAt: clock.now(), ...(ref ? { meta: { ...(info.meta ?? {}), sentRef: ref } } : {}) };
      if (how.deferSentMark) {
        marks.push(mark);
        writing ??= writeMarks();
      } else {
        await store.deliveries.markSent([mark]);
      }
      return { status: 'sent', attempts: attempt };
    },

    /** Waits until every deferred `sent` mark is written; throws if one of them could not be. */
    async flushSentMarks(): Promise<void> {
      while (writing) await writing;
      if (markError) {
        const err = markError;
        markError = undefined;
        throw err;
      }
    },

    /** The keys among `keys` that need no work now (sent, claimed by a live run, waiting to retry). */
    async settledKeys(keys: string[]): Promise<Map<string, DeliveryDoc>> {
      const now = clock.now();
      const docs = await store.deliveries.getMany(keys);
      return new Map(docs.filter((d) => isSettledDelivery(d, now)).map((d) => [d._id, d]));
    },
  };
}
export type DeliveryLedger = ReturnType<typeof createDeliveryLedger>;
