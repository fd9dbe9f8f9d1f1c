import type { Actor } from '../../src/domain/actor';
import { getForm } from '../../src/forms/registry';
import type { BotMessage } from '../../src/messages/bot-message';
import type { SentRef } from '../../src/notify/notifier';
import { addPerson } from '../support/people';
import { RecordingNotifier } from '../support/recording-notifier';
import { button, openTestCore, textOf, type TestCore } from '../support/test-core';

export const CHANNEL = '#wbbsi-support-group';

/** The quarterly nudges' recorder, which also keeps the summaries it was asked to replace. */
export class PostRecorder extends RecordingNotifier {
  readonly updates: { ref: SentRef; message: BotMessage }[] = [];

  override async update(ref?: SentRef, message?: BotMessage): Promise<void> {
    this.updates.push({ ref: ref!, message: message! });
  }
}

export interface MeetingTestCore extends TestCore {
  notifier: PostRecorder;
  sec: Actor;
}

/** The core with Slack configured (a Support Group channel) and a recorder behind the real composite notifier. */
export async function openMeetingCore(opts: { now?: string; env?: Record<string, string> } = {}): Promise<MeetingTestCore> {
  const t = await openTestCore({
    now: opts.now,
    env: { TIMEZONE: 'Europe/Sarajevo', SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'test-secret', SLACK_CHANNEL: CHANNEL, ...opts.env },
  });
  const notifier = new PostRecorder(t.clock, 'slack');
  t.core.notifier.add(notifier);
  const sec = await addPerson(t.store, { name: 'Sead Secretariat', email: 'sead@rcc.int', orgCode: 'IISG-SEC', role: 'secretariat' });
  return { ...t, notifier, sec };
}

export interface MeetingAnswers {
  type: string;
  title: string;
  startsAt: string;
  venue: string;
  chairs?: string;
  participants?: string;
  agenda?: string;
  decisions?: string;
  actionItems?: string;
}

/** Records a meeting step by step in the chat, as the Secretariat types it; returns the new id. */
export async function recordByChat(t: TestCore, actor: Actor, a: MeetingAnswers): Promise<string> {
  let r = await t.say(actor, 'meeting new');
  expect(textOf(r)).toMatch(/Type of meeting/);
  for (const answer of [a.type, a.title, a.startsAt, a.venue, a.chairs, a.participants, a.agenda, a.decisions, a.actionItems]) {
    r = await t.say(actor, answer ?? 'skip');
    expect(textOf(r)).not.toMatch(/⚠️/);
  }
  expect(textOf(r)).toMatch(/Here is your meeting\. Please check it/);
  r = await t.click(actor, 'form.submit', button(r, 'Submit').value);
  const id = /saved meeting \*(MT-\d{4}-\d{3})\*/.exec(textOf(r))?.[1];
  if (!id) throw new Error(`not saved: ${textOf(r)}`);
  return id;
}

/** Records a meeting through the submission service (the path every form ends in). */
export async function recordMeeting(t: TestCore, actor: Actor, answers: Record<string, unknown>): Promise<string> {
  const res = await t.core.submissions.submit(actor, getForm('meeting')!, answers);
  if (!res.ok) throw new Error(JSON.stringify(res.errors));
  return res.id;
}
