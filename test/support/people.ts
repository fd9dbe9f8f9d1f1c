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
