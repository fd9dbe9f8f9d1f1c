import { sign } from '../support/slack-signing';

/** One request of the load: a raw body as Slack would post it, signed when it is sent. */
export interface Shot {
  kind: 'help' | 'mine' | 'submit';
  body: string;
  /** Slash commands: the response_url id, to match the reply the app posts later. */
  replyId?: string;
  /** View submissions: the modal's id, to match the confirmation (views.update) recorded later. */
  viewId?: string;
}

export interface ShotResult {
  kind: Shot['kind'];
  status: number;
  /** Milliseconds until the HTTP answer (the ack), with sub-millisecond precision. */
  ackMs: number;
  /** Date.now() when it was sent (to match asynchronous replies recorded by the stand-in). */
  sentAt: number;
  replyId?: string;
  viewId?: string;
  /** The ack's body when it was not empty (a view submission answered with field errors). */
  answer?: string;
}

export interface LoadRun {
  results: ShotResult[];
  wallMs: number;
}

const FORM = 'application/x-www-form-urlencoded';

/** Fires `shots` at `url`/slack/events, `concurrency` at a time, each freshly signed; bounded by the shot count. */
export async function fire(url: string, shots: Shot[], concurrency: number, secret: string): Promise<LoadRun> {
  const results: ShotResult[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < shots.length) {
      const shot = shots[next++]!;
      const timestamp = Math.floor(Date.now() / 1000);
      const sentAt = Date.now();
      const t0 = performance.now();
      const res = await fetch(`${url}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': FORM, 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': sign(secret, timestamp, shot.body) },
        body: shot.body,
      });
      const answer = await res.text();
      results.push({ kind: shot.kind, status: res.status, ackMs: performance.now() - t0, sentAt, ...(shot.replyId ? { replyId: shot.replyId } : {}), ...(shot.viewId ? { viewId: shot.viewId } : {}), ...(answer ? { answer } : {}) });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, shots.length) }, worker));
  return { results, wallMs: performance.now() - started };
}

/** Nearest-rank percentile of an unsorted list. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export interface LatencySummary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

const round = (n: number) => Math.round(n * 100) / 100;

export function summarise(values: number[]): LatencySummary {
  return { n: values.length, p50: round(percentile(values, 50)), p95: round(percentile(values, 95)), p99: round(percentile(values, 99)), max: round(Math.max(...values)) };
}

/** Throughput (requests per second) and ack latency of one run, overall and per kind of request. */
export function describeRun(run: LoadRun) {
  const ok = run.results.filter((r) => r.status === 200);
  const byKind = (k: Shot['kind']) => summarise(ok.filter((r) => r.kind === k).map((r) => r.ackMs));
  return {
    requests: run.results.length,
    non200: run.results.length - ok.length,
    /** View submissions the app answered with a response_action (field errors) instead of closing the modal. */
    submissionsRefused: ok.filter((r) => r.kind === 'submit' && isRefusal(r.answer)).length,
    throughputPerSec: Math.round((run.results.length / run.wallMs) * 1000 * 10) / 10,
    ack: summarise(ok.map((r) => r.ackMs)),
    ackByKind: { help: byKind('help'), mine: byKind('mine'), submit: byKind('submit') },
  };
}

/**
 * A view submission's ack that keeps the modal open with field errors. "Saving…" (a
 * `response_action: update`) is an acceptance: the app stores after the ack and updates the view.
 */
export function isRefusal(answer: string | undefined): boolean {
  if (!answer) return false;
  try {
    return (JSON.parse(answer) as { response_action?: string }).response_action === 'errors';
  } catch {
    return true;
  }
}
