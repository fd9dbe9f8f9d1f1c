import { randomBytes } from 'node:crypto';
import type { BotFile } from '../../src/messages/bot-message';

export interface ConsoleFileInfo {
  id: string;
  name: string;
  mimeType: string;
  size: number;
}

interface Stored extends ConsoleFileInfo {
  personId: string;
  content: Buffer;
}

/**
 * Files the bot produced for console people (reports as XLSX/CSV/PNG), kept in memory for download.
 * Bounded by count and total size; the oldest go first. Each file is only served to its person.
 */
export class ConsoleFiles {
  private readonly files = new Map<string, Stored>();
  private bytes = 0;

  constructor(
    private readonly maxFiles = 50,
    private readonly maxBytes = 100_000_000,
  ) {}

  put(personId: string, file: BotFile): ConsoleFileInfo {
    const info: ConsoleFileInfo = { id: randomBytes(12).toString('hex'), name: file.name, mimeType: file.mimeType, size: file.content.length };
    this.files.set(info.id, { ...info, personId, content: file.content });
    this.bytes += info.size;
    while (this.files.size > 1 && (this.files.size > this.maxFiles || this.bytes > this.maxBytes)) {
      const [oldest] = this.files.values();
      this.files.delete(oldest!.id);
      this.bytes -= oldest!.size;
    }
    return info;
  }

  get(personId: string, id: string): (ConsoleFileInfo & { content: Buffer }) | undefined {
    const f = this.files.get(id);
    return f && f.personId === personId ? f : undefined;
  }
}
