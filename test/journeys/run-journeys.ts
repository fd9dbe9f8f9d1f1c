import { SLACK_ACTIONS } from '../../adapters/slack/render/blocks';
import { ManualClock } from '../../src/support/clock';
import { shownActions, type Driver } from './drivers/driver';
import { SCENARIOS } from './scenarios';

/** Actions a surface handles itself, before the core (Slack: a multi-select change, "Done", "Open the form"). */
const ADAPTER_ACTIONS = new Set<string>(Object.values(SLACK_ACTIONS));

/** Runs every scenario on one surface, each on a fresh app and database at the scenario's start time. */
export function runJourneys(surface: string, start: (clock: ManualClock) => Promise<Driver>): void {
  describe(`journeys on ${surface}`, () => {
    let d: Driver | undefined;
    const handled = new Set<string>();
    afterEach(async () => {
      for (const id of d?.t.app.core.conversation.actions.ids() ?? []) handled.add(id);
      await d?.stop();
      d = undefined;
    });
    // Whatever the bot showed in these journeys can be clicked: every action id it carried has a handler.
    afterAll(() => {
      expect(shownActions.size).toBeGreaterThan(10);
      expect([...shownActions].filter((id) => !handled.has(id) && !ADAPTER_ACTIONS.has(id)).sort()).toEqual([]);
    });

    it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
      d = await start(new ManualClock(new Date(scenario.startsAt)));
      await scenario.run(d);
    });
  });
}
