import type { BotConnectorStandin, ConnectorCall } from './bot-connector-standin';
import { blocksText, buttonLabels } from './slack-payloads';
import type { SlackStandin, StandinCall } from './slack-standin';
import { actionsOf, textOf } from './teams-kit';

/** One message a person or channel received, as rendered for their platform. */
export interface Delivered {
  /** The simulated time of the job run that sent it. */
  at: Date;
  /** What sent it: a job run (reminders, digests…) or the bot's answer to something a person did. */
  by: 'job' | 'reply';
  platform: 'slack' | 'teams';
  /** Slack channel (DM `D…`) or Teams conversation id. */
  conversation: string;
  /** Everything readable: Slack blocks' text, or the Adaptive Card's texts. */
  text: string;
  /** Button labels as shown. */
  buttons: string[];
  /** What each button sends back to the bot: `action:value`. */
  actions: string[];
  slack?: StandinCall;
  teams?: ConnectorCall;
}

/**
 * What the Slack and Bot Connector stand-ins accepted, in order, as rendered messages, each stamped
 * with the simulated time of the job run that sent it (`mark(at)` after every run). Refused and
 * throttled calls are not deliveries.
 */
export class DeliveryLog {
  readonly all: Delivered[] = [];
  private slackSeen = 0;
  private teamsSeen = 0;

  constructor(
    private readonly slack?: SlackStandin,
    private readonly connector?: BotConnectorStandin,
  ) {}

  /** Stamps every message accepted since the last mark with `at` (and what sent it). */
  mark(at: Date, by: Delivered['by'] = 'job'): void {
    const slackCalls = this.slack?.calls ?? [];
    for (const c of slackCalls.slice(this.slackSeen)) {
      if (c.method !== 'chat.postMessage' || c.status !== 200 || c.error) continue;
      const elements = ((c.body.blocks as { type: string; elements?: { type: string; action_id?: string; value?: string }[] }[]) ?? []).flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []));
      this.all.push({
        at,
        by,
        platform: 'slack',
        conversation: String(c.body.channel),
        text: blocksText(c.body.blocks),
        buttons: buttonLabels(c.body.blocks),
        // Slack wants action ids unique within a block: the adapter adds '#2' and strips it on the way back.
        actions: elements.filter((e) => e.type === 'button').map((e) => `${String(e.action_id).replace(/#\d+$/, '')}:${e.value ?? ''}`),
        slack: c,
      });
    }
    this.slackSeen = slackCalls.length;
    const teamsCalls = this.connector?.calls ?? [];
    for (const c of teamsCalls.slice(this.teamsSeen)) {
      if ((c.kind !== 'send' && c.kind !== 'reply') || c.status >= 300 || !c.body.attachments) continue;
      const actions = actionsOf(c);
      this.all.push({
        at,
        by,
        platform: 'teams',
        conversation: c.conversationId!,
        text: textOf(c),
        buttons: actions.map((a) => a.title),
        actions: actions.map((a) => `${String(a.data.id ?? a.data.verb)}:${String(a.data.value ?? '')}`),
        teams: c,
      });
    }
    this.teamsSeen = teamsCalls.length;
  }

  /** Messages in one Slack channel / Teams conversation. */
  in(conversation: string): Delivered[] {
    return this.all.filter((d) => d.conversation === conversation);
  }
}
