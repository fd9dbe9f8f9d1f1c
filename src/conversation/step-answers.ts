import type { DraftDoc } from '../db/models/draft.model';
import type { Actor } from '../domain/actor';
import { classificationRefusal, findClassificationMarking } from '../domain/classification';
import { validateField, withDefaults, type FormDef } from '../forms/form';
import { formatAnswer } from '../forms/format-answer';
import { metaFor } from '../forms/field-choices';
import { parseAnswer } from '../forms/parse-answer';
import type { BotMessage } from '../messages/bot-message';
import { nextCursor, pruneTrail } from './draft-flow';
import type { EngineHelpers, FormEngineDeps } from './engine-helpers';
import { namesNeedIds, needIdOptions, needLine, needLinkOptions, searchNeeds, visibleNeeds } from './need-choices';
import { say, type Reply } from './reply';
import { shortLabel } from './views';

/** Search results shown at once in the chat; more means the person should narrow the search. */
const SHOWN = 10;

interface Outcome {
  reply: Reply;
  /** Set when the answer was taken (and saved). */
  accepted?: { value: unknown };
}

/**
 * One answer of the step-by-step conversation, typed or clicked. Every check that can run when the
 * answer is given runs then: the classification refusal, the field's own rule, the form's
 * cross-field rules with the answers so far, and what only the database knows (linked needs and
 * organisations exist). A click on a question that is no longer asked never changes its answer
 * without asking first.
 */
