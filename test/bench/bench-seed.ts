import type { Models } from '../../src/db/models';
import type { OrganisationDoc } from '../../src/db/models/organisation.model';
import type { PersonDoc } from '../../src/db/models/person.model';
import { slashCommand, viewSubmission } from '../support/slack-payloads';
import type { Shot } from './bench-load';

/**
 * Synthetic roster for the benchmark, written in bulk (insertMany) rather than one upsert at a time.
 *  - `fanout` members: focal points in organisations of 20, all owing the 2026-Q4 report, each with
 *    a Slack id, no timezone (all due at 10:00 Sarajevo on 1 December 2026).
 *  - `interactive` members: the people who type commands and submit forms, in a Western Balkan
 *    partner organisation that owes no quarterly report, so they never appear in the fan-out.
 */
export const FANOUT_ORG_SIZE = 20;
export const INTERACTIVE_ORG = 'BENCH-WB';
export const fanoutSlackId = (i: number) => `UF${String(i).padStart(6, '0')}`;
export const interactiveSlackId = (i: number) => `UI${String(i).padStart(6, '0')}`;

export async function seedBenchRoster(models: Models, opts: { fanout: number; interactive: number; now: Date; orgs?: 'all' | 'fanout' }): Promise<void> {
  const { now } = opts;
  const orgs: OrganisationDoc[] = [
    { _id: INTERACTIVE_ORG, name: 'Bench partner ministry', shortName: 'Bench MoI', type: 'wb-partner', country: 'RS', pillar: 'WBBSi', reporting: false, active: true, createdAt: now, updatedAt: now },
  ];
  for (let o = 0; o * FANOUT_ORG_SIZE < opts.fanout; o++) {
    const code = `BENCH-${String(o).padStart(4, '0')}`;
    orgs.push({ _id: code, name: `Bench organisation ${o}`, shortName: `Bench ${o}`, type: 'international-org', pillar: 'WBBSi', reporting: true, active: true, createdAt: now, updatedAt: now });
  }
  const person = (id: string, slackId: string, orgCode: string, n: number): PersonDoc => ({
    _id: id,
    name: `Bench Person ${n}`,
    email: `${id}@bench.invalid`,
    orgCode,
    role: 'member',
    slackId,
    active: true,
    createdAt: now,
    updatedAt: now,
  });
  const people: PersonDoc[] = [];
  for (let i = 0; i < opts.fanout; i++) people.push(person(`bench-f${i}`, fanoutSlackId(i), orgs[1 + Math.floor(i / FANOUT_ORG_SIZE)]!._id, i));
  for (let i = 0; i < opts.interactive; i++) people.push(person(`bench-i${i}`, interactiveSlackId(i), INTERACTIVE_ORG, opts.fanout + i));
  const newOrgs = opts.orgs === 'fanout' ? orgs.slice(1) : orgs;
  if (newOrgs.length) await models.organisations.collection.insertMany(newOrgs as never[]);
  for (let i = 0; i < people.length; i += 500) await models.people.collection.insertMany(people.slice(i, i + 500) as never[]);
}

/** A valid development update, as typed into the modal (labels for the selects). */
export const VALID_UPDATE: Record<string, string | string[]> = {
  kind: 'Law',
  title: 'Law on Border Control (amendments)',
  country: 'Serbia',
  adoptingBody: 'National Assembly',
  stage: 'Adopted',
  summary: 'Aligns border checks with the Schengen Borders Code and creates a risk analysis unit.',
  themes: ['Border checks', 'Risk analysis'],
};

let replies = 0;

/**
 * One level's requests: `/wbbsi help`, `/wbbsi mine` and a view submission of a valid update,
 * interleaved: the commands typed by `users` in turn, the submissions by the owners of `views` (one
 * opened modal per submission).
 */
export function buildShots(opts: { count: number; users: string[]; views: { user: string; view: unknown }[]; responseUrl: (id: string) => string; level: string; mix?: Mix }): Shot[] {
  const shots: Shot[] = [];
  let v = 0;
  for (let i = 0; i < opts.count; i++) {
    const kind = opts.mix === 'submit' ? 'submit' : opts.mix === 'commands' ? (['help', 'mine'] as const)[i % 2]! : (['help', 'mine', 'submit'] as const)[i % 3]!;
    if (kind === 'submit') {
      const { user: owner, view } = opts.views[v]!;
      const viewId = `VB${opts.level}${String(v).padStart(6, '0')}`;
      const payload = viewSubmission({ user: owner, opened: view as Record<string, unknown>, answers: VALID_UPDATE, viewId });
      v += 1;
      shots.push({ kind, body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), viewId });
      continue;
    }
    const user = opts.users[i % opts.users.length]!;
    const replyId = `bench-${opts.level}-${(replies += 1)}`;
    const fields = slashCommand({ user, text: kind, responseUrl: opts.responseUrl(replyId) });
    shots.push({ kind, body: new URLSearchParams(fields).toString(), replyId });
  }
  return shots;
}

/** `mixed`: help, mine and submissions in turn; `submit`: only form submissions; `commands`: help and mine. */
export type Mix = 'mixed' | 'submit' | 'commands';

/** How many submissions `buildShots` needs for `count` requests. */
export const submissionsIn = (count: number, mix: Mix = 'mixed') => (mix === 'submit' ? count : mix === 'commands' ? 0 : Math.floor(count / 3));
