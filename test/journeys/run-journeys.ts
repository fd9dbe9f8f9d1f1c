import { ManualClock } from '../../src/support/clock';
import type { Driver } from './drivers/driver';
import { SCENARIOS } from './scenarios';

/** Runs every scenario on one surface, each on a fresh app and database at the scenario's start time. */
export function runJourneys(surface: string, start: (clock: ManualClock) => Promise<Driver>): void {
  describe(`journeys on ${surface}`, () => {
    let d: Driver | undefined;
    afterEach(async () => {
      await d?.stop();
      d = undefined;
    });

    it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
      d = await start(new ManualClock(new Date(scenario.startsAt)));
      await scenario.run(d);
    });
  });
}