export function stepAnswers(h: EngineHelpers, deps: FormEngineDeps) {
  /** Cross-field rules (end date after start date) and look-ups (need ids exist), for this field only. */
  async function contextProblem(actor: Actor, form: FormDef, draft: DraftDoc, field: string, value: unknown): Promise<string | undefined> {
    if (form.rules) {
      const before = form.rules(withDefaults(form, actor, draft.answers));
      const after = form.rules(withDefaults(form, actor, { ...draft.answers, [field]: value }));
      if (after[field]) return after[field];
      // A changed answer can break a rule on another answer already given (a start date moved past the end date).
      const broken = Object.entries(after).find(([k, m]) => k !== field && draft.answers[k] !== undefined && before[k] !== m);
      if (broken) return broken[1];
    }
    return (await deps.submitter.crossCheck(actor, form, { [field]: value }))[field];
  }

  /** Text that names no need id, at a need question: a search among the needs this person may see. */
  async function needSearch(actor: Actor, draft: DraftDoc, field: string, text: string): Promise<Reply> {
    const meta = h.formOf(draft).fields[field]!.meta;
    const found = searchNeeds(await visibleNeeds(deps.store, actor), text);
    const at = { ...draft, cursor: field };
    if (!found.length) return h.ask(actor, at, `No need you can see matches "${text.slice(0, 60)}". Try a country (e.g. Serbia), a theme or other words.`);
    const shown = found.slice(0, SHOWN);
    const count = found.length > SHOWN ? `${found.length} needs match "${text.slice(0, 60)}"; here are the first ${SHOWN} (add words to narrow it down)` : `${found.length === 1 ? 'One need matches' : `${found.length} needs match`} "${text.slice(0, 60)}"`;
    const how = meta.kind === 'need-links' ? 'Pick them below with how fully it covers each, or type their ids with the coverage (e.g. NM-2026-RS-014 full).' : 'Pick them below, or type their ids.';
    const options = meta.kind === 'need-links' ? needLinkOptions(shown) : needIdOptions(shown);
    const question = await h.ask(actor, at, undefined, { found: options });
    return { messages: [{ text: [`${count}:`, ...shown.map((r) => `• ${needLine(r)}`), how].join('\n') }, ...question.messages] };
  }

  async function apply(actor: Actor, draft: DraftDoc, input: string | string[], field: string): Promise<Outcome> {
    const form = h.formOf(draft);
    const f = form.fields[field];
    if (!f) return { reply: await h.ask(actor, draft) };
    const at = { ...draft, cursor: field };
    const marking = findClassificationMarking(input);
    if (marking) return { reply: { messages: [{ text: classificationRefusal(marking) }, ...(await h.ask(actor, at)).messages] } };
    const parsed = parseAnswer(metaFor(f.meta, { actor, answers: draft.answers, stored: draft.stored }), input, await h.parseCtx(actor, form));
    const text = Array.isArray(input) ? '' : input.trim();
    const skipped = parsed.ok && parsed.value === undefined;
    if ((f.meta.kind === 'need-links' || f.meta.kind === 'need-ids') && text && !skipped && !namesNeedIds(text)) return { reply: await needSearch(actor, draft, field, text) };
    if (!parsed.ok) return { reply: await h.ask(actor, at, parsed.error, parsed.suggestion ? { suggestion: parsed.suggestion } : {}) };
    if (parsed.value === undefined && !f.meta.optional) return { reply: await h.ask(actor, at, `Please answer "${f.meta.label}".`) };
    let value: unknown;
    if (parsed.value !== undefined) {
      const checked = validateField(form, field, parsed.value);
      if (!checked.ok) return { reply: await h.ask(actor, at, checked.error) };
      const problem = await contextProblem(actor, form, draft, field, checked.value);
      if (problem) return { reply: await h.ask(actor, at, problem) };
      value = checked.value;
    }
    const answers = { ...draft.answers, [field]: value };
    if (value === undefined) delete answers[field];
    const trail = pruneTrail(form, { answers, trail: draft.trail.includes(field) ? draft.trail : [...draft.trail, field] }, actor);
    const next = await h.save(actor, draft, { answers, trail, cursor: nextCursor(form, answers, trail, actor) });
    return { reply: await h.ask(actor, next), accepted: { value } };
  }

  const shown = async (actor: Actor, draft: DraftDoc, field: string, value: unknown) => {
    const meta = h.formOf(draft).fields[field]!.meta;
    return value === undefined ? 'skipped' : formatAnswer(meta, value, h.tz(actor), (await h.lookups(actor, h.formOf(draft), { needs: false })).organisations);
  };

  /** The clicked question, answered: "✓ Type of need: Operational". */
  async function answeredNote(actor: Actor, draft: DraftDoc, field: string, value: unknown, prefix = ''): Promise<BotMessage> {
    return { text: `✓ ${prefix}*${shortLabel(h.formOf(draft).fields[field]!.meta)}*: ${await shown(actor, draft, field, value)}` };
  }

  const steps = {
    /** A typed answer to the question being asked. */
    async answer(actor: Actor, draft: DraftDoc, input: string | string[], field = draft.cursor ?? ''): Promise<Reply> {
      return (await apply(actor, draft, input, field)).reply;
    },

    /**
     * A clicked answer (a button, a select, a date picker) to `field`. The current question: taken,
     * and the question is replaced by its answer. An earlier one: the person is asked first.
     */
    async click(actor: Actor, draft: DraftDoc, field: string, value: string): Promise<Reply> {
      if (field === draft.cursor) {
        const out = await apply(actor, draft, value, field);
        return out.accepted ? { ...out.reply, answered: await answeredNote(actor, draft, field, out.accepted.value) } : out.reply;
      }
      const f = h.formOf(draft).fields[field];
      if (!f || !(field in draft.answers)) return { messages: [{ text: 'That button belongs to a question I am not asking now.' }, ...(await h.ask(actor, draft)).messages] };
      const form = h.formOf(draft);
      const parsed = parseAnswer(metaFor(f.meta, { actor, answers: draft.answers, stored: draft.stored }), value, await h.parseCtx(actor, form));
      const now = await shown(actor, draft, field, draft.answers[field]);
      const then = parsed.ok ? await shown(actor, draft, field, parsed.value) : value;
      const label = shortLabel(f.meta);
      if (now === then) return { messages: [{ text: `*${label}* is already *${now}*.` }, ...(await h.ask(actor, draft)).messages] };
      return say({
        text: `You already answered *${label}*: *${now}*. Change it to *${then}*?`,
        buttons: [
          { label: 'Change it', action: 'form.change', value: `${draft._id}|${field}|${value}`, style: 'primary' },
          { label: 'Keep my answer', action: 'form.keep', value: draft._id },
        ],
      });
    },

    /** "Change it" after a click on an earlier question: the answer changes, and the person is told. */
    async change(actor: Actor, draft: DraftDoc, field: string, value: string): Promise<Reply> {
      const out = await apply(actor, draft, value, field);
      if (!out.accepted) return out.reply;
      const note = await answeredNote(actor, draft, field, out.accepted.value, 'Changed ');
      return { ...out.reply, answered: note };
    },

    /** The clicked answer note, for other clicks that settle a question (Skip). */
    answeredNote,
  };
  return steps;
}
