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

/**
 * Everyone the decision chain involves: two partners (Serbia and Albania MoI), a donor (GIZ), the
 * IISG Secretariat and a Board member.
 */
export async function addChainCast(store: Store): Promise<{ ana: Actor; arben: Actor; greta: Actor; sead: Actor; bea: Actor }> {
  return {
    ana: await addPerson(store, { name: 'Ana Petrović', email: 'ana@mup.gov.rs', orgCode: 'MOI-RS' }),
    arben: await addPerson(store, { name: 'Arben Hoxha', email: 'arben@asp.gov.al', orgCode: 'MOI-AL' }),
    greta: await addPerson(store, { name: 'Greta Berger', email: 'greta@giz.de', orgCode: 'GIZ' }),
    sead: await addPerson(store, { name: 'Sead Kovač', email: 'sead@rcc.int', orgCode: 'IISG-SEC', role: 'secretariat' }),
    bea: await addPerson(store, { name: 'Bea Board', email: 'bea@board.example', orgCode: 'DG-NEAR', role: 'board' }),
  };
}
