import type { Actor } from '../../domain/actor';
import { canManageProducts } from '../../domain/permissions';
import { localDate } from '../../domain/quarter';
import { AppError, forbidden } from '../../errors';
import type { ConsultationAnswer, ConsultationEntryDoc, ConsultationRoundDoc } from '../models/consultation.model';
import { diff, type AuditRepository } from './audit.repository';
import { isDuplicateKey, retryOnDuplicate, type RepoContext } from './context';
import type { CountersRepository } from './counters.repository';
import type { SeenKeysRepository } from './seen-keys.repository';

export type { ConsultationAnswer, ConsultationEntryDoc, ConsultationRoundDoc };

export type NewRound = Omit<ConsultationRoundDoc, '_id' | 'pillar' | 'status' | 'createdAt' | 'updatedAt' | 'openedBy' | 'openedByName' | 'openedAt'>;

/** Entry ids sort in write order even when the injected clock stands still (tests, same millisecond). */
let sequence = 0;
const orderedId = (roundId: string, random: string) =>
  `${roundId}|${Date.now().toString(36).padStart(9, '0')}${(sequence++ % 1e6).toString(36).padStart(4, '0')}-${random}`;

/**
 * Consultation rounds and what each organisation said in them. Opening and closing a round are the
 * Secretariat's (and the scheduler's); answers and comments are appended by the services after
 * they checked that the person speaks for an invited organisation.
 */
