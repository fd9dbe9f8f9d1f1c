import { localDate, localParts } from '../../../src/domain/quarter';
import { unreachablePeople } from '../../../src/notify/unreachable';
import { createReminderService, type PlanEntry, type ReminderService } from '../../../src/reminders/reminder.service';
import { parseArgs, type CliCommand, type CliContext } from '../cli-context';

/**
 * `wbbsi remind plan|run --at <ISO time>`: the reminder job as of any instant, for operations and
 * tests. `plan` only reads; `run` sends through the delivery ledger exactly like the scheduler, so
 * running it for an instant the scheduler already handled sends nothing twice.
 */
export const remindCommand: CliCommand = {
  name: 'remind',
  summary: 'show (plan) or send (run) the quarterly reminders, digest and freshness offers due at a time',
  usage: 'wbbsi remind plan [--at <ISO time>] [--all] | wbbsi remind run [--at <ISO time>] [--lease-seconds N]',
  // `plan` sends nothing, but only the platforms can say whom they reach (a Teams chat, a Slack id).
  sends: (args) => ['run', 'plan'].includes(String(parseArgs(args).positional[0])),
  async run(args, ctx) {
    const { positional, flags } = parseArgs(args);
    const sub = positional[0];
    const at = flags.at === undefined ? ctx.core.clock.now() : typeof flags.at === 'string' ? new Date(flags.at) : new Date(NaN);
    if ((sub !== 'plan' && sub !== 'run') || Number.isNaN(at.getTime())) {
      ctx.err(Number.isNaN(at.getTime()) ? `--at needs a time such as 2026-12-01T09:00:00Z (got ${String(flags.at)}).` : `Usage: ${remindCommand.usage}`);
      return 2;
    }
    let reminders: ReminderService = ctx.core.reminders;
    if (typeof flags['lease-seconds'] === 'string') {
      const seconds = Number(flags['lease-seconds']);
      if (!(seconds > 0)) {
        ctx.err('--lease-seconds needs a positive number.');
        return 2;
      }
      reminders = createReminderService(ctx.core, { ledger: { leaseMs: seconds * 1000 } });
    }
    return sub === 'plan' ? plan(reminders, at, flags.all === true, ctx) : run(reminders, at, ctx);
  },
};

function wall(at: Date, tz: string): string {
  const p = localParts(at, tz);
  return `${localDate(at, tz)} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')} ${tz}`;
}

function describe(e: PlanEntry): string {
  const i = e.item;
  const who = i.person ? `${i.person.name} [${i.person.orgCode}]` : 'channel' in i && i.channel ? `${i.channel.platform} channel ${i.channel.channel}` : '?';
  return `${i.kind} → ${who}, due ${wall(i.dueAt, i.timezone)}`;
}

function ledgerState(e: PlanEntry): string {
  const d = e.delivery;
  if (!d) return 'new';
  if (d.status === 'sent') return `sent ${d.sentAt?.toISOString() ?? ''}`.trim();
  if (d.status === 'failed') return d.nextAttemptAt ? `failed (${d.lastError}), retry from ${d.nextAttemptAt.toISOString()}` : `given up (${d.lastError})`;
  return `${d.status} by ${d.claimedBy} until ${d.leaseUntil.toISOString()}`;
}

async function plan(reminders: ReminderService, at: Date, all: boolean, { core, out }: CliContext): Promise<number> {
  const p = await reminders.plan(at);
  const send = p.entries.filter((e) => e.willSend);
  const done = p.entries.filter((e) => !e.willSend);
  out(`Reminder plan as of ${at.toISOString()} (${wall(at, core.config.timezone)}); nothing is sent by "plan".`);
  out(send.length ? `Would send ${send.length} message(s):` : 'Would send nothing.');
  for (const e of send) {
    out(`  • ${describe(e)}${e.delivery ? ` [${ledgerState(e)}]` : ''}`);
    out(`      key: ${e.item.key}`);
    out(`      why: ${e.item.reason}`);
  }
  if (done.length) {
    out(`Already handled: ${done.length} message(s)${all ? ':' : ' (--all lists them).'}`);
    if (all) for (const e of done) out(`  · ${describe(e)} [${ledgerState(e)}]\n      key: ${e.item.key}`);
  }
  if (p.notes.length) {
    out('Not reminded:');
    for (const n of p.notes) out(`  - ${n.text}`);
  }
  const planned = send.flatMap((e) => (e.item.person ? [{ personId: e.item.person._id, slackId: e.item.person.slackId, teamsId: e.item.person.teamsId }] : []));
  const unreachable = await unreachablePeople({ store: core.store, notifier: core.notifier }, planned);
  if (unreachable.length) {
    out(`Cannot be reached (${unreachable.length}):`);
    for (const u of unreachable) {
      const retry = u.nextAttemptAt ? `, next try ${u.nextAttemptAt.toISOString()}` : '';
      out(`  ! ${u.name} [${u.orgCode}]: ${u.reason}${u.messages ? ` (${u.messages} message(s) waiting${retry})` : ''}`);
    }
  }
  return 0;
}

async function run(reminders: ReminderService, at: Date, { out, err }: CliContext): Promise<number> {
  const report = await reminders.run(at);
  const counts = Object.entries(report.counts).map(([k, v]) => `${v} ${k}`);
  out(`Reminder run as of ${at.toISOString()}: ${report.planned} due, ${counts.length ? counts.join(', ') : 'nothing to send (all handled already)'}.`);
  let problems = 0;
  for (const { key, outcome } of report.outcomes) {
    if (outcome.status === 'failed' || outcome.status === 'unknown') {
      problems++;
      err(`  ${outcome.status}: ${key}: ${outcome.error}${outcome.status === 'failed' && outcome.nextAttemptAt ? ` (retry from ${outcome.nextAttemptAt.toISOString()})` : ''}`);
    } else out(`  ${outcome.status}: ${key}`);
  }
  return problems ? 1 : 0;
}
