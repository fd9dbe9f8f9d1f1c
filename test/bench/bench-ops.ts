import { loadConfig } from '../../src/config';
import { THEMES, UPDATE_KINDS, UPDATE_STAGES } from '../../src/config/vocabulary';
import { createCore, type Core } from '../../src/core';
import { connect } from '../../src/db/database';
import type { Models } from '../../src/db/models';
import { createStore, type Store } from '../../src/db/store';
import type { Actor } from '../../src/domain/actor';
import { getForm } from '../../src/forms/registry';
import { createDeliveryLedger, type DeliveryLedger } from '../../src/notify/delivery-ledger';
import { CompositeNotifier } from '../../src/notify/composite-notifier';
import { seedDefaultRoster } from '../../src/roster/roster.service';
import { ManualClock } from '../../src/support/clock';
import { silentLogger } from '../../src/support/logger';
import { addPerson } from '../support/people';
import type { BenchDatabase } from './bench-databases';
import { summarise, type LatencySummary } from './bench-load';

/**
 * Per-operation cost as the data grows: the collections involved hold 1,000, 10,000, then 100,000
 * documents each, and at each size every operation is timed one at a time (sequentially, after a
 * warm-up) on every database side by side, round-robin, so load from other jobs on the machine
 * falls on all of them alike. Operations, through the core's public API and the store:
 *  - submit: a whole development-update form (`core.submissions.submit`): counter, record,
 *    version, audit entry, check-in;
 *  - lookup: a person by Slack id, as every message starts (`store.people.bySlackId`, a person
 *    this process has looked up before), the person added last at each size (FerretDB reads a
 *    table in insertion order, so an unindexed lookup of the first person would look cheap);
 *  - lookup (first in a process): the same with an empty cache, which filters on `slackId`;
 *  - ledger: a delivery-ledger claim and its completion (`deliverOnce` with a send that succeeds);
 *  - edit: a new version of a record (`core.submissions.submit` with `recordId`).
 */
export const OPS = ['submit', 'lookup', 'ledger', 'edit', 'lookup-first'] as const;
export type Op = (typeof OPS)[number];

const FILLED = ['people', 'records', 'recordVersions', 'audit', 'counters', 'checkins', 'deliveries', 'seenKeys'] as const;
const BATCH = 1000;

interface Side {
  db: BenchDatabase;
  models: Models;
  store: Store;
  core: Core;
  ledger: DeliveryLedger;
  actor: Actor;
  slackId: string;
  recordId: string;
  version: number;
  filled: number;
  close(): Promise<void>;
}

const ANSWERS = {
  kind: UPDATE_KINDS.codes[0],
  title: 'Law on Border Control (amendments)',
  country: 'RS',
  adoptingBody: 'National Assembly',
  stage: UPDATE_STAGES.codes[0],
  summary: 'Aligns border checks with the Schengen Borders Code and creates a risk analysis unit.',
  themes: [THEMES.codes[0]],
};

async function openSide(db: BenchDatabase, dbName: string): Promise<Side> {
  const conn = await connect(db.uri, dbName, silentLogger);
  const clock = new ManualClock(new Date('2026-12-02T09:00:00Z'));
  const store = createStore({ models: conn.models, clock, timezone: 'Europe/Sarajevo', pillar: 'WBBSi' });
  await seedDefaultRoster(store);
  const slackId = 'UOPSBENCH1';
  const actor = await addPerson(store, { name: 'Ana Bench', email: 'ana@bench.invalid', orgCode: 'MOI-RS', slackId });
  const config = loadConfig({ DATA_DIR: '/nonexistent-bench', RATE_LIMIT_PER_MINUTE: '100000' });
  const core = createCore({ config, store, clock, logger: silentLogger, notifier: new CompositeNotifier([]) });
  const ledger = createDeliveryLedger({ store, clock, logger: silentLogger });
  const first = await core.submissions.submit(actor, getForm('update')!, ANSWERS);
  if (!first.ok) throw new Error(`the bench update was refused: ${JSON.stringify(first.errors)}`);
  return {
    db,
    models: conn.models,
    store,
    core,
    ledger,
    actor,
    slackId,
    recordId: first.id,
    version: 1,
    filled: 0,
    close: async () => {
      await conn.connection.dropDatabase().catch(() => undefined);
      await conn.close();
    },
  };
}

