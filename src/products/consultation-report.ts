import { longDate } from '../domain/quarter';
import type { Report, Row } from '../render/report-model';
import { kindLabel } from './stages';
import { countsLine, OUTCOME_LABELS, type RoundTally } from './tally';

/**
 * The consultation digest as a Report, so it exports like every other report (xlsx, csv, md, json)
 * through renderReport. Two tables: one row per organisation, and every comment grouped by
 * organisation (sorted by organisation name, then in the order they were made).
 */
export function consultationReport(t: RoundTally, generatedAt: Date, timeZone: string): Report {
  const r = t.round;
  const when = (d?: Date) => (d ? d.toLocaleString('en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'short' }) : null);
  const answers: Row[] = t.orgs.map((o) => ({
    organisation: o.orgName,
    answer: OUTCOME_LABELS[o.outcome],
    answeredBy: o.answeredBy ?? null,
    answeredAt: when(o.answeredAt),
    changes: Math.max(0, o.answers.length - 1),
    comments: o.comments.length,
  }));
  const comments: Row[] = t.orgs.flatMap((o) =>
    o.comments.map((c) => ({ organisation: o.orgName, answer: OUTCOME_LABELS[o.outcome], section: c.section ?? 'general', comment: c.text ?? '', by: c.personName, at: when(c.at) })),
  );
  return {
    id: 'consultation',
    title: `Consultation ${r._id}: ${r.productTitle}`,
    subtitle: `${kindLabel(r.productKind)}, version ${r.productVersion}; opened ${longDate(r.openedAt.toISOString().slice(0, 10))} by ${r.openedByName}; deadline ${longDate(r.deadline)}${t.closed ? ' (closed)' : ' (still open)'}`,
    generatedAt,
    summary: [countsLine(t), `${t.orgs.length} member organisations asked; ${t.commentCount} comment(s).`],
    tables: [
      {
        name: 'Answers',
        title: 'Answers by organisation',
        columns: [
          { key: 'organisation', label: 'Organisation', width: 32 },
          { key: 'answer', label: 'Answer', width: 22 },
          { key: 'answeredBy', label: 'Answered by', width: 24 },
          { key: 'answeredAt', label: 'Answered at', width: 20 },
          { key: 'changes', label: 'Answer changed', type: 'number' },
          { key: 'comments', label: 'Comments', type: 'number' },
        ],
        rows: answers,
      },
      {
        name: 'Comments',
        title: 'Comments by organisation',
        columns: [
          { key: 'organisation', label: 'Organisation', width: 32 },
          { key: 'answer', label: 'Answer', width: 22 },
          { key: 'section', label: 'Section', width: 10 },
          { key: 'comment', label: 'Comment', width: 80 },
          { key: 'by', label: 'By', width: 24 },
          { key: 'at', label: 'At', width: 20 },
        ],
        rows: comments,
      },
    ],
    notes: ['Silence by the deadline is recorded as “No answer”, not as agreement.', 'An organisation’s last answer before the deadline counts; earlier answers are kept in the history.'],
  };
}
