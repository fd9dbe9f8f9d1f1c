import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../src/db/embedded-ferretdb';
import { loadConfig } from '../../src/config';
import { createCore, type Core } from '../../src/core';
import { connect } from '../../src/db/database';
import { createStore } from '../../src/db/store';
import { CompositeNotifier } from '../../src/notify/composite-notifier';
import type { Notifier, Recipient, SentRef } from '../../src/notify/notifier';
import type { BotMessage } from '../../src/messages/bot-message';
import { seedDefaultRoster } from '../../src/roster/roster.service';
import { SYSTEM_ACTOR } from '../../src/domain/actor';
import { ManualClock } from '../../src/support/clock';
import { silentLogger } from '../../src/support/logger';

/** A database of its own, so this test can stop and restart it without disturbing the others. */
describe('database outage in the middle of a conversation', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wbbsi-outage-'));
  let db: EmbeddedDatabase;
  let conn: Awaited<ReturnType<typeof connect>>;
  let core: Core;
  const sent: { to: Recipient; m: BotMessage }[] = [];
  const inbox: Notifier = {
    platform: 'console',
    canReach: async () => true,
    send: async (to, m) => {
      sent.push({ to, m });
      return { platform: 'console', channel: 'x', ref: String(sent.length) } satisfies SentRef;
    },
    update: async () => undefined,
    sendFile: async () => ({ platform: 'console', channel: 'x', ref: 'f' }),
  };

  beforeAll(async () => {
    db = await startEmbeddedDatabase({ dataDir: join(dir, 'db'), dbName: 'outage' });
    conn = await connect(db.uri, 'outage', silentLogger);
    const clock = new ManualClock(new Date('2026-12-02T09:00:00Z'));
    const store = createStore({ models: conn.models, clock, timezone: 'Europe/Sarajevo', pillar: 'WBBSi' });
    await seedDefaultRoster(store);
    const config = loadConfig({ DATA_DIR: join(dir, 'app'), RATE_LIMIT_PER_MINUTE: '10000' });
    core = createCore({ config, store, clock, logger: silentLogger, notifier: new CompositeNotifier([inbox]) });
  });
  afterAll(async () => {
    await conn.close().catch(() => undefined);
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('tells the person, keeps the answer, and saves it when the database is back', async () => {
    const { id } = await core.store.people.upsert(SYSTEM_ACTOR, { name: 'Ana', email: 'ana@mup.rs', orgCode: 'MOI-RS', role: 'member' });
    const ana = (await core.store.people.actorById(id))!;
    const ctx = { mode: 'chat' as const, platform: 'console' as const };
    const first = await core.conversation.handle(ana, { text: 'need' }, ctx);
    expect(first.messages.map((m) => m.text).join('\n')).toMatch(/Short title/);

    const port = Number(new URL(db.uri).port);
    await db.stop();
    const during = await core.conversation.handle(ana, { text: 'Night-vision goggles for the mountain border' }, ctx);
    expect(during.messages[0]!.text).toMatch(/cannot reach the database.*kept what you typed/);
    // A second answer while it is still down queues behind the first, in order.
    const second = await core.conversation.handle(ana, { text: 'operational' }, ctx);
    expect(second.messages[0]!.text).toMatch(/kept what you typed/);
    expect(core.conversation.pending.size()).toBe(2);

    db = await startEmbeddedDatabase({ dataDir: join(dir, 'db'), dbName: 'outage', port });
    // The driver reconnects on its own; replay until it has (bounded, not a schedule wait).
    let replayed = 0;
    for (let i = 0; i < 50 && core.conversation.pending.size() > 0; i++) {
      replayed += (await core.conversation.replayPending(core.notifier)).done;
      if (core.conversation.pending.size() > 0) await new Promise((r) => setTimeout(r, 200));
    }
    expect(replayed).toBe(2);
    expect(sent.some((s) => /database is back/.test(s.m.text))).toBe(true);
    const draft = await core.conversation.engine.activeChatDraft(ana);
    expect(draft?.answers).toMatchObject({ title: 'Night-vision goggles for the mountain border', needType: 'operational' });
    expect(draft?.cursor).toBe('perspective');
  });
});
