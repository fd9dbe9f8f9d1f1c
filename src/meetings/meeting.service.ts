import type { ServiceDeps } from '../module';
import type { MeetingDoc } from '../db/models/meeting.model';
import type { Actor } from '../domain/actor';
import { canManageMeetings } from '../domain/permissions';
import { localDate } from '../domain/quarter';
import { AppError, forbidden } from '../errors';
import type { BotFile } from '../messages/bot-message';
import { createDeliveryLedger, type DeliveryOutcome, type LedgerOptions } from '../notify/delivery-ledger';
import type { Recipient, SentRef } from '../notify/notifier';
import type { FormSink } from '../conversation/submit-port';
import { actionReminderMessage, planActionReminders } from './action-items';
import { createActionItemOps } from './action-item-ops';
import { collectDigest, digestMessage, meetingsDueForDigest, type DigestDeps } from './meeting-digest';
import { meetingSettings, type MeetingSettings } from './meeting-settings';
import { orgDirectory, summaryMarkdown, summaryMessage, type SummaryContext } from './meeting-summary';

/**
 * Meetings: the meeting form's sink (create, or update when editing), posting the summary to the
 * Support Group channel(s) and keeping that post up to date, the Markdown for the minutes, and the
 * job that sends digests before meetings and chases action items after them. Everything the bot
 * sends on its own goes through the delivery ledger, so a re-run or a second instance never sends twice.
 */
export type MeetingServiceDeps = ServiceDeps;

export interface MeetingServiceOptions {
  settings?: Partial<MeetingSettings>;
  ledger?: LedgerOptions;
}

export interface PostTarget {
  platform: 'slack' | 'teams';
  channel: string;
}

export interface PostOutcome {
  target: PostTarget;
  status: 'posted' | 'updated' | 'in-progress' | 'failed';
  error?: string;
}

export interface MeetingJobReport {
  asOf: Date;
  outcomes: { key: string; outcome: DeliveryOutcome }[];
  counts: Partial<Record<DeliveryOutcome['status'], number>>;
}

