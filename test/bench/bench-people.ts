import { fire, isRefusal, summarise } from './bench-load';
import type { BenchEnv } from './bench-phases';
import { buildShots } from './bench-seed';

/**
 * Part (a''): people, not a flood. Each of `commanders` types a slash command and waits for its
 * reply before typing the next (`help` and `mine` in turn); at the same time each of `submitters`
 * sends a form and waits for its confirmation before sending the next. So exactly as many requests
 * are in flight as there are people, which is what "50 at once" means to the people themselves; the
 * flood of part (a) instead sends each level's 300 requests as fast as they are acknowledged.
 */
export async function peoplePhase(env: BenchEnv, opts: { commanders: string[]; submitters: string[]; commandsEach: number; formsEach: number }) {
  const owners = opts.submitters.flatMap((u) => Array.from({ length: opts.formsEach }, () => u));
  const { views } = (await env.app.ask({ cmd: 'drafts', users: owners })) as { views: { user: string; view: unknown }[] };
  const since = env.slack.calls.length;
  // One scan of the stand-in's calls serves every waiter: reply ids and view ids, by arrival time.
  let scanned = since;
  const seen = new Map<string, number>();
  const waiters = new Map<string, () => void>();
  const poller = setInterval(() => {
    const calls = env.slack.calls;
    for (; scanned < calls.length; scanned++) {
      const c = calls[scanned]!;
      const key = c.method === 'response_url' ? c.path.slice('/response/'.length) : c.method === 'views.update' && c.status === 200 ? String(c.body.view_id) : undefined;
      if (!key) continue;
      seen.set(key, c.at);
      waiters.get(key)?.();
    }
  }, 2);
  const arrival = (key: string, timeoutMs = 120_000) =>
    new Promise<number>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        waiters.delete(key);
        resolve(seen.get(key)!);
      };
      const timer = setTimeout(() => reject(new Error(`no answer for ${key} within ${timeoutMs} ms`)), timeoutMs);
      if (seen.has(key)) return done();
      waiters.set(key, done);
    });

  const replies: number[] = [];
  const confirmations: number[] = [];
  const url = String(env.app.ready.url);
  const person = async (shots: ReturnType<typeof buildShots>, into: number[]) => {
    for (const shot of shots) {
      const [r] = (await fire(url, [shot], 1, env.secret)).results;
      if (!r || r.status !== 200) throw new Error(`HTTP ${r?.status} for a ${shot.kind}`);
      if (r.kind === 'submit' && isRefusal(r.answer)) throw new Error(`the app refused a submission: ${r.answer}`.slice(0, 2000));
      into.push((await arrival((shot.replyId ?? shot.viewId)!)) - r.sentAt);
    }
  };
  const started = performance.now();
  try {
    await Promise.all([
      ...opts.commanders.map((u, i) =>
        person(
          buildShots({ count: opts.commandsEach, users: [u], views: [], responseUrl: env.slack.responseUrl, level: `people-c${i}`, mix: 'commands' }),
          replies,
        ),
      ),
      ...opts.submitters.map((u, i) =>
        person(
          buildShots({ count: opts.formsEach, users: [], views: views.filter((v) => v.user === u), responseUrl: env.slack.responseUrl, level: `people-s${i}`, mix: 'submit' }),
          confirmations,
        ),
      ),
    ]);
  } finally {
    clearInterval(poller);
  }
  const wallMs = Math.round(performance.now() - started);
  env.log(`  ${opts.commanders.length} people typing ${opts.commandsEach} commands each, ${opts.submitters.length} sending ${opts.formsEach} forms each, each waiting for the answer: ${wallMs} ms`);
  return { commanders: opts.commanders.length, commandsEach: opts.commandsEach, submitters: opts.submitters.length, formsEach: opts.formsEach, wallMs, replyAfterCommand: summarise(replies), confirmationAfterSubmit: summarise(confirmations) };
}
