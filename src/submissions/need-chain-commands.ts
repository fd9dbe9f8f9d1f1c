import type { ActionHandler } from '../conversation/action-registry';
import type { CommandSpec } from '../conversation/command-registry';
import { politely, say, type Reply } from '../conversation/reply';
import type { RecordDoc } from '../db/models/record.model';
import type { Store } from '../db/store';
import type { Actor } from '../domain/actor';
import { findClassificationMarking } from '../domain/classification';
import { BOARD_DECISIONS, NEED_CHAIN, nextSteps, statusInText, statusLabel, type NeedStatus } from '../domain/need-chain';
import { canEditRecord } from '../domain/permissions';
import type { BotMessage, Button } from '../messages/bot-message';
import { when } from './history';

/**
 * The decision chain of needs in chat: `chain <need id>` shows where a need stands, its steps so
 * far and buttons for the next steps this person may take; `decide <need id> <reference>` records
 * the Board's decision (a Board member, or the Secretariat on the Board's behalf) with buttons for
 * adopted, returned for revision or rejected. The rules are src/domain/need-chain.ts, enforced by
 * the records repository whatever the surface.
 */
const DECISION_WORDS: Record<string, NeedStatus> = { adopted: 'adopted', adopt: 'adopted', returned: 'returned', return: 'returned', rejected: 'rejected', reject: 'rejected' };
const STEP_WORDS: Record<string, NeedStatus> = { validate: 'validated', validated: 'validated', discussed: 'agreed', agreed: 'agreed', board: 'to-board', 'to-board': 'to-board', propose: 'proposed', proposed: 'proposed', close: 'closed', closed: 'closed' };
const ID = /^NM-\d{4}-[A-Z]{2,8}-\d+$/i;

