import type { DraftDoc } from '../db/models/draft.model';
import type { Actor } from '../domain/actor';
import { refusedField } from '../errors';
import { applicableFields, type FieldErrors, type FormDef } from '../forms/form';
import { formsFor, getForm } from '../forms/registry';
import type { BotMessage } from '../messages/bot-message';
import { nextCursor } from './draft-flow';
import { engineHelpers, type FormEngineDeps } from './engine-helpers';
import { say, type FormValues, type Mode, type Reply } from './reply';
import { stepAnswers } from './step-answers';
import type { SubmitResult } from './submit-port';
import { addFormButton } from './help';
import { editPickerMessage, formView, resumeMessage, reviewMessage } from './views';
import { wholeForm } from './whole-form';

export type { FormEngineDeps } from './engine-helpers';

/** How a closed draft is described: an edit leaves its record as it was; a new one records nothing. */
function closedNote(form: FormDef, draft: DraftDoc): string {
  if (draft.recordId) return `I stopped editing *${draft.recordId}*. The record is unchanged.`;
  return `I discarded ${form.describe(draft.answers)}. Nothing was recorded.`;
}

/**
 * The conversational form: one question at a time, or the whole form at once. The draft is saved
 * after every answer, so a person can leave and come back days later, and a restart loses nothing.
 */
