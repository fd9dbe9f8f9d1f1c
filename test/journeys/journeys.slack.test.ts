import { slackDriver } from './drivers/slack-driver';
import { runJourneys } from './run-journeys';

/** Every journey of scenarios.ts, as a person does it in Slack. */
runJourneys('Slack', (clock) => slackDriver(clock));