export function needChainFeature(deps: { store: Store; timezone: string }) {
  const { store } = deps;
  const tz = (actor: Actor) => actor.timezone ?? deps.timezone;

  async function need(actor: Actor, raw: string): Promise<RecordDoc | string> {
    const id = raw.trim().toUpperCase();
    if (!ID.test(id)) return `"${raw.slice(0, 40)}" is not a need id. Need ids look like NM-2026-RS-014; type *mine* to see yours.`;
    const rec = await store.records.get(actor, id);
    if (!rec || rec.type !== 'need' || rec.status === 'withdrawn') return `I could not find need ${id} among the needs you can see.`;
    return rec;
  }

  /** Where a need stands, its steps so far, and the buttons of the next steps this person may take. */
  async function chainMessage(actor: Actor, rec: RecordDoc): Promise<BotMessage> {
    const status = String(rec.data.status ?? 'proposed');
    const versions = await store.records.versions(actor, rec._id);
    const steps = versions.filter((v, i) => i === 0 || v.data.status !== versions[i - 1]!.data.status);
    const lines = steps.map((v) => `• ${when(v.changedAt, tz(actor))} · ${statusLabel(v.data.status)} · ${v.changedByName ?? 'recorded'}${v.reference ? ` · decision ${v.reference}` : ''}${v.note ? ` — ${v.note}` : ''}`);
    const org = (await store.organisations.get(rec.orgCode))?.shortName ?? rec.orgCode;
    const mine = nextSteps(actor, status).filter((s) => !s.decision && (s.by.includes('partner') && actor.role === 'member' ? canEditRecord(actor, rec) : true));
    const decides = nextSteps(actor, status).some((s) => s.decision);
    const text = [
      `*${rec._id}* ${String(rec.data.title ?? '')} (${org})`,
      `Now: *${statusLabel(status)}*.`,
      '*The decision chain so far:*',
      ...lines,
      decides ? `To record the Board's decision, type *decide ${rec._id} <decision reference>*, then pick the decision.` : undefined,
      !mine.length && !decides ? nothingNext(status) : undefined,
    ].filter(Boolean);
    const buttons: Button[] = mine.map((s) => ({ label: s.action, action: 'chain.step', value: `${rec._id}|${s.to}|${rec.version}`, ...(s.to === 'closed' ? {} : { style: 'primary' as const }) }));
    return { text: text.join('\n'), ...(buttons.length ? { buttons } : {}) };
  }

  function nothingNext(status: string): string {
    if (status === 'rejected' || status === 'closed') return 'This is final.';
    const next = NEED_CHAIN.filter((s) => s.from.includes(status as NeedStatus));
    return `Next: ${next.map((s) => statusInText(s.to)).join(' or ')} — recorded by ${next.some((s) => s.decision) ? 'a Board member or the IISG Secretariat' : 'the IISG Secretariat'}.`;
  }

  async function move(actor: Actor, id: string, to: NeedStatus, opts: { reference?: string; expectVersion?: number }): Promise<Reply> {
    if (opts.reference && findClassificationMarking(opts.reference)) return say('That reference carries a classification marking, so I did not record it.');
    return politely(async () => {
      const moved = await store.records.moveNeed(actor, id, to, opts);
      const ref = opts.reference ? ` (decision ${opts.reference})` : '';
      return say({ text: `Recorded: *${id}* is now ${moved.done}${ref}.` }, await chainMessage(actor, moved.record));
    });
  }

  const commands: CommandSpec[] = [
    {
      name: 'chain',
      summary: "where a need stands in the decision chain, and its next steps, e.g. chain NM-2026-RS-014",
      usage: 'chain <need id>',
      run: async (actor, [id, word]) => {
        if (!id) return say('Which need? For example: *chain NM-2026-RS-014*. Type *mine* to see your records.');
        const rec = await need(actor, id);
        if (typeof rec === 'string') return say(rec);
        const to = word ? STEP_WORDS[word.toLowerCase()] : undefined;
        if (word && !to) return say(`"${word.slice(0, 30)}" is not a step I know. Type *chain ${rec._id}* to see the steps you can take.`);
        if (to) return move(actor, rec._id, to, {});
        return say(await chainMessage(actor, rec));
      },
    },
    {
      name: 'decide',
      access: 'secretariat-or-board',
      summary: "record the IISG Board's decision on a need, with its reference",
      usage: 'decide <need id> <decision reference>',
      run: async (actor, args) => {
        const [id, ...rest] = args;
        if (!id || !rest.length) return say('Please give the need and the Board decision’s reference, e.g. *decide NM-2026-RS-014 IISG Board 2027/03*.');
        const rec = await need(actor, id);
        if (typeof rec === 'string') return say(rec);
        const decision = DECISION_WORDS[rest[0]!.toLowerCase()];
        const reference = (decision ? rest.slice(1) : rest).join(' ').trim();
        if (!reference) return say(`Please add the reference of the Board decision, e.g. *decide ${rec._id} ${rest[0]} IISG Board 2027/03*.`);
        if (decision) return move(actor, rec._id, decision, { reference, expectVersion: rec.version });
        if (rec.data.status !== 'to-board') return say(`*${rec._id}* is ${statusInText(rec.data.status)}: the Board decides only on a need proposed to it. Type *chain ${rec._id}* to see where it stands.`);
        if (findClassificationMarking(reference)) return say('That reference carries a classification marking, so I did not record it.');
        return say({
          text: `What did the IISG Board decide on *${rec._id}* “${String(rec.data.title ?? '')}” (decision ${reference})?`,
          buttons: [
            ...BOARD_DECISIONS.map((to) => ({ label: NEED_CHAIN.find((s) => s.to === to)!.action, action: 'chain.decide', value: `${rec._id}|${to}|${rec.version}|${reference}`, ...(to === 'adopted' ? { style: 'primary' as const } : {}) })),
            { label: 'Cancel', action: 'chain.cancel', value: rec._id },
          ],
        });
      },
    },
  ];

  /** value: `${needId}|${to}|${version}` (steps) or `…|${reference}` (decisions). */
  const step: ActionHandler = async (actor, value) => {
    const [id = '', to = '', version, ...ref] = value.split('|');
    return move(actor, id, to as NeedStatus, { expectVersion: Number(version), ...(ref.length ? { reference: ref.join('|') } : {}) });
  };
  const actions: Record<string, ActionHandler> = {
    'chain.step': step,
    'chain.decide': step,
    'chain.cancel': async (_a, id) => say(`All right, nothing recorded for ${id}.`),
  };
  return { commands, actions };
}