export function createMeetingService(deps: MeetingServiceDeps, options: MeetingServiceOptions = {}) {
  const { config, store, clock, logger, notifier } = deps;
  const timezone = config.timezone;
  const settings = meetingSettings(options.settings);
  const calendar = deps.calendar;
  const digestDeps: DigestDeps = { calendar, settings, timezone };
  const ledger = createDeliveryLedger(deps, options.ledger);
  // Posting is a person's command, not a job: a failed post may be tried again at once.
  const postLedger = createDeliveryLedger(deps, { ...options.ledger, backoff: () => 0, maxAttempts: 1000 });
  const channels: PostTarget[] = [
    ...(config.slack?.channel ? [{ platform: 'slack' as const, channel: config.slack.channel }] : []),
    ...(config.teams?.channel ? [{ platform: 'teams' as const, channel: config.teams.channel }] : []),
  ];
  const channelOf = (t: PostTarget): Recipient => ({ kind: 'channel', platform: t.platform, channel: t.channel });

  async function summaryContext(): Promise<SummaryContext> {
    return { organisations: orgDirectory(await store.organisations.list({ includeInactive: true })), timezone, today: localDate(clock.now(), timezone) };
  }

  async function find(actor: Actor, id: string): Promise<MeetingDoc> {
    const m = await store.meetings.get(actor, String(id ?? '').toUpperCase());
    if (!m) throw new AppError('NOT_FOUND', `I could not find meeting ${String(id ?? '')}. Type *meeting list* to see the meetings.`);
    return m;
  }

  /** Replaces every posted summary of the meeting with its current state. A failed update is reported, never thrown. */
  async function refreshPosts(m: MeetingDoc): Promise<PostOutcome[]> {
    if (!m.posts.length) return [];
    const message = summaryMessage(m, await summaryContext());
    const out: PostOutcome[] = [];
    for (const p of m.posts) {
      const target = { platform: p.platform, channel: p.target ?? p.channel };
      try {
        await notifier.update({ platform: p.platform, channel: p.channel, ref: p.ref }, message);
        out.push({ target, status: 'updated' });
      } catch (err) {
        logger.warn({ err, meetingId: m._id, platform: p.platform }, 'could not update a posted meeting summary');
        out.push({ target, status: 'failed', error: String((err as Error)?.message ?? err) });
      }
    }
    return out;
  }

  async function postTo(actor: Actor, m: MeetingDoc, t: PostTarget): Promise<PostOutcome> {
    const existing = m.posts.find((p) => p.platform === t.platform && (p.target ?? p.channel) === t.channel);
    const message = summaryMessage(m, await summaryContext());
    const update = async (ref: SentRef): Promise<PostOutcome> => {
      try {
        await notifier.update(ref, message);
        return { target: t, status: 'updated' };
      } catch (err) {
        return { target: t, status: 'failed', error: String((err as Error)?.message ?? err) };
      }
    };
    if (existing) return update({ platform: existing.platform, channel: existing.channel, ref: existing.ref });
    const key = `meeting-post|${m._id}|${t.platform}:${t.channel}`;
    let sent: SentRef | undefined;
    const outcome = await postLedger.deliverOnce(key, { kind: 'meeting-post', recipient: channelOf(t), meta: { meetingId: m._id } }, async () => {
      sent = await notifier.send(channelOf(t), message);
      return sent;
    });
    if (outcome.status === 'sent' && sent) {
      await store.meetings.addPost(actor, m._id, { platform: t.platform, target: t.channel, channel: sent.channel, ref: sent.ref, postedAt: clock.now() });
      return { target: t, status: 'posted' };
    }
    if (outcome.status === 'already-sent') {
      // Posted by a concurrent command, or the ref was not stored: the ledger kept it.
      const ref = (await store.deliveries.get(key))?.meta.sentRef as SentRef | undefined;
      const again = await store.meetings.get(actor, m._id);
      if (!ref) return { target: t, status: 'in-progress' };
      if (!again?.posts.some((p) => p.platform === t.platform && (p.target ?? p.channel) === t.channel))
        await store.meetings.addPost(actor, m._id, { platform: t.platform, target: t.channel, channel: ref.channel, ref: ref.ref, postedAt: clock.now() });
      return update(ref);
    }
    if (outcome.status === 'failed' || outcome.status === 'unknown') return { target: t, status: 'failed', error: outcome.error };
    return { target: t, status: 'in-progress' };
  }

  const ops = createActionItemOps({ store, clock, timezone, calendar, settings, afterChange: refreshPosts });

  const service = {
    settings,
    calendar,
    ledger,
    channels,
    ...ops,
    find,
    refreshPosts,

    /** The meeting form's submissions from every path (chat, modal, card, console) end here. */
    sink: (async (actor, data, opts) => {
      if (!opts.recordId) {
        const m = await store.meetings.create(actor, data);
        return { id: m._id, kind: 'created', version: m.version };
      }
      const { meeting, changed } = await store.meetings.update(actor, opts.recordId, data, opts.baseVersion);
      if (changed) await refreshPosts(meeting);
      return { id: meeting._id, kind: changed ? 'updated' : 'unchanged', version: meeting.version };
    }) satisfies FormSink,

    /**
     * Posts the summary to the configured channel(s), else to `from` (where the command was typed).
     * A channel that already has this meeting's summary gets it updated, never a second post.
     */
    async post(actor: Actor, id: string, from?: PostTarget): Promise<{ meeting: MeetingDoc; outcomes: PostOutcome[] }> {
      if (!canManageMeetings(actor)) throw forbidden('only the IISG Secretariat posts meeting summaries.');
      const m = await find(actor, id);
      const targets = channels.length ? channels : from ? [from] : [];
      if (!targets.length)
        throw new AppError('BAD_REQUEST', 'No Support Group channel is configured (SLACK_CHANNEL or TEAMS_CHANNEL). Type *meeting post* in the channel where the summary should go.');
      const outcomes: PostOutcome[] = [];
      for (const t of targets) outcomes.push(await postTo(actor, m, t));
      return { meeting: m, outcomes };
    },

    async markHeld(actor: Actor, id: string): Promise<{ meeting: MeetingDoc; changed: boolean; posts: PostOutcome[] }> {
      const m = await find(actor, id);
      const res = await store.meetings.setState(actor, m._id, 'held');
      return { ...res, posts: res.changed ? await refreshPosts(res.meeting) : [] };
    },

    async exportMarkdown(actor: Actor, id: string): Promise<BotFile> {
      const m = await find(actor, id);
      const ctx = await summaryContext();
      return { name: `${m._id}.md`, mimeType: 'text/markdown', title: `Meeting ${m._id}`, content: Buffer.from(summaryMarkdown(m, { ...ctx, today: undefined }), 'utf8') };
    },

    /** Digests due before meetings and action-item reminders due at `asOf`; safe to run any number of times. */
    async runJobs(asOf: Date): Promise<MeetingJobReport> {
      const meetings = await store.meetings.all();
      const outcomes: MeetingJobReport['outcomes'] = [];
      const due = meetingsDueForDigest(asOf, meetings, digestDeps);
      if (due.length && !channels.length) logger.debug({ meetings: due.map((m) => m._id) }, 'meeting digest due but no channel configured');
      for (const m of due) {
        const keyed = channels.map((t) => ({ t, key: `meeting-digest|${m._id}|${t.platform}:${t.channel}` }));
        const settled = await ledger.settledKeys(keyed.map((k) => k.key));
        const todo = keyed.filter((k) => !settled.has(k.key));
        if (!todo.length) continue;
        const message = digestMessage(await collectDigest(store, m, meetings, asOf, digestDeps), { timezone, settings });
        for (const { t, key } of todo) {
          const outcome = await ledger.deliverOnce(key, { kind: 'meeting-digest', recipient: channelOf(t), meta: { meetingId: m._id } }, () => notifier.send(channelOf(t), message));
          outcomes.push({ key, outcome });
        }
      }
      const planned = planActionReminders(asOf, { meetings, people: await store.people.list(), calendar, timezone, settings });
      const settled = await ledger.settledKeys(planned.map((p) => p.key));
      const todo = planned.filter((p) => !settled.has(p.key));
      const orgs = todo.length ? orgDirectory(await store.organisations.list({ includeInactive: true })) : new Map();
      for (const p of todo) {
        const to: Recipient = { kind: 'person', personId: p.person._id, ...(p.person.slackId ? { slackId: p.person.slackId } : {}), ...(p.person.teamsId ? { teamsId: p.person.teamsId } : {}) };
        const meta = { itemId: p.item._id, step: p.step, due: p.item.due };
        const outcome = await ledger.deliverOnce(p.key, { kind: 'action-reminder', recipient: to, meta }, () => notifier.send(to, actionReminderMessage(p, orgs, timezone)));
        outcomes.push({ key: p.key, outcome });
      }
      const counts: MeetingJobReport['counts'] = {};
      for (const { outcome } of outcomes) counts[outcome.status] = (counts[outcome.status] ?? 0) + 1;
      if (outcomes.length) logger.info({ asOf, counts }, 'meeting job run');
      return { asOf, outcomes, counts };
    },
  };
  return service;
}
export type MeetingService = ReturnType<typeof createMeetingService>;
