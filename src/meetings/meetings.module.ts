import type { FeatureModule, ModuleContext } from '../module';
import { meetingCommands } from './meeting-commands';
import { createMeetingService, type MeetingService, type MeetingServiceOptions } from './meeting.service';

/**
 * Meetings: the meeting form's submissions, `meeting …` commands, the Done / Need more time /
 * Comment buttons of action-item reminders, and the job sending digests and action-item reminders.
 */
export function meetingsModule(ctx: ModuleContext, options: MeetingServiceOptions = {}): FeatureModule<MeetingService> {
  const service = createMeetingService(ctx, options);
  const { commands, actions } = meetingCommands({ service, store: ctx.store, clock: ctx.clock, timezone: ctx.config.timezone, engine: ctx.forms });
  return {
    id: 'meetings',
    api: service,
    commands,
    actions,
    sinks: { meeting: service.sink },
    jobs: [{ name: 'meetings', every: 'quarter-hour', run: (at) => service.runJobs(at) }],
  };
}
