import type { App } from '@slack/bolt';
import { FILE_TOO_LARGE, readWithinLimit } from '../../../src/spreadsheets/received-file';
import { MAX_IMPORT_BYTES } from '../../../src/spreadsheets/spreadsheet.service';
import type { SlackDeps } from '../context';
import { converse } from '../converse';
import { deliverReply, guarded, postMessages, type Surface } from '../deliver';
import { typedText } from '../parse/message-text';
import { REQUEST_TIMEOUT_MS } from '../web-client';
import { firstDelivery } from './first-delivery';

interface FileMessage {
  channel_type?: unknown;
  channel?: unknown;
  subtype?: unknown;
  bot_id?: unknown;
  user?: unknown;
  text?: unknown;
  files?: unknown;
}

interface SlackFileInfo {
  name?: string;
  size?: number;
  url_private_download?: string;
  url_private?: string;
}


/**
 * The file's bytes, fetched with the bot token. Its address comes from `files.info` on the Web API
 * the app is configured with, and the token is only sent to Slack's file host or to that API's own
 * host (a proxy, or the tests' stand-in): never to an address taken from the event itself.
 */
async function download(deps: SlackDeps, fileId: string): Promise<{ name: string; content: Buffer } | string> {
  const info = (await deps.web.files.info({ file: fileId })).file as SlackFileInfo | undefined;
  const url = info?.url_private_download ?? info?.url_private;
  if (!info || !url) return 'I could not open that file. Please send it again.';
  if ((info.size ?? 0) > MAX_IMPORT_BYTES) return FILE_TOO_LARGE;
  const host = new URL(url).host;
  if (host !== 'files.slack.com' && host !== new URL(deps.web.slackApiUrl).host) return 'I could not open that file. Please send it again.';
  const res = await fetch(url, { headers: { authorization: `Bearer ${deps.web.token ?? ''}` }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS * 3) });
  if (!res.ok || !res.body) return 'I could not download that file from Slack. Please send it again.';
  const content = await readWithinLimit(res.body);
  return content ? { name: info.name ?? 'spreadsheet', content } : FILE_TOO_LARGE;
}

/**
 * A file shared in the bot's DM (`message` with subtype `file_share`): a spreadsheet to import. The
 * core checks it (dry run) and answers with the summary and an Import button, or refuses politely
 * when the person is not the Secretariat (then the file is not even downloaded).
 */
export function registerFileShareHandler(bolt: App, deps: SlackDeps): void {
  bolt.message(async ({ message, body, context }) => {
    const m = message as FileMessage;
    if (m.channel_type !== 'im' || m.subtype !== 'file_share' || m.bot_id !== undefined) return;
    const file = Array.isArray(m.files) ? (m.files[0] as { id?: unknown } | undefined) : undefined;
    if (typeof m.user !== 'string' || typeof m.channel !== 'string' || typeof file?.id !== 'string') return;
    const { user: userId, channel } = m;
    const fileId = file.id;
    const surface: Surface = { kind: 'channel', channel, userId };
    void deps.queue.run(userId, () =>
      guarded(deps, surface, async () => {
        if (!(await firstDelivery(deps, body.event_id, context.retryNum))) return;
        // Refused before anything is downloaded (not on the roster, or not the Secretariat).
        const refused = await deps.core.conversation.uploadRefusal({ platform: 'slack', userId });
        if (refused) return deliverReply(deps, surface, refused);
        const got = await download(deps, fileId);
        if (typeof got === 'string') return postMessages(deps, surface, [{ text: got }]);
        const hint = typeof m.text === 'string' && m.text ? { hint: typedText(m.text) } : {};
        await converse(deps, surface, userId, { file: { ...got, ...hint } }, { mode: 'chat', channel: { platform: 'slack', id: channel } });
      }),
    );
  });
}
