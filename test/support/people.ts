import { SYSTEM_ACTOR, type Actor } from '../../src/domain/actor';
import type { Store } from '../../src/db/store';

/** Adds a person to the roster and returns them as an actor. */
export async function addPerson(
  store: Store,
  p: { name: string; email: string; orgCode: string; role?: 'secretariat' | 'member' | 'board' | 'observer'; slackId?: string; teamsId?: string; timezone?: string; deputyOf?: string; awayUntil?: string },
): Promise<Actor> {
  const { id } = await store.people.upsert(SYSTEM_ACTOR, { role: 'member', ...p });
  return (await store.people.actorById(id))!;
}

/**
 * The pair most Slack tests start from: Ana (Serbia MoI, on Slack as `anaSlackId`, added to the
 * stand-in's workspace too) and Sead of the IISG Secretariat (not on Slack).
 */
export async function addAnaAndSead(store: Store, anaSlackId: string, slack: { addUser(id: string): void }): Promise<{ ana: Actor; secretariat: Actor }> {
  slack.addUser(anaSlackId);
  const ana = await addPerson(store, { name: 'Ana Petrović', email: 'ana@mup.rs', orgCode: 'MOI-RS', slackId: anaSlackId });
  const secretariat = await addPerson(store, { name: 'Sead', email: 'sead@rcc.int', orgCode: 'IISG-SEC', role: 'secretariat' });
  return { ana, secretariat };
}
