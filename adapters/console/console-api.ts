import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { z } from 'zod';
import type { Config } from '../../src/config';
import { ORG_TYPES, ROLES } from '../../src/config/vocabulary';
import { RateLimiter } from '../../src/conversation/rate-limiter';
import type { ChatInput, Reply } from '../../src/conversation/reply';
import type { Core } from '../../src/core';
import { SYSTEM_ACTOR, type Actor } from '../../src/domain/actor';
import { designateKosovo } from '../../src/domain/kosovo';
import { ERROR_CODES, genericErrorMessage, isAppError, isDatabaseUnavailable, type ErrorCode } from '../../src/errors';
import { finalizeMessage } from '../../src/messages/finalize';
import { errorReference, randomId } from '../../src/support/ids';
import type { Logger } from '../../src/support/logger';
import type { ConsoleFiles } from './console-files';
import type { ConsoleNotifier } from './console-notifier';
import { compareOrganisations, comparePeople, DEMO_PEOPLE, demoEmail, demoOffers } from './console-roster';
import { demoPersonBody, fileQuery, formBody, inboxQuery, messageBody, newPersonBody, personIdQuery } from './console-schemas';
import { footnoteFor, personSummary, recordSummary, toConsoleReply } from './console-view';

export interface ConsoleApiDeps {
  core: Core;
  config: Config;
  logger: Logger;
  notifier: ConsoleNotifier;
  files: ConsoleFiles;
}

/** The HTTP status of a form request the core refused (unknown draft, someone else's…). */
const statusOf = (reply: Reply) => (reply.error ? (STATUS[reply.error] ?? 400) : 200);

/** A request the API refuses: sent as `{ ok: false, error, messages? }` with its status. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly text?: string,
  ) {
    super(error);
  }
}

const STATUS: Partial<Record<ErrorCode, number>> = { NOT_FOUND: 404, FORBIDDEN: 403, CONFLICT: 409, RATE_LIMITED: 429 };

function parse<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const r = schema.safeParse(data);
  if (!r.success) throw new Refusal(400, 'bad_request', r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return r.data;
}

type Handler = (req: Request, res: Response) => Promise<void>;

/**
 * The console's JSON API under /console/api. Every body is checked with zod before anything else;
 * a person is named by roster id (the console has no login: it is a trial tool, see the README).
 */