/** Documents shaped like the real ones, with ids no operation uses. */
function filler(coll: (typeof FILLED)[number], i: number): Record<string, unknown> {
  const at = new Date(Date.UTC(2025, 0, 1) + i * 60_000);
  const n = String(i).padStart(7, '0');
  const words = 'border police surveillance equipment training regional cooperation risk analysis crossing point';
  switch (coll) {
    case 'people':
      return { _id: `fill-p${n}`, name: `Filler Person ${i}`, email: `p${n}@fill.invalid`, orgCode: 'MOI-RS', role: 'member', slackId: `UFILL${n}`, active: true, createdAt: at, updatedAt: at };
    case 'records':
      return { _id: `DU-2025-FILL-${n}`, type: 'update', pillar: 'WBBSi', orgCode: 'MOI-AL', submittedBy: 'fill', quarter: '2025-Q1', status: 'active', data: { ...ANSWERS, country: 'AL', title: `${words} ${i}`, summary: `${words} ${words}` }, version: 1, lastConfirmedAt: at, createdAt: at, updatedAt: at };
    case 'recordVersions':
      return { _id: `DU-2025-FILL-${n}@v1`, recordId: `DU-2025-FILL-${n}`, version: 1, status: 'active', data: { ...ANSWERS, country: 'AL', title: `${words} ${i}` }, changedBy: 'fill', changedAt: at };
    case 'audit':
      return { _id: `fill-a${n}`, at, actorId: 'fill', actorName: 'Filler', actorOrg: 'MOI-AL', action: 'create', entity: 'record', entityId: `DU-2025-FILL-${n}`, changes: [{ field: 'title', from: null, to: JSON.stringify(`${words} ${i}`) }] };
    case 'counters':
      return { _id: `FILL-${Math.floor(i / 1000)}#${i}`, seq: i };
    case 'checkins':
      return { _id: `FILL-${n}|2025-Q1`, orgCode: `FILL-${n}`, quarter: '2025-Q1', state: 'submitted', firstAt: at, lastAt: at, by: 'fill' };
    case 'deliveries':
      return { _id: `nudge|FILL|2025-Q1|opening|${n}`, kind: 'nudge', recipient: `person:fill-p${n}`, status: 'sent', attempts: 1, leaseUntil: at, claimedBy: 'fill', sentAt: at, meta: { orgCode: 'FILL', quarter: '2025-Q1', step: 'opening' }, createdAt: at };
    case 'seenKeys':
      return { _id: `fill|${n}`, createdAt: at, expiresAt: new Date(at.getTime() + 7 * 86_400_000) };
  }
}

/** Adds filler documents until each filled collection holds about `size`. */
async function fillTo(side: Side, size: number): Promise<void> {
  for (const coll of FILLED) {
    const collection = side.models[coll].collection;
    for (let i = side.filled; i < size; i += BATCH) {
      const docs = Array.from({ length: Math.min(BATCH, size - i) }, (_, k) => filler(coll, i + k));
      await collection.insertMany(docs as never[], { ordered: false });
    }
  }
  side.filled = size;
  // The person the lookups look for: the newest, behind every filler.
  side.slackId = `UOPS${size}`;
  await addPerson(side.store, { name: `Looked Up ${size}`, email: `lookup-${size}@bench.invalid`, orgCode: 'MOI-RS', slackId: side.slackId });
}

let seq = 0;

/** One operation on one side; returns its duration in ms. */
async function runOp(side: Side, op: Op): Promise<number> {
  const t0 = performance.now();
  switch (op) {
    case 'submit': {
      const r = await side.core.submissions.submit(side.actor, getForm('update')!, { ...ANSWERS, title: `Bench submission ${seq++}` });
      if (!r.ok) throw new Error('submission refused');
      break;
    }
    case 'lookup':
      if (!(await side.store.people.bySlackId(side.slackId))) throw new Error('lookup failed');
      break;
    case 'lookup-first': {
      const fresh = createStore({ models: side.models, clock: side.store.ctx.clock, timezone: 'Europe/Sarajevo', pillar: 'WBBSi' });
      if (!(await fresh.people.bySlackId(side.slackId))) throw new Error('lookup failed');
      break;
    }
    case 'ledger': {
      const o = await side.ledger.deliverOnce(`bench|${seq++}`, { kind: 'bench', recipient: 'person:bench' }, async () => undefined);
      if (o.status !== 'sent') throw new Error(`ledger: ${o.status}`);
      break;
    }
    case 'edit': {
      const r = await side.core.submissions.submit(side.actor, getForm('update')!, { ...ANSWERS, title: `Bench edit ${seq++}` }, { recordId: side.recordId, baseVersion: side.version });
      if (!r.ok || r.kind !== 'updated') throw new Error(`edit: ${JSON.stringify(r)}`);
      side.version = r.version!;
      break;
    }
  }
  return performance.now() - t0;
}

export interface OpsRow {
  size: number;
  op: Op;
  database: string;
  ms: LatencySummary;
}

export async function opsBench(opts: { databases: BenchDatabase[]; sizes: number[]; iterations: number; log: (line: string) => void }): Promise<OpsRow[]> {
  const sides: Side[] = [];
  const rows: OpsRow[] = [];
  try {
    for (const db of opts.databases) sides.push(await openSide(db, `bench_ops_${Date.now().toString(36)}`));
    for (const size of opts.sizes) {
      const t0 = performance.now();
      for (const side of sides) await fillTo(side, size);
      opts.log(`  ${size.toLocaleString('en')} documents in each of ${FILLED.length} collections (filled in ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
      for (const op of OPS) {
        const iterations = op === 'lookup-first' ? Math.max(5, Math.floor(opts.iterations / 4)) : opts.iterations;
        const times = sides.map(() => [] as number[]);
        for (let i = 0; i < iterations + 3; i++) {
          for (const [k, side] of sides.entries()) {
            const ms = await runOp(side, op);
            if (i >= 3) times[k]!.push(ms); // the first three warm caches and connections
          }
        }
        for (const [k, side] of sides.entries()) rows.push({ size, op, database: side.db.name, ms: summarise(times[k]!) });
        opts.log(`    ${op.padEnd(12)} ${sides.map((s, k) => `${s.db.name}: p50 ${summarise(times[k]!).p50} ms`).join(' | ')}`);
      }
    }
  } finally {
    for (const side of sides) await side.close();
  }
  return rows;
}
