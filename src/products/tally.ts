import type { ConsultationAnswer, ConsultationEntryDoc, ConsultationRoundDoc } from '../db/models/consultation.model';
import type { OrganisationDoc } from '../db/models/organisation.model';

/**
 * Where a round stands, from its entries alone: per invited organisation, its last answer given
 * before the round closed (the last one counts), its comments, and whether silence was recorded.
 * An answer that raced the closing job still counts if it was given in time.
 */
export type OrgOutcome = ConsultationAnswer | 'pending' | 'no-answer';

export interface OrgTally {
  orgCode: string;
  orgName: string;
  outcome: OrgOutcome;
  answeredBy?: string;
  answeredAt?: Date;
  /** Every answer in order, including the ones later changed. */
  answers: ConsultationEntryDoc[];
  comments: ConsultationEntryDoc[];
}

export interface RoundTally {
  round: ConsultationRoundDoc;
  closed: boolean;
  orgs: OrgTally[];
  counts: Record<OrgOutcome, number>;
  commentCount: number;
}

export const OUTCOME_LABELS: Record<OrgOutcome, string> = {
  agree: 'Agree',
  'agree-comments': 'Agree with comments',
  object: 'Object',
  pending: 'Not answered yet',
  'no-answer': 'No answer',
};

export function tallyRound(round: ConsultationRoundDoc, entries: ConsultationEntryDoc[], organisations: OrganisationDoc[], asOf: Date): RoundTally {
  const closed = round.status === 'closed' || asOf >= round.closesAt;
  const names = new Map(organisations.map((o) => [o._id, o.shortName]));
  const inTime = entries.filter((e) => e.kind === 'no-answer' || e.at < round.closesAt);
  const counts: Record<OrgOutcome, number> = { agree: 0, 'agree-comments': 0, object: 0, pending: 0, 'no-answer': 0 };
  const orgs = round.orgCodes.map((orgCode): OrgTally => {
    const mine = inTime.filter((e) => e.orgCode === orgCode);
    const answers = mine.filter((e) => e.kind === 'answer');
    const last = answers.at(-1);
    const outcome: OrgOutcome = last?.answer ?? (closed ? 'no-answer' : 'pending');
    counts[outcome]++;
    return {
      orgCode,
      orgName: names.get(orgCode) ?? orgCode,
      outcome,
      ...(last ? { answeredBy: last.personName, answeredAt: last.at } : {}),
      answers,
      comments: mine.filter((e) => e.kind === 'comment'),
    };
  });
  orgs.sort((a, b) => a.orgName.localeCompare(b.orgName));
  return { round, closed, orgs, counts, commentCount: orgs.reduce((n, o) => n + o.comments.length, 0) };
}

/** "Agree 10 · Agree with comments 3 · Object 1 · No answer 5" (zero counts left out, except answers). */
export function countsLine(t: RoundTally): string {
  const order: OrgOutcome[] = ['agree', 'agree-comments', 'object', t.closed ? 'no-answer' : 'pending'];
  return order.map((o) => `${OUTCOME_LABELS[o]} ${t.counts[o]}`).join(' · ');
}

/** Organisations that have not answered (yet): who the reminder goes to, and who is silent at the end. */
export function silentOrgs(t: RoundTally): string[] {
  return t.orgs.filter((o) => o.outcome === 'pending' || o.outcome === 'no-answer').map((o) => o.orgCode);
}
