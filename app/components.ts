import { createConsoleComponent } from '../adapters/console/console.component';
import { createScheduler } from '../jobs/scheduler';
import type { Config } from '../src/config';
import type { ComponentFactory } from '../adapters/component';
import { pendingReplayComponent } from './pending-replay';

/** A platform's code (and its SDK: teams-ai with botbuilder weighs ~100 MB resident) is loaded only when it is configured. */
const whenConfigured =
  (configured: (c: Config) => boolean, load: () => Promise<ComponentFactory>): ComponentFactory =>
  async (ctx) =>
    configured(ctx.config) ? (await load())(ctx) : null;

/** Every adapter and background service, in mount order (one line each). */
export const componentFactories: ComponentFactory[] = [
  pendingReplayComponent,
  whenConfigured((c) => !!c.slack, async () => (await import('../adapters/slack/slack.component')).createSlackComponent), // POST /slack/events (or Socket Mode) and the Slack notifier
  whenConfigured((c) => !!c.teams, async () => (await import('../adapters/teams/teams-component')).createTeamsComponent), // POST /api/messages, GET /files/:token and the Teams notifier
  createConsoleComponent, // its notifier registers at start, after Slack/Teams (it reaches everyone)
  createScheduler, // keep last: it wakes the modules' jobs once everything above is up
];
