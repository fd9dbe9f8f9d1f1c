import { TRIGGER_TTL_MS, triggerIssuedAt } from './slack-triggers';

/** What Slack answers when it refuses a Web API call (`ok: false`). */
export interface SlackRefusal {
  error: string;
  /** invalid_blocks lists each problem with a JSON pointer into the request. */
  errors?: string[];
  response_metadata?: { messages: string[] };
}

type Json = Record<string, unknown>;

/**
 * The limits Slack enforces and the bot relies on, as Slack documents them:
 * - 50 blocks in a message, 100 in a modal or the Home tab:
 *   https://docs.slack.dev/reference/block-kit/blocks ("up to 50 blocks in each message, and 100
 *   blocks in modals or Home tabs"); modal title 24 characters:
 *   https://docs.slack.dev/reference/views/modal-views
 * - section text 3,000 characters, 10 fields of 2,000:
 *   https://docs.slack.dev/reference/block-kit/blocks/section-block
 * - button text 75 characters, 100 options in a select menu:
 *   https://api.slack.com/reference/block-kit/block-elements
 * Slack's wording of a refusal, e.g. `invalid_blocks` with
 * `errors: ['no more than 50 items allowed [json-pointer:/blocks]']` (seen in
 * ryanrosello-og/playwright-slack-report#180) and, for views, `invalid_arguments` with
 * `[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]` (grafana/oncall#210).
 */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  buttonText: 75,
  selectOptions: 100,
  modalTitle: 24,
} as const;

const METHODS_WITH_BLOCKS = new Set(['chat.postMessage', 'chat.update', 'chat.postEphemeral', 'chat.scheduleMessage']);
const VIEW_METHODS = new Set(['views.open', 'views.push', 'views.update', 'views.publish']);

/** Problems of one list of blocks, each as Slack words it, with a JSON pointer below `base`. */
function blockProblems(blocks: unknown, base: string, maxBlocks: number): string[] {
  if (!Array.isArray(blocks)) return [];
  const out: string[] = [];
  if (blocks.length > maxBlocks) out.push(`no more than ${maxBlocks} items allowed [json-pointer:${base}]`);
  const tooLong = (text: unknown, max: number, at: string) => {
    if (typeof text === 'string' && text.length > max) out.push(`must be less than ${max + 1} characters [json-pointer:${at}]`);
  };
  const element = (el: Json | undefined, at: string) => {
    if (!el) return;
    if (el.type === 'button') tooLong((el.text as Json | undefined)?.text, SLACK_LIMITS.buttonText, `${at}/text/text`);
    if ((el.type === 'static_select' || el.type === 'multi_static_select') && Array.isArray(el.options) && el.options.length > SLACK_LIMITS.selectOptions)
      out.push(`no more than ${SLACK_LIMITS.selectOptions} items allowed [json-pointer:${at}/options]`);
  };
  blocks.forEach((raw, i) => {
    const b = raw as Json;
    const at = `${base}/${i}`;
    if (b.type === 'section') {
      tooLong((b.text as Json | undefined)?.text, SLACK_LIMITS.sectionText, `${at}/text/text`);
      const fields = Array.isArray(b.fields) ? (b.fields as Json[]) : [];
      if (fields.length > SLACK_LIMITS.sectionFields) out.push(`no more than ${SLACK_LIMITS.sectionFields} items allowed [json-pointer:${at}/fields]`);
      fields.forEach((f, j) => tooLong(f.text, SLACK_LIMITS.fieldText, `${at}/fields/${j}/text`));
      element(b.accessory as Json | undefined, `${at}/accessory`);
    }
    if (b.type === 'actions' && Array.isArray(b.elements)) (b.elements as Json[]).forEach((el, j) => element(el, `${at}/elements/${j}`));
    if (b.type === 'input') element(b.element as Json | undefined, `${at}/element`);
  });
  return out;
}

