import type { BotFile } from '../../../src/messages/bot-message';
import { formatDateTime } from '../../../src/forms/format-answer';
import { adaptiveCard, smallPrint, textBlock, type AdaptiveCard } from './card';

/** A file as a card with a download button (a signed link that expires). */
export function fileCard(file: BotFile, link: { url: string; expiresAt: Date }, timeZone: string): AdaptiveCard {
  return adaptiveCard(
    [
      textBlock(`📎 **${file.title ?? file.name}**`),
      textBlock(`${file.name} · ${humanSize(file.content.length)}`, { isSubtle: true, spacing: 'None' }),
      smallPrint(`The download link works until ${formatDateTime(link.expiresAt.toISOString(), timeZone)}. Ask again for a fresh one.`),
    ],
    [{ type: 'Action.OpenUrl', title: 'Download', url: link.url }],
  );
}

export function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
