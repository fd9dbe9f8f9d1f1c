import type { DraftDoc } from '../db/models/draft.model';
import type { Store } from '../db/store';
import type { Actor } from '../domain/actor';
import { classificationRefusal, findClassificationMarking } from '../domain/classification';
import { AppError } from '../errors';
import { applicableFields, type FieldErrors, type FormDef } from '../forms/form';
import { validateField, validateForm, withDefaults } from '../forms/form';
import { metaFor } from '../forms/field-choices';
import { parseAnswer, type ParseContext } from '../forms/parse-answer';
import { formsFor, getForm } from '../forms/registry';
import type { ChoiceOption } from '../messages/bot-message';
import type { Clock } from '../support/clock';
import { nextCursor, pruneTrail } from './draft-flow';
import { say, type FormValues, type Mode, type Reply } from './reply';
import { parseWholeForm } from './whole-form';
import type { Submitter, SubmitResult } from './submit-port';
import { editPickerMessage, formView, questionMessage, resumeMessage, reviewMessage } from './views';

export interface FormEngineDeps {
  store: Store;
  clock: Clock;
  timezone: string;
  submitter: Submitter;
}

/**
 * The conversational form: one question at a time, or the whole form at once. The draft is saved
 * after every answer, so a person can leave and come back days later, and a restart loses nothing.
 */