export function consoleApi(deps: ConsoleApiDeps): { router: Router; idle(): Promise<void> } {
  const { core, notifier, files, logger } = deps;
  const { store } = core;
  const trialPeople = new RateLimiter(30, 30);
  const api = express.Router();
  api.use(express.json({ limit: deps.config.maxBodyBytes, type: 'application/json' }));

  const route = (fn: Handler) => async (req: Request, res: Response, next: NextFunction) => {
    try {
      await fn(req, res);
    } catch (err) {
      if (err instanceof Refusal) res.status(err.status).json({ ok: false, error: err.error, ...(err.text ? { messages: [{ text: err.text }] } : {}) });
      else if (isDatabaseUnavailable(err)) res.status(503).json({ ok: false, error: 'db_unavailable', messages: [{ text: 'I cannot reach the database right now. Nothing was lost on this page: please try again in a minute.' }] });
      else if (isAppError(err)) res.status(STATUS[err.code] ?? 400).json({ ok: false, error: err.code.toLowerCase(), messages: [finalizeMessage({ text: err.userMessage })] });
      else next(err);
    }
  };

  async function actorFor(personId: string): Promise<Actor> {
    const p = await store.people.get(personId);
    if (!p || !p.active) throw new Refusal(404, 'unknown_person', ERROR_CODES.NOT_REGISTERED);
    return store.people.toActor(p);
  }

  /** One input to the core, as this person; the core keeps it if the database is down. */
  async function converse(personId: string, input: ChatInput, mode: 'chat' | 'form'): Promise<Reply> {
    const reply = await core.conversation.receive({ personId }, input, { mode, platform: 'console' });
    if (reply.unregistered) throw new Refusal(404, 'unknown_person', ERROR_CODES.NOT_REGISTERED);
    return reply;
  }

  /** A slow reply (a report) finishes in the background and arrives through the inbox. */
  const inFlight = new Set<Promise<void>>();
  function deliverLater(personId: string, later: () => Promise<Reply>): void {
    const task = later()
      .then((r) => {
        const out = toConsoleReply(r, personId, files);
        out.messages.forEach((m, i) => notifier.push(personId, m, out.files?.[i]));
        out.files?.slice(out.messages.length).forEach((f) => notifier.push(personId, { text: f.name }, f));
      })
      .catch((err: unknown) => {
        const ref = errorReference();
        logger.error({ err, ref, personId }, 'console: delayed reply failed');
        notifier.push(personId, { text: genericErrorMessage(ref) });
      });
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
  }

  api.get('/people', route(async (_req, res) => {
    const orgs = (await store.organisations.list()).sort(compareOrganisations);
    const byCode = new Map(orgs.map((o) => [o._id, o]));
    const roster = (await store.people.list()).sort(comparePeople(byCode));
    const people = roster.map((p) => personSummary(p, byCode));
    const organisations = orgs.map((o) => ({ code: o._id, name: designateKosovo(o.shortName), type: o.type, typeLabel: ORG_TYPES.labels[o.type] ?? o.type }));
    const demoPeople = demoOffers(roster, byCode);
    const footnote = footnoteFor([...people.map((p) => p.orgName), ...organisations.map((o) => o.name)]);
    res.json({ people, organisations, demoPeople, roles: ROLES.pairs.map(([code, label]) => ({ code, label })), ...(footnote ? { footnote } : {}) });
  }));

  /** One click for a newcomer: becomes a demo person (created once, the same person on every click). */
  api.post('/people/demo', route(async (req, res) => {
    const { key } = parse(demoPersonBody, req.body);
    const demo = DEMO_PEOPLE.find((d) => d.key === key)!;
    const org = await store.organisations.get(demo.orgCode);
    if (!org || !org.active) throw new Refusal(400, 'unknown_organisation', `${demo.orgCode} is not in the roster: add a trial person instead.`);
    if (!trialPeople.allow('trial-people')) throw new Refusal(429, 'rate_limited', ERROR_CODES.RATE_LIMITED);
    const { id } = await store.people.upsert(SYSTEM_ACTOR, { name: demo.name, email: demoEmail(demo.key), orgCode: org._id, role: demo.role });
    const person = await store.people.get(id);
    logger.info({ personId: id, orgCode: org._id }, 'console: demo person chosen');
    res.status(201).json({ ok: true, person: personSummary(person!, new Map([[org._id, org]])) });
  }));

  api.post('/people', route(async (req, res) => {
    const body = parse(newPersonBody, req.body);
    const org = await store.organisations.get(body.orgCode);
    if (!org || !org.active) throw new Refusal(400, 'unknown_organisation', 'Please pick an organisation from the list.');
    if (!trialPeople.allow('trial-people')) throw new Refusal(429, 'rate_limited', ERROR_CODES.RATE_LIMITED);
    // Trial people get an address that can never receive mail (.invalid, RFC 2606).
    const email = `trial-${randomId()}@console.invalid`;
    const { id } = await store.people.upsert(SYSTEM_ACTOR, { name: body.name, email, orgCode: org._id, role: body.role });
    const person = await store.people.get(id);
    logger.info({ personId: id, orgCode: org._id }, 'console: trial person added');
    res.status(201).json({ ok: true, person: personSummary(person!, new Map([[org._id, org]])) });
  }));

  api.post('/message', route(async (req, res) => {
    const body = parse(messageBody, req.body);
    const input = body.action ? { action: body.action } : { text: body.text ?? '' };
    const reply = await converse(body.personId, input, body.mode);
    res.json({ ok: true, ...toConsoleReply(reply, body.personId, files) });
    if (reply.later) deliverLater(body.personId, reply.later);
  }));

  api.post('/form', route(async (req, res) => {
    const body = parse(formBody, req.body);
    const reply = await converse(body.personId, { form: { op: 'submit', draftId: body.draftId, values: body.values } }, 'form');
    res.status(statusOf(reply)).json({ ok: !reply.form && !reply.kept, ...toConsoleReply(reply, body.personId, files) });
  }));

  api.post('/form/close', route(async (req, res) => {
    const body = parse(formBody, req.body);
    const reply = await converse(body.personId, { form: { op: 'close', draftId: body.draftId, values: body.values } }, 'form');
    res.status(statusOf(reply)).json({ ok: true, ...(reply.formErrors ? { errors: reply.formErrors } : {}), ...toConsoleReply(reply, body.personId, files) });
  }));

  api.get('/records', route(async (req, res) => {
    const q = parse(personIdQuery, req.query);
    const actor = await actorFor(q.personId);
    const records = (await store.records.list(actor, { limit: 200 })).map((r) => recordSummary(actor, r));
    const footnote = footnoteFor(records.map((r) => r.title));
    res.json({ ok: true, records, ...(footnote ? { footnote } : {}) });
  }));

  api.get('/inbox', route(async (req, res) => {
    const q = parse(inboxQuery, req.query);
    const actor = await actorFor(q.personId);
    res.json({ ok: true, messages: notifier.inbox(actor.personId, q.after), last: notifier.lastSeq() });
  }));

  api.get('/files/:id', route(async (req, res) => {
    const q = parse(fileQuery, req.query);
    const file = files.get(q.personId, String(req.params.id));
    if (!file) throw new Refusal(404, 'unknown_file', 'That file is no longer available. Ask for the report again.');
    res.attachment(file.name).type(file.mimeType).send(file.content);
  }));

  api.use((_req: Request, res: Response) => {
    res.status(404).json({ ok: false, error: 'not_found' });
  });
  return {
    router: api,
    async idle() {
      while (inFlight.size) await Promise.all([...inFlight]);
    },
  };
}

