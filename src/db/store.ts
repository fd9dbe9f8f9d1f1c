import type { Models } from './models';
import { addressesRepository } from './repositories/addresses.repository';
import { auditRepository } from './repositories/audit.repository';
import { checkinsRepository } from './repositories/checkins.repository';
import type { RepoContext } from './repositories/context';
import { consultationsRepository } from './repositories/consultations.repository';
import { countersRepository } from './repositories/counters.repository';
import { deliveriesRepository } from './repositories/deliveries.repository';
import { draftsRepository } from './repositories/drafts.repository';
import { filesRepository } from './repositories/files.repository';
import { meetingsRepository } from './repositories/meetings.repository';
import { organisationsRepository } from './repositories/organisations.repository';
import { peopleRepository } from './repositories/people.repository';
import { productsRepository } from './repositories/products.repository';
import { recordsRepository } from './repositories/records.repository';
import { reportReadsRepository } from './repositories/report-reads.repository';
import { seenKeysRepository } from './repositories/seen-keys.repository';
import { settingsRepository } from './repositories/settings.repository';
import { snoozesRepository } from './repositories/snoozes.repository';
import type { Clock } from '../support/clock';
import { randomId, type IdGenerator } from '../support/ids';

/** Every repository over one database. Features receive the store, never the models. */
export function createStore(opts: { models: Models; clock: Clock; newId?: IdGenerator; timezone: string; pillar: string }) {
  const ctx: RepoContext = { models: opts.models, clock: opts.clock, newId: opts.newId ?? randomId, timezone: opts.timezone, pillar: opts.pillar };
  const audit = auditRepository(ctx);
  const counters = countersRepository(ctx);
  const checkins = checkinsRepository(ctx, audit);
  return {
    ctx,
    audit,
    counters,
    checkins,
    organisations: organisationsRepository(ctx, audit),
    people: peopleRepository(ctx, audit),
    records: recordsRepository(ctx, { audit, counters, checkins }),
    drafts: draftsRepository(ctx),
    meetings: meetingsRepository(ctx, { audit, counters }),
    seenKeys: seenKeysRepository(ctx),
    addresses: addressesRepository(ctx),
    files: filesRepository(ctx),
    deliveries: deliveriesRepository(ctx),
    snoozes: snoozesRepository(ctx),
    products: productsRepository(ctx, { audit, counters }),
    consultations: consultationsRepository(ctx, { audit, counters, seenKeys: seenKeysRepository(ctx) }),
    settings: settingsRepository(ctx),
    reports: reportReadsRepository(ctx),
  };
}
export type Store = ReturnType<typeof createStore>;
