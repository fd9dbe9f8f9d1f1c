import type { ActionItemInput } from '../../domain/action-item';
import type { Actor } from '../../domain/actor';
import { canManageMeetings, isSecretariat } from '../../domain/permissions';
import { localParts } from '../../domain/quarter';
import { AppError, forbidden, isAppError } from '../../errors';
import type { ActionItem, MeetingDoc, MeetingPost } from '../models/meeting.model';
import type { MeetingVersionDoc } from '../models/meeting-version.model';
import { diff, type AuditRepository } from './audit.repository';
import { isDuplicateKey, type RepoContext } from './context';
import type { CountersRepository } from './counters.repository';

export type { ActionItem, MeetingDoc, MeetingPost };


type MeetingState = Pick<MeetingDoc, 'data' | 'state' | 'actionItems' | 'startsAt'>;

const norm = (t: string) => t.trim().toLowerCase().replace(/\s+/g, ' ');
const itemNo = (id: string) => Number(id.split('/')[1] ?? 0);

/** The form's answers without the action items, which live in `actionItems` with ids and status. */
export function splitMeetingAnswers(answers: Record<string, unknown>): { data: Record<string, unknown>; items: ActionItemInput[] } {
  const { actionItems, ...data } = answers;
  return { data, items: (actionItems as ActionItemInput[] | undefined) ?? [] };
}

/**
 * Action items after an edit of the meeting form. An item whose text is unchanged keeps its id,
 * status and comments (the owner or due date may change); a new text is a new item with the next
 * number; an item no longer in the form is kept as "dropped" (never chased, still in the history).
 */
export function mergeActionItems(meetingId: string, existing: ActionItem[], inputs: ActionItemInput[], now: Date): ActionItem[] {
  const unused = [...existing];
  let last = existing.reduce((n, i) => Math.max(n, itemNo(i._id)), 0);
  const kept = inputs.map((input): ActionItem => {
    const same = unused.findIndex((e) => norm(e.text) === norm(input.text) && e.ownerOrg === input.ownerOrg);
    const at = same >= 0 ? same : unused.findIndex((e) => norm(e.text) === norm(input.text));
    if (at < 0) return { _id: `${meetingId}/${++last}`, ...input, status: 'open', comments: [] };
    const prev = unused.splice(at, 1)[0]!;
    if (prev.status !== 'dropped') return { ...prev, ...input };
    const { closedAt: _closed, ...reopened } = prev;
    return { ...reopened, ...input, status: 'open' };
  });
  const dropped = unused.map((e): ActionItem => (e.status === 'dropped' ? e : { ...e, status: 'dropped', closedAt: e.closedAt ?? now }));
  return [...kept, ...dropped];
}

/** What the audit diff compares: the answers, the state and each action item on one line. */
function auditView(m: MeetingState): Record<string, unknown> {
  const items = m.actionItems.map((i) => `${i._id} [${i.status}] ${i.ownerOrg} due ${i.due}: ${i.text}${i.comments.length ? ` (${i.comments.length} comments)` : ''}`);
  return { ...m.data, state: m.state, actionItems: items };
}

/**
 * Meetings: readable by everyone on the roster, recorded and changed by the Secretariat only; an
 * action item's status is also changed by its owner organisation. Every change is a new version
 * (snapshot in meeting_versions) with an audit entry, like records.
 */
