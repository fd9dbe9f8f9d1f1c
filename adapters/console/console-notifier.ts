import type { Store } from '../../src/db/store';
import type { BotFile, BotMessage } from '../../src/messages/bot-message';
import { DeliveryError, type Notifier, type Recipient, type SentRef } from '../../src/notify/notifier';
import type { ConsoleFiles, ConsoleFileInfo } from './console-files';

/** One proactive message in a person's console inbox. */
export interface InboxEntry {
  /** Stable id of the message (the SentRef's ref): an update replaces the entry with this id. */
  id: string;
  /** Increases on every send and update, so a poll with `after` sees both. */
  seq: number;
  at: string;
  message: BotMessage;
  file?: ConsoleFileInfo;
}

export interface ConsoleNotifierOptions {
  store: Store;
  files: ConsoleFiles;
  now: () => Date;
  /** Newest messages kept per person; older ones drop off. */
  perPerson?: number;
  /** People with an inbox at once; the least recently written drops off. */
  maxPeople?: number;
}

/**
 * Proactive messages (reminders, digests, "the database is back") for people trying the bot in the
 * console. Reaches every active person in the roster, so it is registered last: Slack and Teams,
 * when configured, are preferred. Messages arrive here already finalised by the CompositeNotifier.
 */
export class ConsoleNotifier implements Notifier {
  readonly platform = 'console' as const;
  private readonly inboxes = new Map<string, InboxEntry[]>();
  private seq = 0;
  private readonly perPerson: number;
  private readonly maxPeople: number;

  constructor(private readonly opts: ConsoleNotifierOptions) {
    this.perPerson = opts.perPerson ?? 100;
    this.maxPeople = opts.maxPeople ?? 5_000;
  }

  async canReach(to: Recipient): Promise<boolean> {
    if (to.kind !== 'person') return false;
    const p = await this.opts.store.people.get(to.personId);
    return Boolean(p?.active);
  }

  async send(to: Recipient, message: BotMessage): Promise<SentRef> {
    return this.push(this.personOf(to), message);
  }

  async update(ref: SentRef, message: BotMessage): Promise<void> {
    const box = this.inboxes.get(ref.channel);
    const i = box?.findIndex((e) => e.id === ref.ref) ?? -1;
    if (!box || i < 0) throw new DeliveryError('console message no longer in the inbox', false);
    const [old] = box.splice(i, 1);
    box.push({ ...old!, seq: ++this.seq, at: this.opts.now().toISOString(), message });
  }

  async sendFile(to: Recipient, file: BotFile, message: BotMessage): Promise<SentRef> {
    const personId = this.personOf(to);
    return this.push(personId, message, this.opts.files.put(personId, file));
  }

  /** Messages for this person newer than `after` (a seq from an earlier poll), oldest first. */
  inbox(personId: string, after = 0): InboxEntry[] {
    return (this.inboxes.get(personId) ?? []).filter((e) => e.seq > after);
  }

  /** The newest seq handed out so far (0 when nothing was sent). */
  lastSeq(): number {
    return this.seq;
  }

  /** Delivers straight to a console person (replies that finish later, e.g. slow reports). */
  push(personId: string, message: BotMessage, file?: ConsoleFileInfo): SentRef {
    const id = `m${++this.seq}`;
    const box = this.inboxes.get(personId) ?? [];
    this.inboxes.delete(personId); // re-insert: the map's order is least recently written first
    box.push({ id, seq: this.seq, at: this.opts.now().toISOString(), message, ...(file ? { file } : {}) });
    if (box.length > this.perPerson) box.splice(0, box.length - this.perPerson);
    this.inboxes.set(personId, box);
    if (this.inboxes.size > this.maxPeople) this.inboxes.delete(this.inboxes.keys().next().value as string);
    return { platform: 'console', channel: personId, ref: id };
  }

  private personOf(to: Recipient): string {
    if (to.kind !== 'person') throw new DeliveryError('the console has no channels', false);
    return to.personId;
  }
}
