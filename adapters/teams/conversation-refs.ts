import { TurnContext, type Activity } from 'botbuilder';
import { z } from 'zod';
import type { Store } from '../../src/db/store';
import { teamsIdKey } from '../../src/domain/teams-id';
import { serviceUrlAllowed, type ServiceUrlPolicy } from './service-url';

/**
 * Conversation references: where the bot can write to a person or a channel later (reminders,
 * summaries, reports). Refreshed on every turn from `TurnContext.getConversationReference`, but only
 * the fields a proactive send needs are kept, as plain strings: a payload cannot smuggle odd keys
 * into the database this way.
 */
const account = z.object({ id: z.string().min(1).max(512), name: z.string().max(256).default(''), aadObjectId: z.string().max(128).optional() });
const storedReference = z.object({
  channelId: z.string().min(1).max(64),
  serviceUrl: z.url({ protocol: /^https?$/ }).max(2048),
  locale: z.string().max(32).optional(),
  bot: account,
  user: account.optional(),
  conversation: z.object({
    id: z.string().min(1).max(1024),
    name: z.string().max(256).default(''),
    conversationType: z.string().max(64).default('personal'),
    isGroup: z.boolean().default(false),
    tenantId: z.string().max(128).optional(),
  }),
});
export type StoredReference = z.infer<typeof storedReference>;

export type AddressKind = 'person' | 'channel';

/** Personal chat with the bot (1:1), as opposed to a channel or a group chat. */
export function isPersonal(activity: Partial<Activity>): boolean {
  const c = activity.conversation;
  return c?.conversationType === 'personal' || (!c?.conversationType && !c?.isGroup);
}

/** A channel's conversation id without the thread suffix, so a proactive post starts a new thread. */
export const channelKey = (conversationId: string) => conversationId.split(';messageid=')[0]!;

/** The reference to answer in this conversation (`thread` keeps a channel thread, for late replies). */
export function referenceOf(activity: Partial<Activity>, opts: { thread?: boolean } = {}): StoredReference | null {
  const r = TurnContext.getConversationReference(activity);
  const personal = isPersonal(activity);
  const conversationId = r.conversation?.id;
  const parsed = storedReference.safeParse({
    channelId: r.channelId,
    serviceUrl: r.serviceUrl,
    ...(typeof r.locale === 'string' ? { locale: r.locale } : {}),
    bot: pickAccount(r.bot),
    // Only a 1:1 chat needs to know the person; a channel reference does not keep who last wrote.
    ...(r.user && personal ? { user: pickAccount(r.user) } : {}),
    conversation: {
      id: typeof conversationId === 'string' && !personal && !opts.thread ? channelKey(conversationId) : conversationId,
      conversationType: r.conversation?.conversationType ?? (personal ? 'personal' : 'channel'),
      isGroup: r.conversation?.isGroup === true,
      ...(typeof r.conversation?.tenantId === 'string' ? { tenantId: r.conversation.tenantId } : {}),
    },
  });
  return parsed.success ? parsed.data : null;
}

function pickAccount(a: Partial<{ id: unknown; name: unknown; aadObjectId: unknown }> | undefined) {
  if (!a) return undefined;
  return {
    id: a.id,
    ...(typeof a.name === 'string' ? { name: a.name.slice(0, 256) } : {}),
    ...(typeof a.aadObjectId === 'string' ? { aadObjectId: a.aadObjectId } : {}),
  };
}

/** Where Teams is for a tenant: enough to open a new 1:1 chat there, and nothing about any person. */
export interface TenantRoute {
  channelId: string;
  serviceUrl: string;
  bot: StoredReference['bot'];
  tenantId: string;
}

export const routeOf = (ref: StoredReference): TenantRoute | null =>
  ref.conversation.tenantId ? { channelId: ref.channelId, serviceUrl: ref.serviceUrl, bot: ref.bot, tenantId: ref.conversation.tenantId } : null;

/**
 * Saved and read Teams addresses, over `store.addresses`. A person's address is keyed by their AAD
 * object id in lower case (ids are case-insensitive). An address whose service URL the policy does
 * not allow is neither saved nor handed out, so nothing is ever sent there, even from data stored
 * before the policy existed.
 */
export function teamsAddresses(store: Store, policy: ServiceUrlPolicy) {
  const usable = (doc: { ref: unknown } | null): StoredReference | null => {
    const parsed = doc ? storedReference.safeParse(doc.ref) : null;
    return parsed?.success && serviceUrlAllowed(parsed.data.serviceUrl, policy) ? parsed.data : null;
  };
  const keyOf = (kind: AddressKind, key: string) => (kind === 'person' ? teamsIdKey(key) : key);

  const addresses = {
    async save(kind: AddressKind, key: string, ref: StoredReference): Promise<void> {
      if (!serviceUrlAllowed(ref.serviceUrl, policy)) return;
      await store.addresses.save('teams', kind, keyOf(kind, key), ref);
    },

    async get(kind: AddressKind, key: string): Promise<StoredReference | null> {
      const found = usable(await store.addresses.get('teams', kind, keyOf(kind, key)));
      // Saved before ids were kept in lower case: still found under the id as it was written.
      if (found || keyOf(kind, key) === key) return found;
      return usable(await store.addresses.get('teams', kind, key));
    },

    /**
     * Where Teams is (service URL, tenant, bot id), to open a new 1:1 chat. Channels first (the bot was
     * added to a team), then 1:1 chats; only the route is handed out, never the person's conversation.
     * With `tenantId`, only that tenant.
     */
    async anyInTenant(tenantId?: string): Promise<TenantRoute | null> {
      for (const kind of ['channel', 'person'] as const) {
        for (const doc of await store.addresses.list('teams', kind)) {
          const ref = usable(doc);
          const route = ref ? routeOf(ref) : null;
          if (route && (!tenantId || route.tenantId === tenantId)) return route;
        }
      }
      return null;
    },

    /**
     * Remembers where this turn came from: the person's 1:1 chat (keyed by their AAD object id) or
     * the channel / group chat (keyed by its conversation id without the thread). The activity has
     * passed the route's checks (authenticated, or loopback in local mode), and a person's address is
     * only ever written from their own activity in their own 1:1 chat.
     */
    async rememberTurn(activity: Partial<Activity>, aadObjectId: string | undefined): Promise<void> {
      const ref = referenceOf(activity);
      if (!ref) return;
      if (isPersonal(activity)) {
        if (aadObjectId && teamsIdKey(activity.from?.aadObjectId ?? '') === teamsIdKey(aadObjectId)) await addresses.save('person', aadObjectId, ref);
      } else {
        await addresses.save('channel', ref.conversation.id, ref);
      }
    },
  };
  return addresses;
}
export type TeamsAddresses = ReturnType<typeof teamsAddresses>;
