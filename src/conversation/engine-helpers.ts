import type { DraftDoc } from '../db/models/draft.model';
import type { Store } from '../db/store';
import type { Actor } from '../domain/actor';
import { AppError } from '../errors';
import type { FormDef } from '../forms/form';
import type { ParseContext } from '../forms/parse-answer';
import { getForm } from '../forms/registry';
import type { ChoiceOption } from '../messages/bot-message';
import type { Clock } from '../support/clock';
import { needChoices, visibleNeeds } from './need-choices';
import { say, type Reply } from './reply';
import type { Submitter } from './submit-port';
import { questionMessage, reviewMessage, type Lookups } from './views';

export interface FormEngineDeps {
  store: Store;
  clock: Clock;
  timezone: string;
  submitter: Submitter;
}

const usesOrgs = (form: FormDef) => Object.values(form.fields).some((f) => f.meta.kind === 'orgs' || f.meta.kind === 'action-items');
const usesNeeds = (form: FormDef) => Object.values(form.fields).some((f) => f.meta.kind === 'need-links' || f.meta.kind === 'need-ids');

/** What the parts of the form engine share: drafts saved, questions asked, the roster and needs looked up. */
export function engineHelpers(deps: FormEngineDeps) {
  const { store } = deps;

  /** The roster's organisations by name (what people recognise), for choices and reviews; the last list read is kept for checks that must not wait for the database. */
  let lastOrgs: { options: ChoiceOption[]; at: number } | undefined;
  async function orgOptions(): Promise<ChoiceOption[]> {
    const options = (await store.organisations.list()).map((o) => ({ value: o._id, label: o.shortName })).sort((a, b) => a.label.localeCompare(b.label));
    lastOrgs = { options, at: deps.clock.now().getTime() };
    return options;
  }

  /**
   * What a whole form can be checked against without the database (null when that needs the
   * roster's organisations and none were read in the last 10 minutes).
   */
  function offlineParseContext(actor: Actor, form: FormDef): ParseContext | null {
    const fresh = lastOrgs && deps.clock.now().getTime() - lastOrgs.at < 10 * 60_000 ? lastOrgs.options : undefined;
    if (usesOrgs(form) && !fresh) return null;
    return { now: deps.clock.now(), timeZone: tz(actor), organisations: usesOrgs(form) ? fresh! : [] };
  }

  /** Only what the form needs: a form naming no organisation or need costs no extra read. */
  async function lookups(actor: Actor, form: FormDef, opts: { needs?: boolean } = {}): Promise<Lookups> {
    return {
      organisations: usesOrgs(form) ? await orgOptions() : [],
      ...(opts.needs !== false && usesNeeds(form) ? { needs: needChoices(await visibleNeeds(store, actor)) } : {}),
    };
  }

  const tz = (actor: Actor) => actor.timezone ?? deps.timezone;

  async function parseCtx(actor: Actor, form: FormDef): Promise<ParseContext> {
    return { now: deps.clock.now(), timeZone: tz(actor), organisations: usesOrgs(form) ? await orgOptions() : [] };
  }

  function formOf(draft: DraftDoc): FormDef {
    const form = getForm(draft.formId);
    if (!form) throw new AppError('NOT_FOUND', 'That form no longer exists.');
    return form;
  }

  /** The current question (or the review), with an error and extras (a suggestion, search results). */
  async function ask(actor: Actor, draft: DraftDoc, error?: string, extra: Parameters<typeof questionMessage>[6] = {}): Promise<Reply> {
    const form = formOf(draft);
    const found = await lookups(actor, form, { needs: false });
    if (draft.cursor === 'review' || !draft.cursor || !form.fields[draft.cursor]) return say(reviewMessage(form, draft, actor, tz(actor), found));
    return say(questionMessage(form, draft, draft.cursor, actor, found, error, extra));
  }

  async function save(actor: Actor, draft: DraftDoc, patch: Partial<Pick<DraftDoc, 'answers' | 'cursor' | 'trail' | 'mode'>>): Promise<DraftDoc> {
    await store.drafts.save(actor, draft._id, patch);
    return { ...draft, ...patch };
  }

  return { orgOptions, offlineParseContext, lookups, parseCtx, formOf, ask, save, tz };
}
export type EngineHelpers = ReturnType<typeof engineHelpers>;