export function meetingsRepository(ctx: RepoContext, deps: { audit: AuditRepository; counters: CountersRepository }) {
  const { meetings, meetingVersions } = ctx.models;

  function requireManager(actor: Actor): void {
    if (!canManageMeetings(actor)) throw forbidden('only the IISG Secretariat records and changes meetings.');
  }

  async function load(id: string): Promise<MeetingDoc> {
    const m = typeof id === 'string' ? await meetings.findById(id).lean<MeetingDoc>() : null;
    if (!m) throw new AppError('NOT_FOUND', `I could not find meeting ${String(id)}. Type *meeting list* to see the meetings.`);
    return m;
  }

  async function snapshot(m: MeetingDoc, actor: Actor, at: Date): Promise<void> {
    const doc: MeetingVersionDoc = {
      _id: `${m._id}@v${m.version}`,
      meetingId: m._id,
      version: m.version,
      state: m.state,
      data: m.data,
      actionItems: m.actionItems,
      changedBy: actor.personId,
      changedAt: at,
    };
    try {
      await meetingVersions.create(doc);
    } catch (err) {
      if (isDuplicateKey(err)) throw new AppError('CONFLICT'); // someone else wrote this version first
      throw err;
    }
  }

  /** The next version, if nobody saved in between (CONFLICT otherwise); unchanged input changes nothing. */
  async function save(actor: Actor, before: MeetingDoc, next: MeetingState, action: string): Promise<{ meeting: MeetingDoc; changed: boolean }> {
    const changes = diff(auditView(before), auditView(next));
    if (!changes.length) return { meeting: before, changed: false };
    const now = ctx.clock.now();
    const doc: MeetingDoc = { ...before, ...next, version: before.version + 1, updatedAt: now };
    await snapshot(doc, actor, now);
    const res = await meetings.updateOne(
      { _id: before._id, version: before.version },
      { $set: { data: doc.data, state: doc.state, actionItems: doc.actionItems, startsAt: doc.startsAt, version: doc.version, updatedAt: now } },
    );
    if (res.modifiedCount !== 1) {
      await meetingVersions.deleteOne({ _id: `${doc._id}@v${doc.version}`, changedBy: actor.personId, changedAt: now });
      throw new AppError('CONFLICT', 'Someone else changed this meeting in the meantime. Please open it again and reapply your change.');
    }
    await deps.audit.record(actor, { action, entity: 'meeting', entityId: before._id, changes });
    return { meeting: doc, changed: true };
  }

  return {
    /** A new meeting from the meeting form's validated answers; id MT-<year of the meeting>-NNN. */
    async create(actor: Actor, answers: Record<string, unknown>): Promise<MeetingDoc> {
      requireManager(actor);
      const { data, items } = splitMeetingAnswers(answers);
      const startsAt = new Date(String(data.startsAt));
      const prefix = `MT-${localParts(startsAt, ctx.timezone).year}`;
      const id = `${prefix}-${String(await deps.counters.next(prefix)).padStart(3, '0')}`;
      const now = ctx.clock.now();
      const m: MeetingDoc = {
        _id: id,
        pillar: ctx.pillar,
        state: 'scheduled',
        data,
        startsAt,
        actionItems: mergeActionItems(id, [], items, now),
        posts: [],
        version: 1,
        createdBy: actor.personId,
        createdAt: now,
        updatedAt: now,
      };
      await snapshot(m, actor, now);
      await meetings.create(m);
      await deps.audit.record(actor, { action: 'create', entity: 'meeting', entityId: id, changes: diff(null, auditView(m)) });
      return m;
    },

    /** Everyone on the roster may read meetings (their summaries go to the whole Support Group). */
    async get(_actor: Actor, id: string): Promise<MeetingDoc | null> {
      if (typeof id !== 'string') return null;
      return meetings.findById(id).lean<MeetingDoc>();
    },

    async list(_actor: Actor, q: { from?: Date; to?: Date; limit?: number; newestFirst?: boolean } = {}): Promise<MeetingDoc[]> {
      const range: Record<string, Date> = {};
      if (q.from) range.$gte = q.from;
      if (q.to) range.$lt = q.to;
      return meetings
        .find(Object.keys(range).length ? { startsAt: range } : {})
        .sort({ startsAt: q.newestFirst ? -1 : 1, _id: 1 })
        .limit(Math.min(q.limit ?? 100, 1000))
        .lean<MeetingDoc[]>();
    },

    /** For jobs: every meeting. A working group meets a few dozen times a year, so this stays small. */
    async all(): Promise<MeetingDoc[]> {
      return meetings.find({}).sort({ startsAt: 1, _id: 1 }).lean<MeetingDoc[]>();
    },

    /** An edit through the meeting form; `baseVersion` is the version the edit started from. */
    async update(actor: Actor, id: string, answers: Record<string, unknown>, baseVersion?: number): Promise<{ meeting: MeetingDoc; changed: boolean }> {
      requireManager(actor);
      const before = await load(id);
      if (baseVersion !== undefined && baseVersion !== before.version) throw new AppError('CONFLICT', 'Someone else changed this meeting while you were editing. Please open it again with *meeting edit* and reapply your change.');
      const { data, items } = splitMeetingAnswers(answers);
      const actionItems = mergeActionItems(id, before.actionItems, items, ctx.clock.now());
      return save(actor, before, { data, state: before.state, actionItems, startsAt: new Date(String(data.startsAt)) }, 'update');
    },

    async setState(actor: Actor, id: string, state: MeetingDoc['state']): Promise<{ meeting: MeetingDoc; changed: boolean }> {
      requireManager(actor);
      const before = await load(id);
      return save(actor, before, { ...before, state }, state === 'held' ? 'held' : 'update');
    },

    /**
     * Changes one action item (done, new due date, comment) on behalf of its owner organisation or
     * the Secretariat. `change` returns null when there is nothing to do. Retried on a concurrent
     * change of the same meeting, since item changes do not depend on each other.
     */
    async changeActionItem(
      actor: Actor,
      itemId: string,
      action: string,
      change: (item: ActionItem, now: Date) => ActionItem | null,
    ): Promise<{ meeting: MeetingDoc; item: ActionItem; changed: boolean }> {
      const meetingId = String(itemId).split('/')[0] ?? '';
      for (let attempt = 0; ; attempt++) {
        const m = await load(meetingId);
        const item = m.actionItems.find((i) => i._id === itemId);
        if (!item) throw new AppError('NOT_FOUND', `I could not find action item ${String(itemId)}.`);
        const mayAct = isSecretariat(actor) || (actor.orgCode === item.ownerOrg && actor.role !== 'observer');
        if (!mayAct) {
          // Named as people know it ("Serbia MoI"), not by its code.
          const owner = (await ctx.models.organisations.findById(item.ownerOrg).lean<{ shortName?: string }>())?.shortName ?? item.ownerOrg;
          throw forbidden(`action item ${item._id} is for ${owner}. Only ${owner} or the IISG Secretariat can change it.`);
        }
        const next = change(item, ctx.clock.now());
        if (!next) return { meeting: m, item, changed: false };
        try {
          const res = await save(actor, m, { ...m, actionItems: m.actionItems.map((i) => (i._id === itemId ? next : i)) }, action);
          return { meeting: res.meeting, item: next, changed: res.changed };
        } catch (err) {
          if (attempt < 2 && isAppError(err) && err.code === 'CONFLICT') continue;
          throw err;
        }
      }
    },

    /** Remembers where a summary was posted (not a new version: the meeting itself did not change). */
    async addPost(actor: Actor, id: string, post: MeetingPost): Promise<void> {
      requireManager(actor);
      await meetings.updateOne({ _id: id }, { $push: { posts: post } });
      await deps.audit.record(actor, { action: 'post', entity: 'meeting', entityId: id, note: `${post.platform} ${post.target}` });
    },

    async versions(_actor: Actor, id: string): Promise<MeetingVersionDoc[]> {
      return meetingVersions.find({ meetingId: id }).sort({ version: 1 }).lean<MeetingVersionDoc[]>();
    },
  };
}
export type MeetingsRepository = ReturnType<typeof meetingsRepository>;
