import type { ConsultationRoundDoc } from '../db/models/consultation.model';
import type { PersonDoc } from '../db/models/person.model';
import { localDate, localParts, longDate } from '../domain/quarter';
import type { BotMessage, Button } from '../messages/bot-message';
import { salutation } from '../messages/salutation';
import { kindLabel } from './stages';
import { countsLine, OUTCOME_LABELS, type RoundTally } from './tally';

/**
 * The texts of a consultation: the request to each organisation, the reminder, the replies to a
 * click, the live status and the closing digest. Kosovo* and its footnote are added on the way out
 * (the notifier for proactive messages, the adapters for replies). Organisation names are never
 * set in *bold*: the asterisk of "Kosovo* MoI" would close the bold early on Slack and Teams.
 */
export const ANSWER_LABELS = { agree: 'Agree', 'agree-comments': 'Agree with comments', object: 'Object' } as const;
/** Keeps a chat message well under the platforms' limits; the export has everything. */
const MAX_DIGEST_CHARS = 6000;

export function answerButtons(roundId: string): Button[] {
  return [
    { label: ANSWER_LABELS.agree, action: 'consult.agree', value: roundId, style: 'primary' },
    { label: ANSWER_LABELS['agree-comments'], action: 'consult.agree-comments', value: roundId },
    { label: ANSWER_LABELS.object, action: 'consult.object', value: roundId, style: 'danger' },
    { label: 'Add a comment', action: 'consult.comment', value: roundId },
  ];
}

export function exportButtons(roundId: string): Button[] {
  return [
    { label: 'Download (Excel)', action: 'consult.export', value: `${roundId}|xlsx` },
    { label: 'Download (CSV)', action: 'consult.export', value: `${roundId}|csv` },
    { label: 'Download (Markdown)', action: 'consult.export', value: `${roundId}|md` },
  ];
}

/** The deadline day on the Secretariat's clock; when the reader's clock differs, the instant it ends on theirs. */
export function closesText(round: ConsultationRoundDoc, readerZone: string): string {
  const p = localParts(round.closesAt, readerZone);
  if (p.hour === 0 && p.minute === 0) return longDate(round.deadline);
  return `${longDate(localDate(round.closesAt, readerZone))}, ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')} your time`;
}

function productText(round: ConsultationRoundDoc): string {
  const doc = round.productLink ? ` <${round.productLink}|Open the document>` : '';
  return `*${round.productTitle}* (${kindLabel(round.productKind)}, version ${round.productVersion}).${doc}`;
}

export interface RequestContext {
  round: ConsultationRoundDoc;
  person: PersonDoc;
  orgName: string;
  timezone: string;
  deputyFor?: PersonDoc;
}

export function requestMessage(c: RequestContext, kind: 'ask' | 'remind' | 'extend'): BotMessage {
  const deadline = closesText(c.round, c.timezone);
  const lines =
    kind === 'ask'
      ? [
          `${salutation(c.person.name)}, the IISG Secretariat consults the Support Group members on ${productText(c.round)}`,
          `Please answer for ${c.orgName} by *${deadline}*: agree, agree with comments, or object. You can add comments on any section.`,
        ]
      : kind === 'extend'
        ? [
            `${salutation(c.person.name)}, the IISG Secretariat has given more time for the consultation on ${productText(c.round)}`,
            `${c.orgName} has not answered yet. The new deadline is *${deadline}*.`,
          ]
        : [
            `${salutation(c.person.name)}, a reminder: the consultation on ${productText(c.round)}`,
            `${c.orgName} has not answered yet. The consultation closes on *${deadline}*.`,
          ];
  if (c.deputyFor) lines.push(`You receive this as deputy of ${c.deputyFor.name}, who is away until ${longDate(c.deputyFor.awayUntil!)}.`);
  lines.push('One click is enough; you can change the answer until the deadline (the last answer counts). Silence is recorded as “no answer”, not as agreement.');
  return { text: lines.join('\n'), fields: [{ label: 'Consultation', value: c.round._id }], buttons: answerButtons(c.round._id) };
}

