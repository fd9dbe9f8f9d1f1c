import type { Reply } from '../../src/conversation/reply';
import type { Actor } from '../../src/domain/actor';
import { getForm } from '../../src/forms/registry';
import { startNotifyApp, type NotifyApp } from '../support/notify-app';
import type { StandinCall } from '../support/slack-standin';
import { button, textOf } from '../support/test-core';

export const CHANNEL = '#wbbsi-support-group';

/** Types and clicks as a person, through the core as the console sends them. */
export interface Chat {
  say(actor: Actor, text: string): Promise<Reply>;
  click(actor: Actor, action: string, value?: string): Promise<Reply>;
}

export interface MeetingTestCore extends Chat {
  app: NotifyApp;
  core: NotifyApp['app']['core'];
  store: NotifyApp['app']['core']['store'];
  clock: NotifyApp['clock'];
  sec: Actor;
  /** Messages the Slack stand-in accepted in the Support Group channel (new posts). */
  posts(): StandinCall[];
  /** chat.update calls Slack accepted (a post replaced in place). */
  updates(): StandinCall[];
  close(): Promise<void>;
}

/**
 * The real app with its Slack notifier against the stand-in, the Support Group's Slack channel
 * configured (SLACK_CHANNEL; no Teams channel, so every post is one Slack message), and the
 * Secretariat officer who records meetings.
 */
export async function openMeetingCore(opts: { now?: string; env?: Record<string, string> } = {}): Promise<MeetingTestCore> {
  const app = await startNotifyApp({ now: opts.now ?? '2026-12-02T09:00:00Z', env: { SLACK_CHANNEL: CHANNEL, TEAMS_CHANNEL: '', ...opts.env } });
  app.slack.addChannel(CHANNEL);
  const core = app.app.core;
  const sec = await app.person({ name: 'Sead Secretariat', email: 'sead@rcc.int', orgCode: 'IISG-SEC', role: 'secretariat' });
  const ctx = { mode: 'chat' as const, platform: 'console' as const };
  return {
    app,
    core,
    store: core.store,
    clock: app.clock,
    sec,
    say: (actor, text) => core.conversation.handle(actor, { text }, ctx),
    click: (actor, action, value) => core.conversation.handle(actor, { action: { id: action, value } }, ctx),
    posts: () => app.slack.accepted('chat.postMessage').filter((c) => c.body.channel === CHANNEL),
    updates: () => app.slack.accepted('chat.update'),
    close: () => app.stop(),
  };
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
export async function recordByChat(t: Chat, actor: Actor, a: MeetingAnswers): Promise<string> {
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
export async function recordMeeting(t: Pick<MeetingTestCore, 'core'>, actor: Actor, answers: Record<string, unknown>): Promise<string> {
  const res = await t.core.submissions.submit(actor, getForm('meeting')!, answers);
  if (!res.ok) throw new Error(JSON.stringify(res.errors));
  return res.id;
}
