import { SEEN_KEYS_PURGE_BATCH, SEEN_KEYS_PURGE_EVERY_CLAIMS, SEEN_KEYS_PURGE_EVERY_MS } from '../../src/db/repositories/seen-keys.repository';
import { openTestDb, type TestDb } from '../support/test-db';

/**
 * Finding 10 (second half): seen event ids expire without the scheduler. With SCHEDULER_ENABLED=false
 * on every instance nothing else purges them, so claims clear expired keys themselves, in bounded
 * batches. Against the real database, with the injected clock.
 */
const HOUR = 3600_000;

describe('seen ids expire without the scheduler', () => {
  let db: TestDb;
  const count = () => db.store.ctx.models.seenKeys.countDocuments({});
  beforeEach(async () => {
    db = await openTestDb({ seed: false });
  });
  afterEach(() => db.close());

  it('a claim after the keys expired clears them, and keeps the ones still alive', async () => {
    const { seenKeys } = db.store;
    for (let i = 0; i < 30; i++) expect(await seenKeys.claim(`slack-event|short-${i}`, HOUR)).toBe(true);
    for (let i = 0; i < 5; i++) expect(await seenKeys.claim(`slack-event|long-${i}`, 48 * HOUR)).toBe(true);
    expect(await count()).toBe(35);

    db.clock.advance(2 * HOUR);
    expect(await seenKeys.claim('slack-event|new')).toBe(true);
    expect(await count()).toBe(6); // 5 still alive + the new one
    // An expired key is free again; a live one is still claimed.
    expect(await seenKeys.claim('slack-event|short-0', HOUR)).toBe(true);
    expect(await seenKeys.claim('slack-event|long-0', HOUR)).toBe(false);
  });

  it('does bounded work per claim: a large backlog is cleared batch by batch, never all at once', async () => {
    const models = db.store.ctx.models;
    const backlog = SEEN_KEYS_PURGE_BATCH * 2 + 500;
    const past = new Date(db.clock.now().getTime() - HOUR);
    // What an instance with SCHEDULER_ENABLED=false left behind before this version.
    await models.seenKeys.insertMany(Array.from({ length: backlog }, (_, i) => ({ _id: `teams-activity|old-${i}`, createdAt: past, expiresAt: past })));

    const { seenKeys } = db.store;
    expect(await seenKeys.claim('teams-activity|a')).toBe(true);
    expect(await count()).toBe(backlog - SEEN_KEYS_PURGE_BATCH + 1);
    // The next claims within the minute do not purge again…
    for (let i = 0; i < 5; i++) await seenKeys.claim(`teams-activity|b${i}`);
    expect(await count()).toBe(backlog - SEEN_KEYS_PURGE_BATCH + 6);
    // …until the minute has passed, or enough claims were made.
    db.clock.advance(SEEN_KEYS_PURGE_EVERY_MS);
    await seenKeys.claim('teams-activity|c');
    expect(await count()).toBe(backlog - 2 * SEEN_KEYS_PURGE_BATCH + 7);
    for (let i = 0; i < SEEN_KEYS_PURGE_EVERY_CLAIMS; i++) await seenKeys.claim(`teams-activity|d${i}`);
    expect(await count()).toBe(7 + SEEN_KEYS_PURGE_EVERY_CLAIMS);
  });
});
