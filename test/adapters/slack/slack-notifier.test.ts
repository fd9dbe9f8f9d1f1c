import type { Actor } from '../../../src/domain/actor';
import { DeliveryError, type Recipient } from '../../../src/notify/notifier';
import { addPerson } from '../../support/people';
import { blocksText } from '../../support/slack-payloads';
import { startSlackTestApp, type SlackTestApp } from '../../support/slack-test-app';

const ANA = 'UANA0001';

describe('Slack notifier', () => {
  let t: SlackTestApp;
  let ana: Actor;
  const person = (p: Actor, slackId: string): Recipient => ({ kind: 'person', personId: p.personId, slackId });
  const channel: Recipient = { kind: 'channel', platform: 'slack', channel: 'C0SUPPORT01' };

  beforeAll(async () => {
    t = await startSlackTestApp();
    ana = await t.addPerson({ name: 'Ana Petrović', email: 'ana@mup.rs', orgCode: 'MOI-RS', slackId: ANA });
  });
  afterAll(() => t.stop());

  async function failure(send: () => Promise<unknown>): Promise<DeliveryError> {
    const err = await send().then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    return err as DeliveryError;
  }

  it('DMs a person (conversations.open, then chat.postMessage) and retries after a 429 with Retry-After', async () => {
    t.slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const since = t.slack.calls.length;
    const ref = await t.app.core.notifier.send(person(ana, ANA), { text: 'Reminder: the *2026-Q4* report is due on 15 January 2027.' });
    expect(ref).toEqual({ platform: 'slack', channel: 'DANA0001', ref: expect.stringMatching(/^\d+\.\d+$/) });
    const calls = t.slack.calls.slice(since);
    expect(calls.map((c) => `${c.method} ${c.status}`)).toEqual(['conversations.open 200', 'chat.postMessage 429', 'chat.postMessage 200']);
    expect(calls[0]!.body).toMatchObject({ users: ANA });
    expect(calls[2]!.body).toMatchObject({ channel: 'DANA0001', text: 'Reminder: the *2026-Q4* report is due on 15 January 2027.' });
    expect(calls[2]!.at - calls[1]!.at).toBeGreaterThanOrEqual(950); // waited for Retry-After: 1
  });

  it('remembers the DM channel, and writes Kosovo* with its footnote', async () => {
    const since = t.slack.calls.length;
    await t.app.core.notifier.send(person(ana, ANA), { text: 'The Kosovo border police sent an update.' });
    const calls = t.slack.calls.slice(since);
    expect(calls.map((c) => c.method)).toEqual(['chat.postMessage']);
    expect(blocksText(calls[0]!.body.blocks)).toMatch(/Kosovo\* border police[\s\S]*This designation is without prejudice/);
  });

  it('posts to a channel, updates the post, and uploads files with files.uploadV2', async () => {
    const ref = await t.app.core.notifier.send(channel, { text: 'Summary of the meeting of 1 December 2026' });
    expect(ref).toMatchObject({ platform: 'slack', channel: 'C0SUPPORT01' });
    await t.app.core.notifier.update(ref, { text: 'Summary of the meeting of 1 December 2026 (corrected)' });
    expect(t.slack.callsTo('chat.update').at(-1)!.body).toMatchObject({ channel: 'C0SUPPORT01', ts: ref.ref, text: 'Summary of the meeting of 1 December 2026 (corrected)' });

    const since = t.slack.calls.length;
    const content = Buffer.from('organisation,state\nMOI-RS,reported\n');
    const file = await t.app.core.notifier.sendFile(channel, { name: 'status-2026-Q4.csv', mimeType: 'text/csv', content }, { text: 'Status of 2026-Q4' });
    const calls = t.slack.calls.slice(since);
    expect(calls.map((c) => c.method)).toEqual(['files.getUploadURLExternal', 'upload', 'files.completeUploadExternal']);
    expect(calls[0]!.body).toMatchObject({ filename: 'status-2026-Q4.csv', length: String(content.length) });
    expect(calls[1]!.body.bytes).toBeGreaterThanOrEqual(content.length);
    expect(calls[2]!.body).toMatchObject({ channel_id: 'C0SUPPORT01', initial_comment: 'Status of 2026-Q4', files: [{ title: 'status-2026-Q4.csv' }] });
    const fileId = (calls[2]!.body.files as { id: string }[])[0]!.id;
    expect(calls[1]!.path).toBe(`/upload/${fileId}`); // the bytes went to the URL Slack handed out
    expect(file).toEqual({ platform: 'slack', channel: 'C0SUPPORT01', ref: fileId });
  });

  it('reports an unknown user or a channel it is not in as not retryable', async () => {
    // In the roster with a Slack id, but not (or no longer) in the Slack workspace.
    const gone = await addPerson(t.app.core.store, { name: 'Gone', email: 'gone@mup.rs', orgCode: 'MOI-RS', slackId: 'UGONE001' });
    const e1 = await failure(() => t.app.core.notifier.send(person(gone, 'UGONE001'), { text: 'Reminder' }));
    expect(e1).toMatchObject({ retryable: false, message: 'Slack refused: user_not_found' });
    expect(t.slack.callsTo('conversations.open').at(-1)).toMatchObject({ body: { users: 'UGONE001' }, error: 'user_not_found' });

    t.slack.failNext('chat.postMessage', { error: 'not_in_channel' });
    expect(await failure(() => t.app.core.notifier.send(channel, { text: 'Summary' }))).toMatchObject({ retryable: false });
  });

  it('reports Slack being down (500 after the retries) as retryable', async () => {
    t.slack.failNext('chat.postMessage', { status: 500 }, 3);
    const since = t.slack.calls.length;
    const err = await failure(() => t.app.core.notifier.send(channel, { text: 'Summary' }));
    expect(err).toMatchObject({ retryable: true, message: 'Slack HTTP 500' });
    expect(t.slack.calls.slice(since).map((c) => c.status)).toEqual([500, 500, 500]);
  });

  it('reports a rate limit that outlasts the retries as retryable, with Retry-After', async () => {
    t.slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 }, 3);
    const err = await failure(() => t.app.core.notifier.send(channel, { text: 'Summary' }));
    expect(err).toMatchObject({ retryable: true, retryAfterMs: 1000 });
  });

  it('does not sit out a long Retry-After: the send fails at once, retryable after that time, for the ledger to schedule', async () => {
    t.slack.failNext('chat.postMessage', { status: 429, retryAfter: 600 });
    const since = t.slack.calls.length;
    // Within the test's timeout, so not after 600 s; one call, so Slack is not hammered meanwhile.
    const err = await failure(() => t.app.core.notifier.send(channel, { text: 'Summary' }));
    expect(err).toMatchObject({ retryable: true, retryAfterMs: 600_000 });
    expect(t.slack.calls.slice(since).map((c) => `${c.method} ${c.status}`)).toEqual(['chat.postMessage 429']);
    // The client is not left paused: the next message goes out normally.
    await t.app.core.notifier.send(channel, { text: 'Next' });
    expect(t.slack.calls.at(-1)).toMatchObject({ method: 'chat.postMessage', status: 200 });
  });
});
