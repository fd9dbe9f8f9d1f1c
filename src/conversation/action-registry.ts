import type { Actor } from '../domain/actor';
import type { RunContext } from './command-registry';
import type { Reply } from './reply';

export type ActionHandler = (actor: Actor, value: string, ctx: RunContext) => Promise<Reply>;

/** Button actions by id ("form.submit", "nudge.snooze"…); filled from the feature modules by the core. */
export class ActionRegistry {
  private readonly handlers = new Map<string, ActionHandler>();

  register(id: string, handler: ActionHandler): void {
    if (this.handlers.has(id)) throw new Error(`action ${id} registered twice`);
    this.handlers.set(id, handler);
  }

  get(id: string): ActionHandler | undefined {
    return this.handlers.get(id);
  }

  ids(): string[] {
    return [...this.handlers.keys()];
  }
}

