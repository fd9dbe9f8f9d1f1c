import type { ActionHandler } from '../conversation/action-registry';
import type { CommandSpec } from '../conversation/command-registry';
import { politely, say } from '../conversation/reply';
import type { Store } from '../db/store';
import type { Actor } from '../domain/actor';
import { classificationRefusal, findClassificationMarking } from '../domain/classification';
import { canWithdrawRecord } from '../domain/permissions';
import type { Clock } from '../support/clock';
import { auditMessage, parseAuditArgs, readAudit } from './audit-log';
import { createHistory, historyMessage } from './history';

/**
 * A record's life after it is saved: `withdraw` (entered by mistake; asks to confirm), `restore`
 * (Secretariat), `history` (everyone who may read it) and `audit` (Secretariat).
 */
const RECORD_ID = /^(DU|NM|RM)-\d{4}-[\w-]+$/i;

export function recordFeature(deps: { store: Store; clock: Clock; timezone: string }) {
  const { store } = deps;
  const history = createHistory(deps);
  const tz = (actor: Actor) => actor.timezone ?? deps.timezone;
  const title = (data: Record<string, unknown>) => (typeof data.title === 'string' ? ` “${data.title}”` : '');

  const commands: CommandSpec[] = [
    {
      name: 'withdraw',
      access: 'members',
      summary: 'withdraw a record entered by mistake, with the reason (it leaves every report)',
      usage: 'withdraw <record id> <reason>',
      run: async (actor, [id, ...reason]) => {
        if (!id) return say('Which record, and why? For example: *withdraw NM-2026-RS-014 entered twice by mistake*.');
        const rec = RECORD_ID.test(id) ? await store.records.get(actor, id.toUpperCase()) : null;
        if (!rec) return say(`I could not find ${id.slice(0, 40)} among the records you can see. Type *mine* to see yours.`);
        if (!canWithdrawRecord(actor, rec)) return say('Sorry, only the organisation that submitted this record, or the IISG Secretariat, can withdraw it.');
        if (rec.status === 'withdrawn') return say(`*${rec._id}* is already withdrawn.`);
        const why = reason.join(' ').trim();
        if (!why) return say(`Please give the reason, e.g. *withdraw ${rec._id} entered twice by mistake*.`);
        const marking = findClassificationMarking(why);
        if (marking) return say(classificationRefusal(marking));
        if (why.length > 500) return say('Please keep the reason under 500 characters.');
        return say({
          text: `Withdraw *${rec._id}*${title(rec.data)}? Reason: ${why}\nIt will leave every report and count. The IISG Secretariat can restore it.`,
          buttons: [
            { label: 'Withdraw it', action: 'record.withdraw', value: `${rec._id}|${rec.version}|${why}`, style: 'danger' },
            { label: 'Keep it', action: 'record.keep', value: rec._id },
          ],
        });
      },
    },
    {
      name: 'restore',
      access: 'secretariat',
      summary: 'put a withdrawn record back, e.g. restore NM-2026-RS-014',
      usage: 'restore <record id> [note]',
      run: (actor, [id, ...note]) =>
        politely(async () => {
          if (!id) return say('Which record? For example: *restore NM-2026-RS-014*.');
          const { record, changed } = await store.records.restore(actor, id.toUpperCase(), note.join(' '));
          if (!changed) return say(`*${record._id}* is not withdrawn, so there is nothing to restore.`);
          return say(`Restored *${record._id}*${title(record.data)}. It counts again for ${record.quarter}.`);
        }),
    },
    {
      name: 'history',
      summary: 'who changed a record, meeting or product, when, and what, e.g. history NM-2026-RS-014',
      usage: 'history <id>',
      run: (actor, [id]) =>
        politely(async () => {
          if (!id) return say('Which one? For example: *history NM-2026-RS-014*, *history MT-2027-001* or *history PR-009*.');
          return say(historyMessage(await history.of(actor, id), tz(actor)));
        }),
    },
    {
      name: 'audit',
      access: 'secretariat',
      summary: 'the audit log by record, by person or by dates, e.g. audit person ana@mup.gov.rs',
      usage: 'audit [<id>] [person <e-mail or name>] [<from date> [<to date>]]',
      run: (actor, args) =>
        politely(async () => {
          const filter = parseAuditArgs(args);
          if ('error' in filter) return say(filter.error);
          return say(auditMessage(await readAudit({ store, now: deps.clock.now(), timezone: tz(actor) }, actor, filter), tz(actor)));
        }),
    },
  ];

  /** value: `${recordId}|${version}|${reason}` from the confirmation. */
  const withdraw: ActionHandler = (actor, value) =>
    politely(async () => {
      const [id = '', version, ...reason] = value.split('|');
      const current = await store.records.get(actor, id);
      if (current && current.status !== 'withdrawn' && String(current.version) !== version)
        return say(`*${id}* changed since you asked. Please type *withdraw ${id} <reason>* again.`);
      const { record, changed, unreported } = await store.records.withdraw(actor, id, reason.join('|'));
      if (!changed) return say(`*${record._id}* is already withdrawn.`);
      const org = (await store.organisations.get(record.orgCode))?.shortName ?? record.orgCode;
      return say(
        [
          `Withdrawn: *${record._id}*${title(record.data)}. It no longer counts in any report.`,
          unreported ? `${org} has no other record for ${record.quarter}, so that quarter is no longer counted as reported.` : undefined,
          'The IISG Secretariat can restore it.',
        ]
          .filter(Boolean)
          .join('\n'),
      );
    });

  const actions: Record<string, ActionHandler> = {
    'record.withdraw': withdraw,
    'record.keep': async (_a, id) => say(`All right, *${id}* stays as it is.`),
  };
  return { commands, actions, history };
}