export function consultationsRepository(
  ctx: RepoContext,
  deps: { audit: AuditRepository; counters: CountersRepository; seenKeys: SeenKeysRepository },
) {
  const { consultationRounds: rounds, consultationEntries: entries } = ctx.models;

  return {
    /** Reserves the id of a new round (CR-2026-001), so the product's stage history can name it first. */
    async nextId(): Promise<string> {
      const year = localDate(ctx.clock.now(), ctx.timezone).slice(0, 4);
      return `CR-${year}-${String(await retryOnDuplicate(() => deps.counters.next(`CR-${year}`))).padStart(3, '0')}`;
    },

    async open(actor: Actor, id: string, round: NewRound): Promise<ConsultationRoundDoc> {
      if (!canManageProducts(actor)) throw forbidden('only the IISG Secretariat opens consultations.');
      const now = ctx.clock.now();
      const doc: ConsultationRoundDoc = {
        ...round,
        _id: id,
        pillar: ctx.pillar,
        openedBy: actor.personId,
        openedByName: actor.name,
        openedAt: now,
        status: 'open',
        createdAt: now,
        updatedAt: now,
      };
      await rounds.create(doc);
      await deps.audit.record(actor, {
        action: 'open',
        entity: 'consultation',
        entityId: id,
        changes: diff(null, { productId: round.productId, productVersion: round.productVersion, deadline: round.deadline, orgCodes: round.orgCodes }),
      });
      return doc;
    },

    async get(id: string): Promise<ConsultationRoundDoc | null> {
      if (typeof id !== 'string') return null;
      return rounds.findById(id.toUpperCase()).lean<ConsultationRoundDoc>();
    },

    /** Newest first. */
    async forProduct(productId: string): Promise<ConsultationRoundDoc[]> {
      return rounds.find({ productId }).sort({ openedAt: -1, _id: -1 }).lean<ConsultationRoundDoc[]>();
    },

    async openRounds(): Promise<ConsultationRoundDoc[]> {
      return rounds.find({ status: 'open' }).sort({ _id: 1 }).lean<ConsultationRoundDoc[]>();
    },

    /** What the periodic job looks at: open rounds, and rounds closed since `since` (digests still in flight). */
    async toProcess(since: Date): Promise<ConsultationRoundDoc[]> {
      return rounds
        .find({ $or: [{ status: 'open' }, { closedAt: { $gte: since } }] })
        .sort({ _id: 1 })
        .lean<ConsultationRoundDoc[]>();
    },

    async addAnswer(roundId: string, orgCode: string, person: { personId: string; name: string }, answer: ConsultationAnswer): Promise<ConsultationEntryDoc> {
      const doc: ConsultationEntryDoc = { _id: orderedId(roundId, ctx.newId()), roundId, orgCode, kind: 'answer', answer, personId: person.personId, personName: person.name, at: ctx.clock.now() };
      await entries.create(doc);
      return doc;
    },

    async addComment(roundId: string, orgCode: string, person: { personId: string; name: string }, section: string, text: string): Promise<ConsultationEntryDoc> {
      const doc: ConsultationEntryDoc = { _id: orderedId(roundId, ctx.newId()), roundId, orgCode, kind: 'comment', section, text, personId: person.personId, personName: person.name, at: ctx.clock.now() };
      await entries.create(doc);
      return doc;
    },

    /** Every entry of a round in the order it was written. */
    async entries(roundId: string): Promise<ConsultationEntryDoc[]> {
      return entries.find({ roundId }).sort({ at: 1, _id: 1 }).lean<ConsultationEntryDoc[]>();
    },

    /**
     * The Secretariat closes an open round before its deadline: answers stop now and the deadline
     * becomes today. `close` then records the silence as "no answer" (the job sends the digest).
     */
    async closeEarly(actor: Actor, round: ConsultationRoundDoc): Promise<ConsultationRoundDoc> {
      if (!canManageProducts(actor)) throw forbidden('only the IISG Secretariat closes consultations.');
      const now = ctx.clock.now();
      const deadline = localDate(now, ctx.timezone);
      // Every answer accepted until now counts (the tally takes answers before closesAt).
      const closesAt = new Date(now.getTime() + 1);
      const res = await rounds.updateOne({ _id: round._id, status: 'open' }, { $set: { closesAt, deadline, closedEarly: true, updatedAt: now } });
      if (res.modifiedCount !== 1) throw new AppError('CONFLICT', `Consultation ${round._id} is already closed.`);
      await deps.audit.record(actor, { action: 'close-early', entity: 'consultation', entityId: round._id, changes: [{ field: 'deadline', from: JSON.stringify(round.deadline), to: JSON.stringify(deadline) }] });
      return { ...round, closesAt, deadline, closedEarly: true, updatedAt: now };
    },

    /** A later deadline for an open round (and its reminder day); the job tells the silent organisations once. */
    async extend(actor: Actor, round: ConsultationRoundDoc, dates: { deadline: string; closesAt: Date; remindOn?: string }): Promise<ConsultationRoundDoc> {
      if (!canManageProducts(actor)) throw forbidden('only the IISG Secretariat extends consultations.');
      const now = ctx.clock.now();
      const extensions = [...(round.extensions ?? []), { from: round.deadline, to: dates.deadline, at: now, by: actor.personId, byName: actor.name }];
      const res = await rounds.updateOne(
        { _id: round._id, status: 'open', deadline: round.deadline },
        { $set: { deadline: dates.deadline, closesAt: dates.closesAt, extensions, updatedAt: now, ...(dates.remindOn ? { remindOn: dates.remindOn } : {}) }, ...(dates.remindOn ? {} : { $unset: { remindOn: 1 } }) },
      );
      if (res.modifiedCount !== 1) throw new AppError('CONFLICT', `Consultation ${round._id} changed meanwhile. Type *consult status ${round.productId}* and try again.`);
      await deps.audit.record(actor, { action: 'extend', entity: 'consultation', entityId: round._id, changes: [{ field: 'deadline', from: JSON.stringify(round.deadline), to: JSON.stringify(dates.deadline) }] });
      const { remindOn: _old, ...rest } = round;
      return { ...rest, ...dates, extensions, updatedAt: now };
    },

    /**
     * Closes the round: silence is written down as "no answer" for each organisation in `silent`,
     * then the round is marked closed. Safe to run twice or on two instances at once: each marker
     * has a fixed id, and the audit entry is written by whoever claims it first.
     */
    async close(actor: Actor, round: ConsultationRoundDoc, silent: string[]): Promise<void> {
      if (!canManageProducts(actor)) throw forbidden('only the IISG Secretariat closes consultations.');
      const now = ctx.clock.now();
      for (const orgCode of silent) {
        await entries
          .create({ _id: `${round._id}|${orgCode}|no-answer`, roundId: round._id, orgCode, kind: 'no-answer', personId: actor.personId, personName: actor.name, at: now })
          .catch((err: unknown) => {
            if (!isDuplicateKey(err)) throw err;
          });
      }
      await rounds.updateOne({ _id: round._id, status: 'open' }, { $set: { status: 'closed', closedAt: now, updatedAt: now } });
      if (await deps.seenKeys.claim(`audit|consultation-closed|${round._id}`, 30 * 24 * 3600_000)) {
        await deps.audit.record(actor, {
          action: 'close',
          entity: 'consultation',
          entityId: round._id,
          changes: [{ field: 'status', from: '"open"', to: '"closed"' }],
          note: silent.length ? `no answer from ${silent.join(', ')}` : 'every organisation answered',
        });
      }
    },
  };
}
export type ConsultationsRepository = ReturnType<typeof consultationsRepository>;