export function createFormEngine(deps: FormEngineDeps) {
  const { store } = deps;

  /** The roster's organisations as choices; the last list read is kept for checks that must not wait for the database. */
  let lastOrgs: { options: ChoiceOption[]; at: number } | undefined;
  async function orgOptions(): Promise<ChoiceOption[]> {
    const options = (await store.organisations.list()).map((o) => ({ value: o._id, label: o.shortName }));
    lastOrgs = { options, at: deps.clock.now().getTime() };
    return options;
  }

  /** Only forms naming organisations (attendees, action-item owners) need the roster's list: one read less per answer otherwise. */
  async function parseCtx(actor: Actor, form: FormDef): Promise<ParseContext> {
    const namesOrgs = Object.values(form.fields).some((f) => f.meta.kind === 'orgs' || f.meta.kind === 'action-items');
    return { now: deps.clock.now(), timeZone: actor.timezone ?? deps.timezone, organisations: namesOrgs ? await orgOptions() : [] };
  }

  function formOf(draft: DraftDoc): FormDef {
    const form = getForm(draft.formId);
    if (!form) throw new AppError('NOT_FOUND', 'That form no longer exists.');
    return form;
  }

  async function ask(actor: Actor, draft: DraftDoc, error?: string): Promise<Reply> {
    const form = formOf(draft);
    if (draft.cursor === 'review' || !draft.cursor || !form.fields[draft.cursor])
      return say(reviewMessage(form, draft, actor, actor.timezone ?? deps.timezone));
    return say(questionMessage(form, draft, draft.cursor, actor, await orgOptions(), error));
  }

  async function save(actor: Actor, draft: DraftDoc, patch: Partial<Pick<DraftDoc, 'answers' | 'cursor' | 'trail' | 'mode'>>): Promise<DraftDoc> {
    await store.drafts.save(actor, draft._id, patch);
    return { ...draft, ...patch };
  }

  function refusal(actor: Actor, form: FormDef): Reply {
    const allowed = formsFor(actor).filter((f) => ['update', 'need', 'response'].includes(f.id));
    const offer = allowed.length ? ` You can send: ${allowed.map((f) => f.title.toLowerCase()).join(', ')}.` : '';
    return say(`Sorry, ${form.title.toLowerCase()} submissions are not part of your organisation's role.${offer}`);
  }

  const engine = {
    orgOptions,

    /**
     * What a whole form can be checked against without the database (null when that needs the
     * roster's organisations and none were read in the last 10 minutes).
     */
    offlineParseContext(actor: Actor, form: FormDef): ParseContext | null {
      const namesOrgs = Object.values(form.fields).some((f) => f.meta.kind === 'orgs' || f.meta.kind === 'action-items');
      const fresh = lastOrgs && deps.clock.now().getTime() - lastOrgs.at < 10 * 60_000 ? lastOrgs.options : undefined;
      if (namesOrgs && !fresh) return null;
      return { now: deps.clock.now(), timeZone: actor.timezone ?? deps.timezone, organisations: namesOrgs ? fresh! : [] };
    },

    async start(actor: Actor, formId: string, mode: Mode, opts: { fresh?: boolean } = {}): Promise<Reply> {
      const form = getForm(formId);
      if (!form) return say(`I do not know the form "${formId}".`);
      if (!form.allowed(actor)) return refusal(actor, form);
      if (!opts.fresh) {
        const existing = (await store.drafts.openFor(actor)).find((d) => d.formId === formId && !d.recordId);
        if (existing) {
          const m = resumeMessage(form, existing);
          m.buttons!.push({ label: 'Start a new one', action: 'form.new', value: `${formId}|${mode}` });
          return say(m);
        }
      }
      const answers = form.defaults?.(actor) ?? {};
      const draft = await store.drafts.create(actor, { formId, mode, answers, cursor: null });
      const cursor = nextCursor(form, answers, [], actor);
      const ready = await save(actor, draft, { cursor });
      if (mode === 'form') return { messages: [], form: formView(form, ready, actor, await orgOptions()) };
      return { messages: [{ text: `*${form.title}.* ${form.intro} Type *cancel* to stop, *back* to go back, *help* for help. Your answers are saved as you go.` }, ...(await ask(actor, ready)).messages] };
    },

    /** Marks a draft as touched (a stale chat draft offered back: the next text is an answer again). */
    async touch(actor: Actor, draft: DraftDoc): Promise<void> {
      await store.drafts.save(actor, draft._id, {});
    },

    /** The person's draft being answered step by step in chat, if any (the most recent). */
    async activeChatDraft(actor: Actor): Promise<DraftDoc | undefined> {
      return (await store.drafts.openFor(actor, 'chat'))[0];
    },

    async resume(actor: Actor, draftId: string, mode: Mode): Promise<Reply> {
      const draft = await store.drafts.get(actor, draftId);
      if (!draft || draft.status !== 'open') return say('That draft is no longer open. Type *help* to start again.');
      if (draft.personId !== actor.personId) return say('That draft belongs to a colleague; ask them to continue it.');
      const form = formOf(draft);
      // Coming from a whole form, the answers given there count as visited: ask only what is left.
      const trail = draft.mode === 'form' && mode === 'chat' ? [...new Set([...draft.trail, ...Object.keys(draft.answers).filter((k) => form.fields[k])])] : draft.trail;
      const cursor = draft.mode === 'form' && mode === 'chat' ? nextCursor(form, draft.answers, trail, actor) : (draft.cursor ?? nextCursor(form, draft.answers, trail, actor));
      const ready = await save(actor, draft, { mode, cursor, trail });
      if (mode === 'form') return { messages: [], form: formView(form, ready, actor, await orgOptions()) };
      return ask(actor, ready);
    },

    async discard(actor: Actor, draftId: string): Promise<Reply> {
      const draft = await store.drafts.get(actor, draftId);
      if (!draft || !(await store.drafts.close(actor, draftId, 'discarded'))) return say('That draft was already closed.');
      return say(`Discarded ${formOf(draft).describe(draft.answers)}. Nothing was saved.`);
    },

    /** One answer (typed text, or a picked option's code[s]) to the question being asked. */
    async answer(actor: Actor, draft: DraftDoc, input: string | string[], field = draft.cursor ?? ''): Promise<Reply> {
      const form = formOf(draft);
      if (field === '__edit') return engine.editField(actor, draft, Array.isArray(input) ? input[0]! : input);
      const f = form.fields[field];
      if (!f) return ask(actor, draft);
      const marking = findClassificationMarking(input);
      if (marking) return { messages: [{ text: classificationRefusal(marking) }, ...(await ask(actor, draft)).messages] };
      const parsed = parseAnswer(metaFor(f.meta, { actor, answers: draft.answers, stored: draft.stored }), input, await parseCtx(actor, form));
      if (!parsed.ok) return ask(actor, { ...draft, cursor: field }, parsed.error);
      if (parsed.value === undefined && !f.meta.optional) return ask(actor, { ...draft, cursor: field }, `Please answer "${f.meta.label}".`);
      let value: unknown;
      if (parsed.value !== undefined) {
        const checked = validateField(form, field, parsed.value);
        if (!checked.ok) return ask(actor, { ...draft, cursor: field }, checked.error);
        value = checked.value;
      }
      const answers = { ...draft.answers, [field]: value };
      if (value === undefined) delete answers[field];
      const trail = pruneTrail(form, { answers, trail: draft.trail.includes(field) ? draft.trail : [...draft.trail, field] }, actor);
      const next = await save(actor, draft, { answers, trail, cursor: nextCursor(form, answers, trail, actor) });
      return ask(actor, next);
    },

    async skip(actor: Actor, draft: DraftDoc): Promise<Reply> {
      const form = formOf(draft);
      const f = draft.cursor ? form.fields[draft.cursor] : undefined;
      if (!f) return ask(actor, draft);
      if (!f.meta.optional) return ask(actor, draft, 'This question cannot be skipped.');
      return engine.answer(actor, draft, '');
    },

    async back(actor: Actor, draft: DraftDoc): Promise<Reply> {
      if (!draft.trail.length) return ask(actor, draft, 'This is the first question.');
      const trail = draft.trail.slice(0, -1);
      return ask(actor, await save(actor, draft, { trail, cursor: draft.trail[draft.trail.length - 1]! }));
    },

    async help(actor: Actor, draft: DraftDoc): Promise<Reply> {
      const form = formOf(draft);
      const meta = draft.cursor ? form.fields[draft.cursor]?.meta : undefined;
      const lines = [
        `You are filling in ${form.describe(draft.answers)}. Your answers are saved after each step.`,
        meta ? `This question: *${meta.label}*. ${meta.help ?? ''}` : undefined,
        'Type *back* for the previous question, *skip* for an optional one, *review* to see everything, *cancel* to discard.',
      ].filter(Boolean);
      return { messages: [{ text: lines.join('\n') }, ...(await ask(actor, draft)).messages] };
    },

    async review(actor: Actor, draft: DraftDoc): Promise<Reply> {
      return ask(actor, await save(actor, draft, { cursor: 'review' }));
    },

    async editPicker(actor: Actor, draft: DraftDoc): Promise<Reply> {
      const next = await save(actor, draft, { cursor: '__edit' });
      return say(editPickerMessage(formOf(next), next, actor));
    },

    async editField(actor: Actor, draft: DraftDoc, which: string): Promise<Reply> {
      const form = formOf(draft);
      const names = applicableFields(form, draft.answers, actor);
      const name = /^\d+$/.test(which.trim()) ? names[Number(which) - 1] : names.find((n) => n === which || form.fields[n]!.meta.label.toLowerCase() === which.trim().toLowerCase());
      if (!name) return say(editPickerMessage(form, draft, actor));
      const trail = draft.trail.includes(name) ? draft.trail : [...draft.trail, name];
      return ask(actor, await save(actor, draft, { cursor: name, trail }));
    },

    /** Submits exactly once: a double click or a redelivered event finds the draft already closed. */
    async submit(actor: Actor, draft: DraftDoc, mode: Mode): Promise<Reply & { result?: SubmitResult }> {
      const form = formOf(draft);
      const key = `submit|${draft._id}`;
      if (!(await store.seenKeys.claim(key))) {
        const prior = (await store.drafts.get(actor, draft._id))?.resultId ?? (await store.seenKeys.result(key))?.id;
        return say(prior ? `Already saved as *${String(prior)}*.` : 'This is already being saved.');
      }
      let result: SubmitResult;
      try {
        result = await deps.submitter.submit(actor, form, draft.answers, { recordId: draft.recordId, baseVersion: draft.baseVersion });
      } catch (err) {
        await store.seenKeys.release(key);
        throw err;
      }
      if (!result.ok) {
        await store.seenKeys.release(key);
        return { ...(await engine.showErrors(actor, draft, result.errors, mode)), result };
      }
      await store.seenKeys.setResult(key, { id: result.id });
      await store.drafts.close(actor, draft._id, 'submitted', result.id);
      return { ...say(confirmation(form, result)), result };
    },

    async showErrors(actor: Actor, draft: DraftDoc, errors: FieldErrors, mode: Mode): Promise<Reply> {
      const form = formOf(draft);
      if (mode === 'form') return { messages: [], form: formView(form, draft, actor, await orgOptions(), errors) };
      const first = Object.keys(errors).find((n) => form.fields[n]);
      if (!first) return say(reviewMessage(form, draft, actor, actor.timezone ?? deps.timezone, errors));
      return ask(actor, await save(actor, draft, { cursor: first }), errors[first]);
    },

    /**
     * Everything else wrong with a whole form, so one Submit shows every problem at once: missing
     * required fields and cross-field rules (zod), then what only the database knows (linked needs,
     * organisations), each on its field. Fields already wrong as typed keep their own message.
     */
    async otherProblems(actor: Actor, draft: DraftDoc, typed: FieldErrors): Promise<FieldErrors> {
      const form = formOf(draft);
      const answers = Object.fromEntries(Object.entries(draft.answers).filter(([k]) => !(k in typed)));
      const v = validateForm(form, withDefaults(form, actor, answers));
      const found: FieldErrors = v.ok ? await deps.submitter.crossCheck(actor, form, v.data) : v.errors;
      return Object.fromEntries(Object.entries(found).filter(([k]) => !(k in typed)));
    },

    /** The whole form at once (modal, card, console form): parse every field, keep what was typed. */
    async saveWholeForm(actor: Actor, draft: DraftDoc, raw: FormValues): Promise<{ draft: DraftDoc; errors: FieldErrors }> {
      const form = formOf(draft);
      const { answers, errors } = parseWholeForm(form, draft.answers, raw, await parseCtx(actor, form), (meta, answers) => metaFor(meta, { actor, answers, stored: draft.stored }));
      return { draft: await save(actor, draft, { answers, mode: 'form' }), errors };
    },

    async submitWholeForm(actor: Actor, draft: DraftDoc, raw: FormValues): Promise<Reply & { result?: SubmitResult }> {
      const saved = await engine.saveWholeForm(actor, draft, raw);
      const errors = { ...saved.errors, ...(await engine.otherProblems(actor, saved.draft, saved.errors)) };
      if (Object.keys(errors).length) {
        return { messages: [], form: formView(formOf(draft), saved.draft, actor, await orgOptions(), errors), formErrors: errors };
      }
      const res = await engine.submit(actor, saved.draft, 'form');
      return res.result && !res.result.ok ? { ...res, formErrors: res.result.errors } : res;
    },

    /** Edit a submitted record: a draft pre-filled with it, opened at the review step. */
    async editRecord(actor: Actor, recordId: string, mode: Mode): Promise<Reply> {
      const rec = await store.records.get(actor, recordId);
      if (!rec) return say(`I could not find ${recordId} among the records you can see.`);
      const form = getForm(rec.type)!;
      const draft = await store.drafts.create(actor, {
        formId: rec.type,
        mode,
        answers: rec.data,
        cursor: 'review',
        recordId: rec._id,
        baseVersion: rec.version,
        stored: rec.data,
      });
      const ready = await save(actor, draft, { trail: applicableFields(form, rec.data, actor) });
      if (mode === 'form') return { messages: [], form: formView(form, ready, actor, await orgOptions()) };
      return ask(actor, ready);
    },
  };
  return engine;
}
export type FormEngine = ReturnType<typeof createFormEngine>;

function confirmation(form: FormDef, r: Extract<SubmitResult, { ok: true }>): string {
  if (r.kind === 'nil-return') return `Thank you. I have recorded *nothing new* for ${r.quarter}. Your organisation has reported for this quarter.`;
  if (r.kind === 'unchanged') return `Nothing changed in *${r.id}*, so I kept version ${r.version}.`;
  if (r.kind === 'updated') return `Saved *${r.id}*, version ${r.version}. The change is recorded in the history.${r.notice ? `\n${r.notice}` : ''}`;
  // Only updates, needs and responses count as the organisation's quarterly report (not a meeting record).
  if (!['update', 'need', 'response'].includes(form.id)) return `Thank you. I have saved ${form.title.toLowerCase()} *${r.id}*.`;
  return `Thank you. I have saved ${form.title.toLowerCase()} *${r.id}*. Your organisation has reported for ${r.quarter}. Type *mine* to see your records.`;
}