function viewProblems(view: Json | undefined): string[] {
  if (!view) return [];
  const out = blockProblems(view.blocks, '/view/blocks', SLACK_LIMITS.blocksPerView);
  const title = (view.title as Json | undefined)?.text;
  if (view.type === 'modal' && typeof title === 'string' && title.length > SLACK_LIMITS.modalTitle)
    out.push(`must be less than ${SLACK_LIMITS.modalTitle + 1} characters [json-pointer:/view/title/text]`);
  return out;
}

/**
 * The Slack workspace the stand-in plays: the bot tokens it issued, the people and channels in it,
 * and the trigger_ids already used. Tests add the people they type as (`addUser`) and the channels
 * the bot posts in (`addChannel`); anyone else is unknown to Slack, as in a real workspace.
 */
export class SlackWorkspace {
  private readonly tokens: Set<string>;
  private readonly users = new Set<string>();
  private readonly channels = new Set<string>();
  private readonly usedTriggers = new Set<string>();

  /** `everyone`: every user and channel exists (benchmarks that only measure, never refuse). */
  constructor(opts: { tokens?: string[]; everyone?: boolean } = {}) {
    this.tokens = new Set(opts.tokens ?? ['xoxb-test']);
    this.everyone = opts.everyone ?? false;
  }

  private readonly everyone: boolean;

  addUser(...ids: string[]): this {
    for (const id of ids) this.users.add(id);
    return this;
  }

  addChannel(...ids: string[]): this {
    for (const id of ids) this.channels.add(id);
    return this;
  }

  hasUser(id: unknown): boolean {
    return this.everyone || (typeof id === 'string' && this.users.has(id));
  }

  /** A registered channel, or the direct-message channel of a person in the workspace. */
  hasChannel(id: unknown): boolean {
    if (this.everyone) return true;
    if (typeof id !== 'string') return false;
    return this.channels.has(id) || (/^D/.test(id) && this.users.has(`U${id.slice(1)}`));
  }

  /** Slack's refusal of this Web API call, or null when Slack would accept it. */
  refusal(method: string, body: Json, authorization: string | undefined): SlackRefusal | null {
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? (typeof body.token === 'string' ? body.token : undefined);
    if (!token) return { error: 'not_authed' };
    if (!this.tokens.has(token)) return { error: 'invalid_auth' };

    if (method === 'views.open' || method === 'views.push') {
      const trigger = String(body.trigger_id ?? '');
      const issuedAt = triggerIssuedAt(trigger);
      if (issuedAt === null) return { error: 'invalid_trigger_id' };
      if (this.usedTriggers.has(trigger)) return { error: 'exchanged_trigger_id' };
      this.usedTriggers.add(trigger);
      if (Date.now() - issuedAt > TRIGGER_TTL_MS) return { error: 'expired_trigger_id' };
    }
    if (VIEW_METHODS.has(method)) {
      const problems = viewProblems(body.view as Json | undefined);
      if (problems.length) return { error: 'invalid_arguments', response_metadata: { messages: problems.map((p) => `[ERROR] ${p}`) } };
    }
    if (method === 'conversations.open' || method === 'users.info') {
      const ids = String(body.users ?? body.user ?? '').split(',').filter(Boolean);
      if (!ids.length || ids.some((id) => !this.hasUser(id))) return { error: 'user_not_found' };
    }
    if (METHODS_WITH_BLOCKS.has(method)) {
      if (!this.hasChannel(body.channel)) return { error: 'channel_not_found' };
      const problems = blockProblems(body.blocks, '/blocks', SLACK_LIMITS.blocksPerMessage);
      if (problems.length) return { error: 'invalid_blocks', errors: problems, response_metadata: { messages: problems.map((p) => `[ERROR] ${p}`) } };
    }
    if (method === 'files.completeUploadExternal' && body.channel_id !== undefined && !this.hasChannel(body.channel_id)) return { error: 'channel_not_found' };
    return null;
  }
}
