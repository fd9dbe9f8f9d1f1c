import { housekeepingModule } from './housekeeping/housekeeping.module';
import { meetingsModule } from './meetings/meetings.module';
import type { FeatureModule, ModuleContext } from './module';
import { productsModule } from './products/products.module';
import { remindersModule } from './reminders/reminders.module';
import { reportsModule } from './reports/reports.module';
import { rosterModule } from './roster/roster.module';
import { spreadsheetsModule } from './spreadsheets/spreadsheets.module';
import { submissionsModule } from './submissions/submissions.module';

/**
 * Every feature of the bot, in start order (the roster first: other features' first-start steps
 * may need it). Adding a feature = one line here; src/core.ts installs them all in one loop.
 */
export function featureModules(ctx: ModuleContext) {
  return {
    roster: rosterModule(ctx),
    submissions: submissionsModule(ctx),
    reminders: remindersModule(ctx),
    meetings: meetingsModule(ctx),
    products: productsModule(ctx),
    reports: reportsModule(ctx),
    spreadsheets: spreadsheetsModule(ctx),
    housekeeping: housekeepingModule(ctx),
  } satisfies Record<string, FeatureModule>;
}
export type FeatureModules = ReturnType<typeof featureModules>;
