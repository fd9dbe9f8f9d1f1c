import type { Calendar } from '../calendar/reporting-calendar';
import type { CommandSpec } from '../conversation/command-registry';
import { say } from '../conversation/reply';
import type { Store } from '../db/store';
import { formatQuarter, parseQuarter } from '../domain/quarter';
import { formatDate } from '../forms/format-answer';
import { unreachableMessage, unreachablePeople } from '../notify/unreachable';
import type { BotMessage } from '../messages/bot-message';
import type { Clock } from '../support/clock';
import { statusGrid, tally } from './status-grid';

/** `status [quarter]`: the Secretariat's and the Board's view of who reported, in one chat message. */
export function statusCommand(deps: { store: Store; clock: Clock; calendar: Calendar }): CommandSpec {
  /** The same figures as `report status` (src/reports/status-grid.ts): one meaning of reported, overdue and due. */
  async function statusMessage(quarter: string): Promise<BotMessage> {
    const { store } = deps;
    const organisations = await store.organisations.list({ includeInactive: true });
    const grid = await statusGrid({ reads: store.reports, organisations, now: deps.clock.now(), timezone: deps.calendar.timezone, calendar: deps.calendar }, [quarter]);
    const t = tally(grid, quarter);
    const info = grid.quarters[0]!;
    const line = (label: string, orgs: { _id: string; shortName: string }[], why?: (o: { _id: string }) => string | undefined) =>
      `*${label} (${orgs.length}):* ${orgs.length ? orgs.map((o) => `${o.shortName}${why?.(o) ? ` (${why(o)})` : ''}`).join(', ') : '—'}`;
    if (t['not-due'].length && !t.submitted.length && !t['nil-return'].length && !t.exempt.length)
      return { text: `*Quarterly status ${quarter}*: nothing was due. Reporting started with ${deps.calendar.firstQuarter}.` };
    return {
      text: [
        `*Quarterly status ${quarter}* — ${t.submitted.length + t['nil-return'].length + t.exempt.length} of ${grid.organisations.length} organisations settled. Deadline ${formatDate(info.deadline)}.`,
        line('Reported', t.submitted),
        line('Nothing new', t['nil-return']),
        line('Exempt', t.exempt, (o) => grid.cell(o._id, quarter).reason),
        t['not-due'].length ? line('Not due', t['not-due']) : info.deadlinePassed ? line('Overdue', t.overdue) : line('Not yet reported', t.due),
        'Four quarters with counts by kind, as a spreadsheet: *report status*.',
      ].join('\n'),
    };
  }

  return {
    name: 'status',
    access: 'secretariat-or-board',
    summary: 'who has reported this quarter (or: status 2026-Q3)',
    usage: 'status [quarter]',
    run: async (_actor, args) => {
      const q = parseQuarter(args[0] ?? deps.calendar.reportingQuarter(deps.clock.now()));
      if (!q) return say('Please give the quarter as e.g. *status 2026-Q4*.');
      const unreachable = unreachableMessage(await unreachablePeople({ store: deps.store }));
      return say(await statusMessage(formatQuarter(q)), ...(unreachable ? [unreachable] : []));
    },
  };
}
