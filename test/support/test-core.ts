import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { createCore, type Core } from '../../src/core';
import type { Actor } from '../../src/domain/actor';
import type { Reply } from '../../src/conversation/reply';
import { CompositeNotifier } from '../../src/notify/composite-notifier';
import { silentLogger } from '../../src/support/logger';
import { openTestDb, type TestDb } from './test-db';

export interface TestCore extends TestDb {
  core: Core;
  /** Sends text (or a button action) as this person through the core, like the console does. */
  say(actor: Actor, text: string): Promise<Reply>;
  click(actor: Actor, action: string, value?: string): Promise<Reply>;
}

export async function openTestCore(opts: { now?: string; env?: Record<string, string> } = {}): Promise<TestCore> {
  const db = await openTestDb({ now: opts.now });
  const dataDir = mkdtempSync(join(tmpdir(), 'wbbsi-core-'));
  const config = loadConfig({ DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '10000', ...opts.env });
  const core = createCore({ config, store: db.store, clock: db.clock, logger: silentLogger, notifier: new CompositeNotifier([]) });
  const ctx = { mode: 'chat' as const, platform: 'console' as const };
  return {
    ...db,
    core,
    say: (actor, text) => core.conversation.handle(actor, { text }, ctx),
    click: (actor, action, value) => core.conversation.handle(actor, { action: { id: action, value } }, ctx),
  };
}

/** All text of a reply, for assertions. */
export const textOf = (r: Reply) => r.messages.map((m) => [m.text, ...(m.fields ?? []).map((f) => `${f.label}: ${f.value}`)].join('\n')).join('\n');
/** The button with this label (throws if missing, so a test fails clearly). */
export function button(r: Reply, label: string | RegExp) {
  const all = r.messages.flatMap((m) => m.buttons ?? []);
  const b = all.find((x) => (typeof label === 'string' ? x.label === label : label.test(x.label)));
  if (!b) throw new Error(`no button ${label}; have: ${all.map((x) => x.label).join(', ')}`);
  return b;
}
