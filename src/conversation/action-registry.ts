import type { Actor } from '../domain/actor';
import type { Mode, Reply } from './reply';

export type ActionHandler = (actor: Actor, value: string, ctx: { mode: Mode }) => Promise<Reply>;

/** Button actions by id ("form.submit", "nudge.snooze"…); features register their own. */
export class ActionRegistry {
  private readonly handlers = new Map<string, ActionHandler>();

  register(id: string, handler: ActionHandler): void {
    if (this.handlers.has(id)) throw new Error(`action ${id} registered twice`);
    this.handlers.set(id, handler);
  }

  get(id: string): ActionHandler | undefined {
    return this.handlers.get(id);
  }
}
