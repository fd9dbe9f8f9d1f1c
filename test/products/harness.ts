import { connect } from '../../src/db/database';
import { createStore } from '../../src/db/store';
import type { Actor } from '../../src/domain/actor';
import { reportsQuarterly } from '../../src/domain/permissions';
import type { Reply } from '../../src/conversation/reply';
import { createProductsService, type ProductsService } from '../../src/products/products.service';
import { silentLogger } from '../../src/support/logger';
import type { Delivered } from '../support/delivery-log';
import { SLACK_GROUP_CHANNEL, TEAMS_GROUP_CHANNEL, startNotifyApp, type NotifyApp } from '../support/notify-app';
import { testServerUri } from '../support/test-db';

export const SLACK_CHANNEL = SLACK_GROUP_CHANNEL;
export const TEAMS_CHANNEL = TEAMS_GROUP_CHANNEL;
/** The member organisation whose focal point is on Teams, and the one whose focal point has no chat id. */
export const ON_TEAMS = 'MOI-XK';
export const UNREACHABLE = 'RCC';

export interface ProductsHarness {
  app: NotifyApp;
  core: NotifyApp['app']['core'];
  store: NotifyApp['app']['core']['store'];
  clock: NotifyApp['clock'];
  dbName: string;
  /** What a person types, through the core as the console sends it. */
  say(actor: Actor, text: string): Promise<Reply>;
  click(actor: Actor, action: string, value?: string): Promise<Reply>;
  /** One focal point per reporting member organisation, by organisation code (with its chat ids). */
  focal: Record<string, Actor & { slackId?: string; teamsId?: string }>;
  secretariat: Actor & { slackId: string };
  board: Actor;
  /** What this person received from the bot's jobs (rendered, on their platform). */
  received(who: { slackId?: string; teamsId?: string }): Delivered[];
  /** Adds a person (roster, and Slack workspace for a Slack id); `personOf` knows them. */
  person(p: Parameters<NotifyApp['person']>[0]): Promise<Actor>;
  /** The person a Slack DM or Teams chat belongs to. */
  personOf(d: Delivered): Actor & { slackId?: string; teamsId?: string };
  close(): Promise<void>;
}

/**
 * The real app with the Slack and Teams notifiers against their stand-ins, the products loaded, and
 * a roster: one focal point per member organisation (19): on Slack, except Kosovo* MoI's (Teams)
 * and RCC's (no chat id: cannot be reached); a Secretariat officer on Slack and a Board member.
 * The app loads the products of the WBBSi page when it starts.
 */
export async function openProductsHarness(now: string): Promise<ProductsHarness> {
  const app = await startNotifyApp({ now });
  const core = app.app.core;
  const focal: ProductsHarness['focal'] = {};
  for (const org of (await core.store.organisations.list()).filter(reportsQuarterly)) {
    const slug = org._id.toLowerCase();
    const ids = org._id === ON_TEAMS ? { teamsId: `aad-focal-${slug}` } : org._id === UNREACHABLE ? {} : { slackId: `U${slug.replace(/-/g, '').toUpperCase()}` };
    focal[org._id] = { ...(await app.person({ name: `Focal ${org._id}`, email: `focal@${slug}.example`, orgCode: org._id, ...ids })), ...ids };
  }
  const secretariat = { ...(await app.person({ name: 'Sead Hodžić', email: 'sead@rcc.int', orgCode: 'IISG-SEC', role: 'secretariat', slackId: 'USEAD' })), slackId: 'USEAD' };
  const board = await app.person({ name: 'Board Member', email: 'board@iisg.example', orgCode: 'DG-NEAR', role: 'board' });
  const ctx = { mode: 'chat' as const, platform: 'console' as const };
  const others: (Actor & { slackId?: string; teamsId?: string })[] = [];
  const everyone = () => [...others, ...Object.values(focal), secretariat];
  return {
    app,
    core,
    store: core.store,
    clock: app.clock,
    dbName: app.dbName,
    say: (actor, text) => core.conversation.handle(actor, { text }, ctx),
    click: (actor, action, value) => core.conversation.handle(actor, { action: { id: action, value } }, ctx),
    focal,
    secretariat,
    board,
    received: (who) => app.to(who).filter((d) => d.by === 'job'),
    async person(p) {
      const actor = await app.person(p);
      others.unshift({ ...actor, ...(p.slackId ? { slackId: p.slackId } : {}), ...(p.teamsId ? { teamsId: p.teamsId } : {}) });
      return actor;
    },
    personOf: (d) => everyone().find((p) => app.to(p).includes(d))!,
    close: () => app.stop(),
  };
}

/**
 * A second connection, store and products service over the same database: a second app instance
 * racing the first. It sends through the same Slack and Teams notifiers (the race under test is the
 * claim in the delivery ledger).
 */
export async function secondInstance(h: ProductsHarness): Promise<{ service: ProductsService; close(): Promise<void> }> {
  const base = testServerUri();
  const uri = base.includes('directConnection') ? base : `${base}${base.includes('?') ? '&' : '?'}directConnection=true`;
  const conn = await connect(uri, h.dbName, silentLogger);
  const store = createStore({ models: conn.models, clock: h.clock, timezone: 'Europe/Sarajevo', pillar: 'WBBSi' });
  const service = createProductsService({ config: h.core.config, store, clock: h.clock, logger: silentLogger, notifier: h.core.notifier, calendar: h.core.calendar });
  return { service, close: () => conn.close() };
}

/** Counts by key. */
export function countBy<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) out[key(i)] = (out[key(i)] ?? 0) + 1;
  return out;
}
