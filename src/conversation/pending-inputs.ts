import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CommandContext } from './command-registry';
import type { ChatInput } from './reply';
import type { Who } from './who';

export interface PendingInput {
  /** Who sent it, as the platform named them: resolved to a person only on replay. */
  who: Who;
  input: ChatInput;
  ctx: CommandContext;
  at: string;
  /** Its delivery id was claimed before the database went away (so the replay does not claim it again). */
  claimed?: boolean;
}

export type ReplayOutcome = 'done' | 'unreachable' | 'dead';

/**
 * What people typed, clicked or submitted while the database was unreachable: kept in memory and in
 * a journal file (a restart loses nothing either), one queue per person, replayed in order when
 * the database answers again. An input that fails on replay for an ordinary reason (not found,
 * forbidden, a person no longer on the roster) goes to the dead-letter file and never holds up
 * anyone, its person's later inputs included; only "database unreachable" keeps it queued.
 */
export class PendingInputs {
  private items: PendingInput[] = [];
  private draining = false;

  constructor(
    private readonly journal?: string,
    private readonly deadLetter = journal ? journal.replace(/(\.jsonl)?$/, '.dead.jsonl') : undefined,
  ) {
    if (journal && existsSync(journal)) {
      for (const line of readFileSync(journal, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        try {
          const item = JSON.parse(line) as PendingInput;
          if (item && typeof item === 'object' && item.who && item.input) this.items.push(item);
        } catch {
          // A torn last line from a crash mid-write: skip it, keep the rest.
        }
      }
    }
  }

  add(item: PendingInput): void {
    this.items.push(item);
    if (this.journal) {
      mkdirSync(dirname(this.journal), { recursive: true, mode: 0o700 });
      appendFileSync(this.journal, `${JSON.stringify(item)}\n`, { mode: 0o600 });
    }
  }

  size(): number {
    return this.items.length;
  }

  hasFor(key: string): boolean {
    return this.items.some((i) => whoKey(i.who) === key);
  }

  /**
   * Replays every queue in arrival order. `run` says how each input went: done (saved and
   * answered), dead (answered with its reason, moved aside) or unreachable (the database is down
   * again: stop here, keep it and everything after it).
   */
  async drain(run: (item: PendingInput) => Promise<ReplayOutcome>): Promise<{ done: number; dead: number }> {
    // One replay at a time (the replay timer and a caller may both ask): the others find nothing to do.
    if (this.draining) return { done: 0, dead: 0 };
    this.draining = true;
    try {
      return await this.drainQueue(run);
    } finally {
      this.draining = false;
    }
  }

  private async drainQueue(run: (item: PendingInput) => Promise<ReplayOutcome>): Promise<{ done: number; dead: number }> {
    let done = 0;
    let dead = 0;
    while (this.items.length) {
      const item = this.items[0]!;
      const outcome = await run(item);
      if (outcome === 'unreachable') break;
      this.items.shift();
      if (outcome === 'dead') {
        dead++;
        if (this.deadLetter) appendFileSync(this.deadLetter, `${JSON.stringify(item)}\n`, { mode: 0o600 });
      } else done++;
      this.rewrite();
    }
    return { done, dead };
  }

  private rewrite(): void {
    if (this.journal) writeFileSync(this.journal, this.items.map((i) => `${JSON.stringify(i)}\n`).join(''), { mode: 0o600 });
  }
}

/** One queue per person: a platform id before identification, the person id after. */
export function whoKey(who: Who): string {
  return 'personId' in who ? `person|${who.personId}` : `${who.platform}|${who.userId}`;
}
