import { teamsDriver } from './drivers/teams-driver';
import { runJourneys } from './run-journeys';

/** Every journey of scenarios.ts, as a person does it in Teams. */
runJourneys('Teams', (clock) => teamsDriver(clock));
