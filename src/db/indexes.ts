import type { Models } from './models';

type IndexSpec = { keys: Record<string, 1 | -1>; unique?: boolean; name: string; why: string };

/**
 * Every index, with the query it serves. Only plain and unique indexes: FerretDB 1.24 has no TTL,
 * partial-filter or collation options (and silently ignores `sparse`), so optional unique fields
 * such as slackId are checked in code instead.
 */
export const INDEXES: { [K in keyof Models]?: IndexSpec[] } = {
  people: [
    { keys: { email: 1 }, unique: true, name: 'email_1', why: 'roster import merges on e-mail' },
    { keys: { slackId: 1 }, name: 'slackId_1', why: 'recognise a Slack user on every request' },
    { keys: { teamsId: 1 }, name: 'teamsId_1', why: 'recognise a Teams user on every activity' },
    { keys: { orgCode: 1 }, name: 'orgCode_1', why: 'who to remind in an organisation' },
  ],
  records: [
    { keys: { orgCode: 1, type: 1 }, name: 'org_type', why: "list an organisation's records" },
    { keys: { type: 1, quarter: 1 }, name: 'type_quarter', why: 'reports by quarter' },
    { keys: { lastConfirmedAt: 1 }, name: 'lastConfirmedAt_1', why: 'freshness offers' },
    { keys: { createdAt: 1 }, name: 'createdAt_1', why: 'meeting digest: what came in since the previous meeting' },
  ],
  recordVersions: [{ keys: { recordId: 1, version: 1 }, name: 'record_version', why: 'version history of a record' }],
  audit: [
    { keys: { entity: 1, entityId: 1, at: 1 }, name: 'entity_at', why: 'history of one entity' },
    { keys: { at: 1 }, name: 'at_1', why: 'audit log by time' },
  ],
  checkins: [{ keys: { quarter: 1 }, name: 'quarter_1', why: 'quarterly status grid' }],
  drafts: [{ keys: { personId: 1, status: 1 }, name: 'person_status', why: "a person's open drafts" }],
  meetings: [{ keys: { startsAt: 1 }, name: 'startsAt_1', why: 'upcoming meetings and digests' }],
  meetingVersions: [{ keys: { meetingId: 1, version: 1 }, name: 'meeting_version', why: 'version history of a meeting' }],
  deliveries: [
    { keys: { status: 1, nextAttemptAt: 1 }, name: 'status_next', why: 'retry failed deliveries' },
    { keys: { kind: 1, recipient: 1 }, name: 'kind_recipient', why: 'what was sent to whom' },
  ],
  seenKeys: [{ keys: { expiresAt: 1 }, name: 'expiresAt_1', why: 'purge job (no TTL index on FerretDB)' }],
  files: [{ keys: { expiresAt: 1 }, name: 'expiresAt_1', why: 'purge of expired download-link files (no TTL on FerretDB)' }],
  snoozes: [{ keys: { quarter: 1 }, name: 'quarter_1', why: 'reminder planner loads the snoozes of a quarter' }],
  products: [{ keys: { stage: 1 }, name: 'stage_1', why: '`products` lists products by stage' }],
  productVersions: [{ keys: { productId: 1, revision: 1 }, name: 'product_revision', why: 'revision history of a product' }],
  consultationRounds: [
    { keys: { productId: 1, openedAt: 1 }, name: 'product_openedAt', why: 'rounds of a product (consult status)' },
    { keys: { status: 1 }, name: 'status_1', why: 'the consultation job loads the open rounds' },
  ],
  consultationEntries: [{ keys: { roundId: 1, at: 1 }, name: 'round_at', why: 'answers and comments of a round, in order' }],
};

export async function ensureIndexes(models: Models): Promise<void> {
  for (const [name, model] of Object.entries(models)) {
    await model.createCollection().catch((err: { code?: number }) => {
      if (err.code !== 48) throw err; // 48: NamespaceExists
    });
    for (const spec of INDEXES[name as keyof Models] ?? []) {
      await model.collection.createIndex(spec.keys, { name: spec.name, ...(spec.unique ? { unique: true } : {}) });
    }
  }
}
