import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Store } from '../../src/db/store';
import type { FileLinks } from '../../src/files/file-links';
import type { BotFile, BotMessage } from '../../src/messages/bot-message';
import { DeliveryError, type Notifier, type Recipient, type SentRef } from '../../src/notify/notifier';
import type { Logger } from '../../src/support/logger';
import { teamsIdKey } from '../../src/domain/teams-id';
import { channelKey, referenceOf, type AddressKind, type StoredReference, type TeamsAddresses, type TenantRoute } from './conversation-refs';
import { toDeliveryError } from './outbound/connector-retry';
import type { Outbound } from './outbound/outbound';
import { CONNECTOR_TIMEOUT_MS } from './outbound/sdk-timeout';
import { summaryOf } from './render/card';
import { fileCard } from './render/file-card';
import { messageCard } from './render/message-card';
import { cardActivity } from './reply-sender';

/** Audience of the Bot Connector in the public cloud (tokens for proactive calls are issued for it). */
const BOT_CONNECTOR_AUDIENCE = 'https://api.botframework.com';

export interface TeamsNotifierDeps {
  adapter: CloudAdapter;
  appId: string;
  store: Store;
  addresses: TeamsAddresses;
  outbound: Outbound;
  files: FileLinks;
  timezone: string;
  logger: Logger;
  /** Deadline for opening a new 1:1 chat (default CONNECTOR_TIMEOUT_MS). */
  createTimeoutMs?: number;
  /** The app's own tenant (single-tenant apps): new 1:1 chats are opened only there. */
  tenantId?: string;
}

interface Target {
  kind: AddressKind;
  key: string;
  ref: StoredReference | null;
  /** No 1:1 chat seen yet: open one through this route (the app must be installed for the person). */
  tenant?: TenantRoute;
}

type Rendered = { card: ReturnType<typeof messageCard>; summary: string };

/**
 * The Notifier port for Teams: proactive messages through the conversation references the bot stored
 * when it met the person or the channel (`continueConversationAsync`). A person who never wrote to
 * the bot but is in the tenant gets a new 1:1 chat (`createConversationAsync` with their AAD object
 * id). Paced per conversation and retried on throttling by Outbound; failures are DeliveryErrors.
 * Messages arrive finalised (Kosovo*, footnote) from the CompositeNotifier.
 */
export class TeamsNotifier implements Notifier {
  readonly platform = 'teams' as const;

  constructor(private readonly deps: TeamsNotifierDeps) {}

  async canReach(to: Recipient): Promise<boolean> {
    return (await this.target(to)) !== null;
  }

  async send(to: Recipient, message: BotMessage): Promise<SentRef> {
    return this.post(to, [render(message)]);
  }

  async sendFile(to: Recipient, file: BotFile, message: BotMessage): Promise<SentRef> {
    const link = await this.deps.files.create(file, to.kind === 'person' ? { personId: to.personId } : {});
    return this.post(to, [render(message), { card: fileCard(file, link, this.deps.timezone), summary: file.title ?? file.name }]);
  }

  async update(sent: SentRef, message: BotMessage): Promise<void> {
    const [kind, ...rest] = sent.channel.split(':');
    const ref = kind === 'person' || kind === 'channel' ? await this.deps.addresses.get(kind, rest.join(':')) : null;
    if (!ref) throw new DeliveryError(`no Teams address for ${sent.channel}`, false);
    await this.continue(ref, async (ctx) => {
      await this.deps.outbound.call(ref.conversation.id, () => ctx.updateActivity({ ...cardActivity(render(message)), id: sent.ref }));
    });
  }

  private async post(to: Recipient, cards: Rendered[]): Promise<SentRef> {
    const t = await this.target(to);
    if (!t) throw new DeliveryError(`no Teams address for ${to.kind === 'person' ? `person ${to.personId}` : `channel ${to.channel}`}`, false);
    const ids: string[] = [];
    const sendAll = async (ctx: TurnContext) => {
      for (const c of cards) {
        const res = await this.deps.outbound.call(ctx.activity.conversation.id, () => ctx.sendActivity(cardActivity(c)));
        ids.push(res?.id ?? '');
      }
    };
    if (t.ref) await this.continue(t.ref, sendAll);
    else await this.openPersonalChat(t.key, t.tenant!, sendAll);
    return { platform: 'teams', channel: `${t.kind}:${t.key}`, ref: ids[0] ?? '' };
  }

