import type { FeatureModule, ModuleContext } from '../module';
import { reportCommand } from './report-commands';
import { createReportService, type ReportService } from './report.service';
import { statusCommand } from './status-command';

/** Reports: `status` in chat, and `report <name> …` delivered as a summary with files. */
export function reportsModule(ctx: ModuleContext): FeatureModule<ReportService> {
  const service = createReportService({ store: ctx.store, clock: ctx.clock, timezone: ctx.config.timezone, calendar: ctx.calendar, xlsxAppendices: ctx.xlsxAppendices });
  return {
    id: 'reports',
    api: service,
    commands: [statusCommand(ctx), reportCommand(service, ctx.logger)],
  };
}