export function createFormEngine(deps: FormEngineDeps) {
  const { store } = deps;
  const h = engineHelpers(deps);
  const { formOf, ask, save } = h;
  const steps = stepAnswers(h, deps);
  const whole = wholeForm(h, deps);
  const formFor = async (actor: Actor, form: FormDef, draft: DraftDoc, errors?: FieldErrors) => formView(form, draft, actor, await h.lookups(actor, form), errors);

  /** A form this person's organisation does not send: say so, and offer the ones it does. */
  function refusal(actor: Actor, form: FormDef): Reply {
    const allowed = formsFor(actor).filter((f) => ['update', 'need', 'response'].includes(f.id));
    if (form.id === 'meeting') return say('Sorry, only the IISG Secretariat records meetings. Type *meeting list* to see them.');
    const what = form.id === 'need' ? 'needs' : form.id === 'response' ? 'responses (assistance)' : `${form.title.toLowerCase()}s`;
    return say({ text: `Sorry, sending ${what} is not part of your organisation's role.${allowed.length ? ' You can send these:' : ''}`, buttons: allowed.map((f) => addFormButton(f.id)) });
  }

  const engine = {
    orgOptions: h.orgOptions,
    ...steps,
    otherProblems: whole.otherProblems,
    saveWholeForm: whole.saveWholeForm,
    offlineParseContext: h.offlineParseContext,

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
      if (mode === 'form') return { messages: [], form: await formFor(actor, form, ready) };
      const intro = `*${form.title}.* ${form.intro} Your answers are saved as you go. Type *help* at any question to see your options.`;
      return { messages: [{ text: intro }, ...(await ask(actor, ready)).messages] };
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
      // Coming from a whole form (or a pause), the answers given there count as visited: ask only what is left.
      const trail = draft.mode === 'form' && mode === 'chat' ? [...new Set([...draft.trail, ...Object.keys(draft.answers).filter((k) => form.fields[k])])] : draft.trail;
      const cursor = draft.mode === 'form' && mode === 'chat' ? nextCursor(form, draft.answers, trail, actor) : (draft.cursor ?? nextCursor(form, draft.answers, trail, actor));
      const ready = await save(actor, draft, { mode, cursor, trail });
      if (mode === 'form') return { messages: [], form: await formFor(actor, form, ready) };
      return ask(actor, ready);
    },

    /** Cancel or Discard clicked: nothing is lost on one click; the person confirms first. */
    async confirmDiscard(actor: Actor, draftId: string): Promise<Reply> {
      const draft = await store.drafts.get(actor, draftId);
      if (!draft || draft.status !== 'open' || draft.personId !== actor.personId) return say('That form is no longer open. Type *help* to start again.');
      const form = formOf(draft);
      const question = draft.recordId
        ? `Stop editing *${draft.recordId}*? Your changes will be lost; the record stays as it is.`
        : `Discard ${form.describe(draft.answers)}? Your answers will be lost.`;
      return say({
        text: question,
        buttons: [
          { label: draft.recordId ? 'Yes, stop editing' : 'Yes, discard', action: 'form.discard', value: draft._id, style: 'danger' },
          { label: 'No, keep it', action: 'form.keep', value: draft._id },
        ],
      });
    },

    async discard(actor: Actor, draftId: string): Promise<Reply> {
      const draft = await store.drafts.get(actor, draftId);
      if (!draft || !(await store.drafts.close(actor, draftId, 'discarded'))) return say('That draft was already closed.');
      return say(closedNote(formOf(draft), draft));
    },

    /** A command typed in the middle of a form: the draft is kept and no longer takes typed text as answers. */
    async pause(actor: Actor, draft: DraftDoc): Promise<BotMessage> {
      await save(actor, draft, { mode: 'form' });
      const form = formOf(draft);
      return {
        text: `I paused ${form.describe(draft.answers)}; your answers are kept.`,
        // Continued step by step, as it was being answered.
        buttons: [{ label: `Continue the ${form.title.toLowerCase()}`, action: 'form.to-chat', value: draft._id }],
      };
    },

    /** The question being asked (or the review), again. */
    current: (actor: Actor, draft: DraftDoc): Promise<Reply> => ask(actor, draft),

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

    /** `help` inside a form: what this question wants, and every way out. */
    async help(actor: Actor, draft: DraftDoc): Promise<Reply> {
      const form = formOf(draft);
      const meta = draft.cursor ? form.fields[draft.cursor]?.meta : undefined;
      const lines = [
        `You are filling in ${form.describe(draft.answers)}. Your answers are saved after each step.`,
        meta ? `This question asks for *${meta.label}*${meta.optional ? ' (optional)' : ''}. ${meta.help ?? ''}`.trim() : 'You are at the review: check the answers, then submit.',
        'Your options:',
        '• *back*: the previous question',
        ...(meta?.optional ? ['• *skip*: leave this one empty'] : []),
        '• *review*: see all your answers',
        '• *pause*: stop for now; continue later from *mine*',
        '• *cancel*: discard the form',
        'Typing a command such as *mine* pauses the form first.',
      ];
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
      const t = which.trim().toLowerCase();
      const name = /^\d+$/.test(t) ? names[Number(t) - 1] : names.find((n) => n.toLowerCase() === t || [form.fields[n]!.meta.label, form.fields[n]!.meta.short ?? ''].some((l) => l.toLowerCase() === t));
      if (!name) return say(editPickerMessage(form, draft, actor));
      const trail = draft.trail.includes(name) ? draft.trail : [...draft.trail, name];
      return ask(actor, await save(actor, draft, { cursor: name, trail }));
    },

    /**
     * Submits exactly once: a double click or a redelivered event finds the draft already closed. A
     * value the core refuses (a need status this person may not set) comes back on its field.
     */
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
        const field = refusedField(err);
        if (!field || !form.fields[field]) throw err;
        result = { ok: false, errors: { [field]: (err as Error & { userMessage: string }).userMessage } };
      }
      if (!result.ok) {
        await store.seenKeys.release(key);
        return { ...(await engine.showErrors(actor, draft, result.errors, mode)), result };
      }
      await store.seenKeys.setResult(key, { id: result.id });
      await store.drafts.close(actor, draft._id, 'submitted', result.id);
      // In the chat the review clicked is answered; a whole form is replaced by the confirmation itself.
      return { ...say(confirmation(form, result)), result, ...(mode === 'chat' ? { answered: { text: `✓ Submitted: *${result.id}*` } } : {}) };
    },

    async showErrors(actor: Actor, draft: DraftDoc, errors: FieldErrors, mode: Mode): Promise<Reply> {
      const form = formOf(draft);
      if (mode === 'form') return { messages: [], form: await formFor(actor, form, draft, errors) };
      const first = Object.keys(errors).find((n) => form.fields[n] && applicableFields(form, draft.answers, actor).includes(n));
      if (!first) return say(reviewMessage(form, draft, actor, h.tz(actor), await h.lookups(actor, form, { needs: false }), errors));
      return ask(actor, await save(actor, draft, { cursor: first }), errors[first]);
    },

    async submitWholeForm(actor: Actor, draft: DraftDoc, raw: FormValues): Promise<Reply & { result?: SubmitResult }> {
      const saved = await whole.saveWholeForm(actor, draft, raw);
      const errors = { ...saved.errors, ...(await whole.otherProblems(actor, saved.draft, saved.errors)) };
      if (Object.keys(errors).length) return whole.formReply(actor, saved.shown, errors, saved.changed);
      const res = await engine.submit(actor, saved.draft, 'form');
      return res.result && !res.result.ok ? { ...res, formErrors: res.result.errors } : res;
    },

    /** Edit a submitted record: a draft pre-filled with it, opened at the review step. */
    async editRecord(actor: Actor, recordId: string, mode: Mode): Promise<Reply> {
      const rec = await store.records.get(actor, recordId);
      if (!rec) return say(`I could not find ${recordId} among the records you can see.`);
      const form = getForm(rec.type)!;
      // `stored`: which choices the person may make depends on where the record stands (the decision chain).
      const draft = await store.drafts.create(actor, { formId: rec.type, mode, answers: rec.data, cursor: 'review', recordId: rec._id, baseVersion: rec.version, stored: rec.data });
      const ready = await save(actor, draft, { trail: applicableFields(form, rec.data, actor) });
      if (mode === 'form') return { messages: [], form: await formFor(actor, form, ready) };
      return ask(actor, ready);
    },
  };
  return engine;
}
export type FormEngine = ReturnType<typeof createFormEngine>;

function confirmation(form: FormDef, r: Extract<SubmitResult, { ok: true }>): string {
  if (r.kind === 'nil-return') return `Thank you. I have recorded *nothing new* for ${r.quarter}. Your organisation has reported for this quarter.`;
  if (r.kind === 'unchanged') return `Nothing changed in *${r.id}*, so it stays at version ${r.version}.`;
  if (r.kind === 'updated') return `Saved *${r.id}*, version ${r.version}. The change is recorded in the history.${r.notice ? `\n${r.notice}` : ''}`;
  // Only updates, needs and responses count as the organisation's quarterly report (not a meeting record).
  if (!['update', 'need', 'response'].includes(form.id)) return `Thank you. I have saved ${form.title.toLowerCase()} *${r.id}*.`;
  return `Thank you. I have saved ${form.title.toLowerCase()} *${r.id}*. Your organisation has reported for ${r.quarter}. Type *mine* to see your records.`;
}
