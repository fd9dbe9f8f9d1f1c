import { createDeliveryLedger, type DeliveryOutcome } from '../../src/notify/delivery-ledger';
import { DeliveryError } from '../../src/notify/notifier';
import { silentLogger } from '../../src/support/logger';
import { openTestDb, type TestDb } from '../support/test-db';
import { secondStore } from './harness';

/** The ledger on its own, as other features (meeting action items, consultations) will use it. */
describe('delivery ledger (real database)', () => {
  let db: TestDb;
  beforeEach(async () => (db = await openTestDb({ now: '2026-12-01T09:00:00Z', seed: false })));
  afterEach(() => db.close());

  const ledger = (store = db.store, opts = {}) => createDeliveryLedger({ store, clock: db.clock, logger: silentLogger }, { leaseMs: 60_000, ...opts });
  const info = { kind: 'test', recipient: { kind: 'person' as const, personId: 'p1' }, meta: { purpose: 'test' } };

  it('sends once per key and records the platform reference', async () => {
    const l = ledger();
    let sends = 0;
    const send = async () => ({ platform: 'slack' as const, channel: 'D1', ref: String(++sends) });
    expect(await l.deliverOnce('k1', info, send)).toEqual({ status: 'sent', attempts: 1 });
    expect(await l.deliverOnce('k1', info, send)).toEqual({ status: 'already-sent' });
    expect(sends).toBe(1);
    const [doc] = await db.store.deliveries.list();
    expect(doc).toMatchObject({ _id: 'k1', kind: 'test', recipient: 'person:p1', status: 'sent', meta: { purpose: 'test', sentRef: { ref: '1' } } });
  });

  it('an expired claim left by a dead process is taken over by exactly one of two concurrent runners', async () => {
    const dead = ledger(db.store, { owner: 'dead' });
    const keys = Array.from({ length: 20 }, (_, i) => `orphan-${i}`);
    for (const k of keys) {
      const out = await dead.deliverOnce(k, info, async () => {
        throw new Error('killed'); // outcome unknown: the claim stays, leased
      });
      expect(out.status).toBe('unknown');
    }
    const other = await secondStore(db, db.clock);
    try {
      const a = ledger(db.store, { owner: 'a' });
      const b = ledger(other.store, { owner: 'b' });
      const sent: string[] = [];
      const send = (who: string, k: string) => async () => void sent.push(`${who}:${k}`);
      // Still leased: nobody may send.
      expect((await a.deliverOnce(keys[0]!, info, send('a', keys[0]!))).status).toBe('in-progress');
      db.clock.advance(61_000);
      await Promise.all(keys.flatMap((k) => [a.deliverOnce(k, info, send('a', k)), b.deliverOnce(k, info, send('b', k))]));
      expect(sent.map((s) => s.split(':')[1]).sort()).toEqual([...keys].sort());
      const docs = await db.store.deliveries.list();
      expect(docs.every((d) => d.status === 'sent' && d.attempts === 2)).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('backs off after a DeliveryError, honours Retry-After, and gives up after maxAttempts', async () => {
    const l = ledger(db.store, { maxAttempts: 3 });
    const failing = async () => {
      throw new DeliveryError('ratelimited', true, 5 * 60_000);
    };
    const outcomes: DeliveryOutcome[] = [];
    outcomes.push(await l.deliverOnce('k', info, failing));
    outcomes.push(await l.deliverOnce('k', info, failing)); // too early
    db.clock.advance(5 * 60_000);
    outcomes.push(await l.deliverOnce('k', info, failing));
    db.clock.advance(5 * 60_000);
    outcomes.push(await l.deliverOnce('k', info, failing)); // third attempt: no retry after it
    db.clock.advance(24 * 3600_000);
    outcomes.push(await l.deliverOnce('k', info, failing));
    expect(outcomes.map((o) => o.status)).toEqual(['failed', 'retry-later', 'failed', 'failed', 'gave-up']);
    expect(outcomes[0]).toMatchObject({ nextAttemptAt: new Date('2026-12-01T09:05:00Z') });
    expect(outcomes[3]).not.toHaveProperty('nextAttemptAt');
    expect(await db.store.deliveries.get('k')).toMatchObject({ status: 'failed', attempts: 3, lastError: 'ratelimited' });
  });

  it('settledKeys lets a fan-out skip finished keys with one query', async () => {
    const l = ledger();
    await l.deliverOnce('done', info, async () => undefined);
    await l.deliverOnce('retry', info, async () => {
      throw new DeliveryError('down', true);
    });
    const settled = await l.settledKeys(['done', 'retry', 'new']);
    expect([...settled.keys()].sort()).toEqual(['done', 'retry']);
    db.clock.advance(61_000); // first retry after 1 minute
    expect([...(await l.settledKeys(['done', 'retry', 'new'])).keys()]).toEqual(['done']);
  });
});
