import { createDeliveryLedger } from '../../src/notify/delivery-ledger';
import { silentLogger } from '../../src/support/logger';
import { openTestDb, type TestDb } from '../support/test-db';

/**
 * A fan-out's `sent` marks written in batches (deferSentMark): each message still claims its own key
 * before it is sent, and once flushSentMarks() returns every sent message is recorded `sent` with
 * its platform reference, so a re-run sends none of them again.
 */
describe('delivery ledger, sent marks in batches (real database)', () => {
  let db: TestDb;
  beforeEach(async () => (db = await openTestDb({ now: '2026-12-01T09:00:00Z', seed: false })));
  afterEach(() => db.close());

  const info = { kind: 'test', recipient: { kind: 'person' as const, personId: 'p1' } };

  it('claims each key before its send and records all of them sent by the flush', async () => {
    const ledger = createDeliveryLedger({ store: db.store, clock: db.clock, logger: silentLogger });
    const keys = Array.from({ length: 60 }, (_, i) => `batch-${i}`);
    const claimedAtSend: string[] = [];
    await Promise.all(
      keys.map((key) =>
        ledger.deliverOnce(
          key,
          info,
          async () => {
            const doc = await db.store.deliveries.get(key);
            if (doc?.status === 'claimed') claimedAtSend.push(key);
            return { platform: 'slack' as const, channel: 'D1', ref: key };
          },
          { deferSentMark: true },
        ),
      ),
    );
    await ledger.flushSentMarks();
    expect(claimedAtSend.sort()).toEqual([...keys].sort());
    const docs = await db.store.deliveries.list({ kind: 'test' });
    expect(docs).toHaveLength(keys.length);
    for (const d of docs) expect(d).toMatchObject({ status: 'sent', meta: { sentRef: { ref: d._id } } });

    let sentAgain = 0;
    const again = createDeliveryLedger({ store: db.store, clock: db.clock, logger: silentLogger });
    for (const key of keys) {
      const out = await again.deliverOnce(key, info, async () => void sentAgain++, { deferSentMark: true });
      expect(out).toEqual({ status: 'already-sent' });
    }
    await again.flushSentMarks();
    expect(sentAgain).toBe(0);
  });
});
