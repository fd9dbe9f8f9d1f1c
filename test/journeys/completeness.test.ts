import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SLACK_ACTIONS } from '../../adapters/slack/render/blocks';
import { ManualClock } from '../../src/support/clock';
import { consoleDriver } from './drivers/console-driver';
import { textOf, type Driver, type PersonSpec } from './drivers/driver';

const root = join(__dirname, '..', '..');
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });

/**
 * Nothing the bot offers is a dead end: every button action id written anywhere in the code has a
 * handler in the assembled core, and every command `help` lists to a person runs for that person.
 */
describe('completeness', () => {
  let d: Driver;
  beforeAll(async () => {
    d = await consoleDriver(new ManualClock(new Date('2026-12-02T09:00:00Z')));
  });
  afterAll(() => d.stop());

  it('every action id a button in the code can carry has a handler', () => {
    const handled = new Set([...d.t.app.core.conversation.actions.ids(), ...Object.values(SLACK_ACTIONS)]);
    const written = new Map<string, string>();
    for (const file of [...sources(join(root, 'src')), ...sources(join(root, 'adapters'))]) {
      // Button actions are dotted ids ("nudge.snooze"); audit actions ("update", "retire") are not.
      for (const m of readFileSync(file, 'utf8').matchAll(/\baction: '([a-z-]+\.[a-z.-]+)'/g)) written.set(m[1]!, relative(root, file));
    }
    for (const id of d.t.app.core.conversation.actions.ids()) expect(id).toMatch(/^[a-z-]+\.[a-z.-]+$/);
    expect(written.size).toBeGreaterThan(20);
    expect([...written].filter(([id]) => !handled.has(id)).map(([id, file]) => `${id} (${file})`)).toEqual([]);
  });

  const people: [string, PersonSpec][] = [
    ['a Western Balkan partner', { name: 'Ana Petrović', email: 'ana@mup.gov.rs', orgCode: 'MOI-RS' }],
    ['a donor', { name: 'Greta Berger', email: 'greta@giz.de', orgCode: 'GIZ' }],
    ['the Secretariat', { name: 'Sead Kovač', email: 'sead@rcc.int', orgCode: 'IISG-SEC', role: 'secretariat' }],
    ['a Board member', { name: 'Bojan Board', email: 'bojan@board.int', orgCode: 'DG-NEAR', role: 'board' }],
    ['an observer', { name: 'Olga Observer', email: 'olga@osce.org', orgCode: 'OSCE-BIH', role: 'observer' }],
  ];

  it.each(people)('every command help lists to %s runs for them', async (_who, spec) => {
    const p = await d.join(spec);
    // `help` is short; its "More" button lists every command this person may use.
    const help = textOf(await d.click(p, await d.say(p, 'help'), 'More'));
    const commands = [...help.matchAll(/^• (\S+(?: [a-z-]+)?)/gm)].map((m) => m[1]!).filter((c) => !/^</.test(c));
    expect(commands.length).toBeGreaterThan(2);
    const broken: string[] = [];
    for (const command of commands) {
      const answer = textOf(await d.say(p, command));
      if (/I did not recognise|Something went wrong|Sorry, .* is for the IISG Secretariat|only Support Group members send reports/.test(answer)) broken.push(`${command}: ${answer.slice(0, 120)}`);
      await d.say(p, 'cancel'); // leave any form it opened
    }
    expect(broken).toEqual([]);
  });
});
