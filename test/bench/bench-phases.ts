import type { Models } from '../../src/db/models';
import type { SlackGate } from '../support/slack-gate';
import type { SlackStandin } from '../support/slack-standin';
import { describeRun, fire, isRefusal, summarise, type LoadRun } from './bench-load';
import type { Child } from './bench-protocol';
import { buildShots, INTERACTIVE_ORG, submissionsIn, type Mix } from './bench-seed';

export interface BenchEnv {
  app: Child;
  floor: Child;
  slack: SlackStandin;
  gate: SlackGate;
  models: Models;
  secret: string;
  log: (line: string) => void;
  /** Samples the app's resident memory while `fn` runs; returns the highest value seen. */
  sampled<T>(fn: () => Promise<T>): Promise<{ result: T; peakRssMb: number }>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every 100 ms until it returns a value, or gives up after `timeoutMs`. */
export async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${timeoutMs} ms`);
    await sleep(100);
  }
}

/**
 * Part (a): at each concurrency, the same signed requests to the bare Bolt floor and to the app;
 * then waits (bounded) until the app has posted every slash-command reply and stored every
 * submission, so one level's background work does not spill into the next level's figures.
 */
export async function interactionsPhase(env: BenchEnv, opts: { levels: number[]; perLevel: number; commanders: string[]; submitters: string[]; mix?: Mix }) {
  const out: Record<string, unknown>[] = [];
  for (const level of opts.levels) {
    const subs = submissionsIn(opts.perLevel, opts.mix);
    const owners = Array.from({ length: subs }, (_, i) => opts.submitters[i % opts.submitters.length]!);
    const { views } = (await env.app.ask({ cmd: 'drafts', users: owners })) as { views: { user: string; view: unknown }[] };
    const shots = buildShots({ count: opts.perLevel, users: opts.commanders, views, responseUrl: env.slack.responseUrl, level: `${opts.mix ?? 'mixed'}-c${level}`, mix: opts.mix });
    const storedBefore = await env.models.records.countDocuments({ orgCode: INTERACTIVE_ORG });

    const floorRun = await fire(String(env.floor.ready.url), shots, level, env.secret);
    const since = env.slack.calls.length;
    const { result: appRun, peakRssMb } = await env.sampled(async () => {
      const run = await fire(String(env.app.ready.url), shots, level, env.secret);
      // A submission answered with field errors means the benchmark's data is wrong, not the app slow.
      const refused = run.results.find((r) => r.status === 200 && r.kind === 'submit' && isRefusal(r.answer));
      if (refused) throw new Error(`the app refused a submission: ${refused.answer}`.slice(0, 2000));
      const replies = await waitForReplies(env, run, since);
      const stored = await until('every submission stored', async () => {
        const n = (await env.models.records.countDocuments({ orgCode: INTERACTIVE_ORG })) - storedBefore;
        return n >= subs ? n : undefined;
      }, 120_000);
      // Each accepted submission's "Saving…" view is updated to its confirmation once it is stored.
      const saving = run.results.filter((r) => r.status === 200 && r.kind === 'submit' && r.answer?.includes('Saving…')).length;
      const confirmedAt = await until(`${saving} confirmations (views.update)`, () => {
        const at = new Map<string, number>();
        for (const c of env.slack.calls.slice(since)) if (c.method === 'views.update' && c.status === 200) at.set(String(c.body.view_id), c.at);
        return at.size >= saving ? at : undefined;
      }, 120_000);
      // How long a person looks at "Saving…": from sending the form to its confirmation.
      const savedAfter = summarise(run.results.filter((r) => r.viewId && confirmedAt.has(r.viewId)).map((r) => confirmedAt.get(r.viewId!)! - r.sentAt));
      return { run, replies, stored, confirmed: confirmedAt.size, savedAfter };
    });
    const floor = describeRun(floorRun);
    const app = describeRun(appRun.run);
    const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
    const row = {
      concurrency: level,
      mix: opts.mix ?? 'mixed',
      floor,
      app: { ...app, replyAfterCommand: appRun.replies, confirmationAfterSubmit: appRun.savedAfter, recordsStored: appRun.stored, viewsConfirmed: appRun.confirmed, peakRssMb },
      ratio: { p50: ratio(app.ack.p50, floor.ack.p50), p95: ratio(app.ack.p95, floor.ack.p95), p99: ratio(app.ack.p99, floor.ack.p99), throughput: ratio(app.throughputPerSec, floor.throughputPerSec) },
    };
    env.log(`  concurrency ${level}: app p50/p95/p99 ${app.ack.p50}/${app.ack.p95}/${app.ack.p99} ms, ${app.throughputPerSec} req/s; floor ${floor.ack.p50}/${floor.ack.p95}/${floor.ack.p99} ms, ${floor.throughputPerSec} req/s`);
    out.push(row);
  }
  return out;
}

/** Time from sending each slash command to the app posting its answer to the response_url. */
async function waitForReplies(env: BenchEnv, run: LoadRun, since: number) {
  const wanted = run.results.filter((r) => r.replyId);
  const arrived = await until(`${wanted.length} slash-command replies`, () => {
    const at = new Map<string, number>();
    for (const c of env.slack.calls.slice(since)) if (c.method === 'response_url') at.set(c.path.slice('/response/'.length), c.at);
    return wanted.every((r) => at.has(r.replyId!)) ? at : undefined;
  }, 120_000);
  const after = (rs: typeof wanted) => summarise(rs.map((r) => arrived.get(r.replyId!)! - r.sentAt));
  return { ...after(wanted), byKind: { help: after(wanted.filter((r) => r.kind === 'help')), mine: after(wanted.filter((r) => r.kind === 'mine')) } };
}

/**
 * Part (b): one reminder slot for everyone due, through the gate's workspace rate limit, exactly
 * as the scheduler runs it. Anything left for later (a send that failed even after the client's
 * retries) is picked up by the next slot, simulated by moving the app's clock 15 minutes on.
 */
export async function fanoutPhase(env: BenchEnv, opts: { at: Date; expected: number; limit: { max: number; perMs: number; retryAfterSec: number } }) {
  const { recipients } = (await env.app.ask({ cmd: 'plan', at: opts.at.toISOString() })) as { recipients: string[] };
  if (recipients.length !== opts.expected) throw new Error(`the plan has ${recipients.length} recipients, expected ${opts.expected}`);
  env.gate.rateLimit({ method: 'chat.postMessage', ...opts.limit });
  const since = env.slack.calls.length;
  const limitedBefore = env.gate.limited;
  const passes: Record<string, unknown>[] = [];
  const { result: totalMs, peakRssMb } = await env.sampled(async () => {
    const started = performance.now();
    for (let pass = 0; pass < 4; pass++) {
      const at = new Date(opts.at.getTime() + pass * 15 * 60_000);
      if (pass > 0) await env.app.ask({ cmd: 'advance', ms: 15 * 60_000 });
      const r = await env.app.ask({ cmd: 'remind', at: at.toISOString() });
      passes.push(r);
      env.log(`  slot ${pass + 1}: ${JSON.stringify(r.counts)} in ${String(r.ms)} ms`);
      const sent = await env.models.deliveries.countDocuments({ status: 'sent', kind: 'nudge' });
      if (sent >= recipients.length) break;
    }
    return performance.now() - started;
  });
  const accepted = env.slack.calls.slice(since).filter((c) => c.method === 'chat.postMessage' && c.status === 200);
  const perChannel = new Map<string, number>();
  for (const c of accepted) perChannel.set(String(c.body.channel), (perChannel.get(String(c.body.channel)) ?? 0) + 1);
  const channelOf = (slackId: string) => `D${slackId.slice(1)}`;
  const duplicates = [...perChannel.values()].reduce((n, k) => n + Math.max(0, k - 1), 0);
  const missed = recipients.filter((r) => !perChannel.has(channelOf(r))).length;
  const unexpected = [...perChannel.keys()].filter((ch) => !recipients.some((r) => channelOf(r) === ch)).length;
  const windows = Math.ceil(recipients.length / opts.limit.max);
  const firstToLast = accepted.length ? accepted.at(-1)!.at - accepted[0]!.at : 0;
  // Where the time goes: messages Slack accepted in each second since the first (the limit allows 50).
  const perSecond: number[] = [];
  for (const c of accepted) {
    const s = Math.floor((c.at - accepted[0]!.at) / 1000);
    perSecond[s] = (perSecond[s] ?? 0) + 1;
  }
  return {
    recipients: recipients.length,
    rateLimit: { method: 'chat.postMessage', scope: 'workspace', max: opts.limit.max, perMs: opts.limit.perMs, retryAfterSec: opts.limit.retryAfterSec },
    minimumMs: (windows - 1) * opts.limit.perMs,
    completionMs: Math.round(totalMs),
    firstToLastMessageMs: firstToLast,
    slots: passes.length,
    answered429: env.gate.limited - limitedBefore,
    delivered: accepted.length,
    duplicates,
    missed,
    unexpected,
    peakRssMb,
    acceptedPerSecond: Array.from(perSecond, (n) => n ?? 0),
  };
}
