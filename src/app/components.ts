import { createConsoleComponent } from '../../adapters/console/console.component';
import { createSlackComponent } from '../../adapters/slack/slack.component';
import { createTeamsComponent } from '../../adapters/teams/teams-component';
import { schedulerComponent } from '../../jobs/scheduler';
import type { ComponentFactory } from './app';
import { pendingReplayComponent } from './pending-replay';
import { productsComponent } from '../products/products.component';

/** Every adapter and background service, in mount order (one line each). */
export const componentFactories: ComponentFactory[] = [
  pendingReplayComponent,
  createSlackComponent, // POST /slack/events (or Socket Mode) and the Slack notifier
  createTeamsComponent, // POST /api/messages, GET /files/:token and the Teams notifier
  createConsoleComponent, // its notifier registers at start, after Slack/Teams (it reaches everyone)
  productsComponent, // loads the initial product list on first start
  schedulerComponent, // keep last: it starts sending once everything above is up
];
