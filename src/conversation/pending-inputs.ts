import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Actor } from '../domain/actor';
import type { ChatInput, Mode } from './reply';

export interface PendingInput {
  actor: Actor;
  input: ChatInput;
  mode: Mode;
  at: string;
}

/**
 * Answers that arrived while the database was unreachable. Kept in order per person, in memory and
 * in a journal file (so a restart does not lose them either), and replayed when the database is back.
 */
export class PendingInputs {
  private items: PendingInput[] = [];

  constructor(private readonly journal?: string) {
    if (journal && existsSync(journal)) {
      for (const line of readFileSync(journal, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        try {
          this.items.push(JSON.parse(line) as PendingInput);
        } catch {
          // A torn last line from a crash mid-write: skip it, keep the rest.
        }
      }
    }
  }

  add(item: PendingInput): void {
    this.items.push(item);
    if (this.journal) {
      mkdirSync(dirname(this.journal), { recursive: true });
      appendFileSync(this.journal, `${JSON.stringify(item)}\n`, { mode: 0o600 });
    }
  }

  size(): number {
    return this.items.length;
  }

  hasFor(personId: string): boolean {
    return this.items.some((i) => i.actor.personId === personId);
  }

  /** Replays in arrival order; stops at the first that fails again (still unreachable) and keeps the rest. */
  async drain(run: (item: PendingInput) => Promise<void>): Promise<number> {
    let done = 0;
    while (this.items.length) {
      try {
        await run(this.items[0]!);
      } catch {
        break;
      }
      this.items.shift();
      done++;
      this.rewrite();
    }
    return done;
  }

  private rewrite(): void {
    if (this.journal) writeFileSync(this.journal, this.items.map((i) => `${JSON.stringify(i)}\n`).join(''), { mode: 0o600 });
  }
}
