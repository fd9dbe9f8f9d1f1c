import type { Actor } from '../../src/domain/actor';
import type { ManualClock } from '../../src/support/clock';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app';

/**
 * Slack answering 429 (with Retry-After) and 500 to chat.postMessage during a reminder fan-out,
 * through the real app and the Slack stand-in: short trouble is retried by the Web API client with
 * backoff inside the run; trouble that outlasts those retries is left to the delivery ledger, which
 * tries again on a later run. Either way every reminder arrives, once.
 */
const OPENING = new Date('2026-12-01T09:00:00Z');
const MIN = 60_000;

describe('Slack answering 429 and 500 to chat.postMessage', () => {
  let t: SlackTestApp;
  let clock: ManualClock;
  beforeEach(async () => {
    t = await startSlackTestApp();
    clock = t.clock as ManualClock;
    clock.set(OPENING);
  });
  afterEach(() => t.stop());

  async function people(orgs: string[]): Promise<Actor[]> {
    const out: Actor[] = [];
    for (const [i, orgCode] of orgs.entries()) {
      out.push(await t.addPerson({ name: `Focal ${i}`, email: `f${i}@example.org`, orgCode, slackId: `UFAIL${i}000` }));
    }
    return out;
  }

  /** chat.postMessage calls per DM channel, as Slack accepted them (status 200). */
  function deliveredPerChannel(): Map<string, number> {
    const m = new Map<string, number>();
    for (const c of t.slack.accepted('chat.postMessage')) m.set(String(c.body.channel), (m.get(String(c.body.channel)) ?? 0) + 1);
    return m;
  }
  const channelsOf = (n: number) => Array.from({ length: n }, (_, i) => `DFAIL${i}000`).sort();

  it('retries a 429 after Retry-After and a 500 with backoff within the run; everyone gets one reminder', async () => {
    await people(['MOI-AL', 'MOI-ME', 'MOI-MK', 'MOI-RS', 'MOS-BA', 'MOI-XK']);
    t.slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    t.slack.failNext('chat.postMessage', { status: 500 });
    const report = await t.app.core.reminders.run(OPENING);
    expect(report.counts).toEqual({ sent: 6 });
    const statuses = t.slack.callsTo('chat.postMessage').map((c) => c.status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    expect(statuses.filter((s) => s === 500)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(6);
    const perChannel = deliveredPerChannel();
    expect([...perChannel.keys()].sort()).toEqual(channelsOf(6));
    expect([...perChannel.values()].every((n) => n === 1)).toBe(true);
  });

  it('leaves a send that fails past the client retries (500 ×3, then 429 ×3) to the ledger, which delivers it on a later run', async () => {
    const [ana] = await people(['MOI-RS']);
    t.slack.failNext('chat.postMessage', { status: 500 }, 3);
    const first = await t.app.core.reminders.run(OPENING);
    expect(first.counts).toEqual({ failed: 1 });
    const [doc] = await t.app.core.store.deliveries.list();
    expect(doc).toMatchObject({ status: 'failed', lastError: 'Slack HTTP 500', attempts: 1 });
    expect(doc!.nextAttemptAt).toEqual(new Date(OPENING.getTime() + MIN)); // backoff: one minute after the first failure

    // Before the retry time: not even attempted.
    const calls = t.slack.calls.length;
    clock.set(new Date(OPENING.getTime() + 30_000));
    expect((await t.app.core.reminders.run(clock.now())).outcomes).toEqual([]);
    expect(t.slack.calls.length).toBe(calls);

    // Then rate limited for longer than the client waits: failed again, retry after the backoff.
    clock.set(new Date(OPENING.getTime() + MIN));
    t.slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 }, 3);
    expect((await t.app.core.reminders.run(clock.now())).counts).toEqual({ failed: 1 });
    const [again] = await t.app.core.store.deliveries.list();
    expect(again).toMatchObject({ status: 'failed', lastError: 'Slack rate limit', attempts: 2 });
    expect(again!.nextAttemptAt).toEqual(new Date(OPENING.getTime() + 3 * MIN)); // 2 minutes after the second failure

    clock.set(new Date(OPENING.getTime() + 3 * MIN));
    expect((await t.app.core.reminders.run(clock.now())).counts).toEqual({ sent: 1 });
    clock.set(new Date(OPENING.getTime() + 15 * MIN));
    expect((await t.app.core.reminders.run(clock.now())).outcomes).toEqual([]);
    expect(deliveredPerChannel()).toEqual(new Map([[`D${'UFAIL0000'.slice(1)}`, 1]]));
    expect((await t.app.core.store.deliveries.list())[0]).toMatchObject({ status: 'sent', attempts: 3, recipient: `person:${ana!.personId}` });
  });
});
