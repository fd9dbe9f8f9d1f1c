import type { Conversation } from '../conversation/conversation';
import type { SubmissionService } from '../submissions/submission.service';
import { registerMeetingCommands } from './meeting-commands';
import { createMeetingService, type MeetingServiceDeps, type MeetingServiceOptions } from './meeting.service';

/**
 * Wires meetings into the core (one line in src/core.ts): the meeting form's submissions flow into
 * the meetings service, and its commands and buttons join the conversation. Returns the service
 * (`core.meetings`: the scheduler, the CLI and tests use it).
 */
export function registerMeetings(
  deps: MeetingServiceDeps & { submissions: SubmissionService; conversation: Conversation },
  options: MeetingServiceOptions = {},
) {
  const service = createMeetingService(deps, options);
  deps.submissions.registerSink('meeting', service.sink);
  registerMeetingCommands(deps.conversation.commands, deps.conversation.actions, {
    service,
    store: deps.store,
    clock: deps.clock,
    timezone: deps.config.timezone,
    engine: deps.conversation.engine,
  });
  return service;
}
