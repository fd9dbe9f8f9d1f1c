import { connect } from '../../src/db/database';
import { createStore } from '../../src/db/store';
import type { Actor } from '../../src/domain/actor';
import { reportsQuarterly } from '../../src/domain/permissions';
import { CompositeNotifier } from '../../src/notify/composite-notifier';
import { createProductsService, type ProductsService } from '../../src/products/products.service';
import { silentLogger } from '../../src/support/logger';
import { addPerson } from '../support/people';
import { RecordingNotifier } from '../support/recording-notifier';
import { openTestCore, type TestCore } from '../support/test-core';
import { testServerUri } from '../support/test-db';

export const SLACK_CHANNEL = '#wbbsi-support-group';
export const TEAMS_CHANNEL = '19:support-group@thread.tacv2';

export interface ProductsHarness extends TestCore {
  /** Direct messages (every person is reachable on Slack here) and Slack channel posts. */
  slack: RecordingNotifier;
  /** Teams channel posts. */
  teams: RecordingNotifier;
  /** One focal point per reporting member organisation, by organisation code. */
  focal: Record<string, Actor>;
  secretariat: Actor;
  board: Actor;
}

/**
 * The core over a fresh database with Slack and Teams channels configured, recording notifiers
 * for both platforms, the products loaded, and a roster: one focal point per member organisation
 * (19), a Secretariat officer and a Board member.
 */
export async function openProductsHarness(now: string, opts: { seed?: boolean } = {}): Promise<ProductsHarness> {
  const t = await openTestCore({
    now,
    env: { TIMEZONE: 'Europe/Sarajevo', SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'test-secret', SLACK_CHANNEL, TEAMS_CHANNEL },
  });
  const slack = new RecordingNotifier(t.clock, 'slack');
  const teams = new RecordingNotifier(t.clock, 'teams');
  t.core.notifier.add(slack);
  t.core.notifier.add(teams);
  const focal: Record<string, Actor> = {};
  for (const org of (await t.store.organisations.list()).filter(reportsQuarterly)) {
    const slug = org._id.toLowerCase();
    focal[org._id] = await addPerson(t.store, { name: `Focal ${org._id}`, email: `focal@${slug}.example`, orgCode: org._id, slackId: `U${slug.replace(/-/g, '').toUpperCase()}` });
  }
  const secretariat = await addPerson(t.store, { name: 'Sead Hodžić', email: 'sead@rcc.int', orgCode: 'IISG-SEC', role: 'secretariat', slackId: 'USEAD' });
  const board = await addPerson(t.store, { name: 'Board Member', email: 'board@iisg.example', orgCode: 'DG-NEAR', role: 'board' });
  if (opts.seed !== false) await t.core.products.seed();
  return { ...t, slack, teams, focal, secretariat, board };
}

/** A second connection, store and products service over the same database: a second app instance. */
export async function secondInstance(h: ProductsHarness, notifier: RecordingNotifier): Promise<{ service: ProductsService; close(): Promise<void> }> {
  const base = testServerUri();
  const uri = base.includes('directConnection') ? base : `${base}${base.includes('?') ? '&' : '?'}directConnection=true`;
  const conn = await connect(uri, h.dbName, silentLogger);
  const store = createStore({ models: conn.models, clock: h.clock, timezone: 'Europe/Sarajevo', pillar: 'WBBSi' });
  const service = createProductsService({ config: h.core.config, store, clock: h.clock, logger: silentLogger, notifier: new CompositeNotifier([notifier]), calendar: h.core.calendar });
  return { service, close: () => conn.close() };
}

/** Counts by recipient key. */
export function countBy<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) out[key(i)] = (out[key(i)] ?? 0) + 1;
  return out;
}