export function commentHowTo(round: ConsultationRoundDoc, timezone: string): string {
  return [
    `Which section, and your comment? Type *comment ${round._id} <section>: <your comment>*, with the section as numbered in the document (e.g. *2.1*) or *general* for the document as a whole. For example:`,
    `*comment ${round._id} 2.1: The risk analysis chapter should also cover the green border.*`,
    `One comment per message; you can send as many as you like until ${closesText(round, timezone)}.`,
  ].join('\n');
}

export function answerAck(round: ConsultationRoundDoc, orgName: string, answer: keyof typeof ANSWER_LABELS, previous: string | undefined, timezone: string): BotMessage {
  const changed = previous && previous !== answer ? ` (instead of “${ANSWER_LABELS[previous as keyof typeof ANSWER_LABELS]}”)` : '';
  const lines = [`Thank you. Recorded for ${orgName}: *${ANSWER_LABELS[answer]}*${changed} on *${round.productTitle}*.`];
  if (answer === 'agree-comments' || answer === 'object') lines.push(commentHowTo(round, timezone));
  else lines.push(`You can still add comments (*Add a comment*) or change the answer until ${closesText(round, timezone)}.`);
  return { text: lines.join('\n'), buttons: [{ label: 'Add a comment', action: 'consult.comment', value: round._id }] };
}

function orgList(t: RoundTally, outcome: keyof typeof OUTCOME_LABELS): string {
  const names = t.orgs.filter((o) => o.outcome === outcome).map((o) => o.orgName);
  return names.length ? names.join(', ') : '—';
}

/** The live tally for `consult status`. */
export function statusMessage(t: RoundTally, timezone: string): BotMessage {
  const r = t.round;
  const state = t.closed ? `closed on ${longDate(r.deadline)}` : `open until ${closesText(r, timezone)}${r.remindOn ? ` (reminder to silent organisations on ${longDate(r.remindOn)})` : ''}`;
  const last = t.closed ? 'no-answer' : 'pending';
  return {
    text: [
      `*Consultation ${r._id}* on *${r.productTitle}* (version ${r.productVersion}), ${state}.`,
      `*${countsLine(t)}* — ${t.orgs.length} organisations asked, ${t.commentCount} comment(s).`,
    ].join('\n'),
    fields: (['agree', 'agree-comments', 'object', last] as const).map((o) => ({ label: `${OUTCOME_LABELS[o]} (${t.counts[o]})`, value: orgList(t, o) })),
    buttons: exportButtons(r._id),
  };
}

/** The digest at the deadline: the tally, then every comment grouped by organisation. */
export function digestMessage(t: RoundTally, person: PersonDoc | undefined): BotMessage {
  const r = t.round;
  const hello = person ? `${salutation(person.name)}, the` : 'The';
  const head = [
    `${hello} consultation *${r._id}* on *${r.productTitle}* (version ${r.productVersion}) closed ${r.closedEarly ? 'early, ' : ''}on ${longDate(r.deadline)}.`,
    `*${countsLine(t)}*`,
    `*Object:* ${orgList(t, 'object')}`,
    `*No answer* (silence is not agreement): ${orgList(t, 'no-answer')}`,
  ];
  const body: string[] = [];
  let shown = 0;
  for (const o of t.orgs.filter((x) => x.comments.length)) {
    const block = [`${o.orgName} — ${OUTCOME_LABELS[o.outcome].toLowerCase()}:`, ...o.comments.map((c) => `• ${c.section}: ${c.text} (${c.personName})`)].join('\n');
    if (body.join('\n\n').length + block.length > MAX_DIGEST_CHARS) break;
    body.push(block);
    shown += o.comments.length;
  }
  const lines = [...head, '', t.commentCount ? '*Comments by organisation*' : 'No comments were made.', ...(body.length ? [body.join('\n\n')] : [])];
  if (shown < t.commentCount) lines.push(`_${t.commentCount - shown} more comment(s) are in the downloadable digest._`);
  return { text: lines.join('\n'), buttons: exportButtons(r._id) };
}
