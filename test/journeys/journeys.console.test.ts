import { consoleDriver } from './drivers/console-driver';
import { runJourneys } from './run-journeys';

/** Every journey of scenarios.ts, as a person does it in the trial console. */
runJourneys('the trial console', (clock) => consoleDriver(clock));