  /**
   * Runs `logic` in the person's 1:1 chat with the bot: the stored one, or a new one opened through
   * `via` (the route of the activity being answered) or any known route of the tenant. Used to answer
   * privately what was asked in a channel. Fails with a DeliveryError when no chat can be had.
   */
  async inPersonalChat(aadObjectId: string, logic: (ctx: TurnContext) => Promise<void>, via?: TenantRoute | null): Promise<void> {
    const key = teamsIdKey(aadObjectId);
    const ref = await this.deps.addresses.get('person', key);
    if (ref) return this.continue(ref, logic);
    const route = via ?? (await this.deps.addresses.anyInTenant(this.deps.tenantId));
    if (!route) throw new DeliveryError('no Teams route to open a personal chat', false);
    await this.openPersonalChat(key, route, logic);
  }

  private async target(to: Recipient): Promise<Target | null> {
    const { addresses } = this.deps;
    if (to.kind === 'channel') {
      if (to.platform !== 'teams') return null;
      const key = channelKey(to.channel);
      const ref = await addresses.get('channel', key);
      return ref ? { kind: 'channel', key, ref } : null;
    }
    const stored = to.teamsId ?? (await this.deps.store.people.get(to.personId))?.teamsId;
    if (!stored) return null;
    const teamsId = teamsIdKey(stored);
    const ref = await addresses.get('person', teamsId);
    if (ref) return { kind: 'person', key: teamsId, ref };
    const tenant = await addresses.anyInTenant(this.deps.tenantId);
    return tenant ? { kind: 'person', key: teamsId, ref: null, tenant } : null;
  }

  private async continue(ref: StoredReference, logic: (ctx: TurnContext) => Promise<void>): Promise<void> {
    const run = capture(logic);
    try {
      await this.deps.adapter.continueConversationAsync(this.deps.appId, ref, run.logic);
    } catch (err) {
      throw toDeliveryError(err);
    }
    run.rethrow();
  }

  /**
   * Creating the chat is the one connector call made before a turn exists, so the request-timeout
   * middleware cannot reach it: it gets its own deadline here. When the deadline passes first, the
   * send fails (retryable) and a chat created late is left silent, or the ledger's retry would make
   * the person get the message twice.
   */
  private async openPersonalChat(aadObjectId: string, tenant: TenantRoute, logic: (ctx: TurnContext) => Promise<void>): Promise<void> {
    const tenantId = tenant.tenantId;
    const params = {
      isGroup: false,
      bot: tenant.bot,
      members: [{ id: aadObjectId, name: '' }],
      tenantId,
      channelData: { tenant: { id: tenantId } },
    };
    let abandoned = false;
    let opened!: () => void;
    const chatOpened = new Promise<'opened'>((resolve) => (opened = () => resolve('opened')));
    const run = capture(async (ctx) => {
      if (abandoned) return;
      opened();
      const ref = referenceOf(ctx.activity);
      if (ref) await this.deps.addresses.save('person', aadObjectId, { ...ref, user: { id: aadObjectId, name: '', aadObjectId } });
      this.deps.logger.info('Teams: opened a personal chat for a proactive message');
      await logic(ctx);
    });
    const creating = this.deps.outbound.call(`create|${aadObjectId}`, () =>
      this.deps.adapter.createConversationAsync(this.deps.appId, tenant.channelId, tenant.serviceUrl, BOT_CONNECTOR_AUDIENCE, params, run.logic),
    );
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), this.deps.createTimeoutMs ?? CONNECTOR_TIMEOUT_MS)));
    try {
      if ((await Promise.race([creating.then(() => 'done' as const), chatOpened, deadline])) === 'late') {
        abandoned = true;
        creating.catch(() => undefined);
        throw new DeliveryError('Bot Connector did not open the chat in time', true);
      }
      await creating;
    } catch (err) {
      throw toDeliveryError(err);
    } finally {
      clearTimeout(timer);
    }
    run.rethrow();
  }
}

/**
 * The adapter hands an error thrown by the turn logic to its onTurnError handler (which logs it) and
 * returns normally; a proactive send must fail instead, so the error is kept and thrown afterwards.
 */
function capture(logic: (ctx: TurnContext) => Promise<void>) {
  let failure: { err: unknown } | undefined;
  return {
    logic: async (ctx: TurnContext) => {
      try {
        await logic(ctx);
      } catch (err) {
        failure = { err };
      }
    },
    rethrow: () => {
      if (failure) throw toDeliveryError(failure.err);
    },
  };
}

function render(message: BotMessage): Rendered {
  return { card: messageCard(message), summary: summaryOf(message.text) };
}
