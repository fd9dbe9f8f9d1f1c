import { z } from 'zod';

/**
 * The environment, parsed once. Nothing reads process.env anywhere else, so a wrong or missing
 * variable is reported here, at start, with its name.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : ['true', '1', 'yes'].includes(v)));

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const ianaZone = z.string().refine(isIanaZone, { message: 'is not an IANA time zone such as Europe/Sarajevo' });

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  /** Unset: 127.0.0.1 outside production (trial surfaces stay on this machine), 0.0.0.0 in production. */
  HOST: optionalString,
  ALLOW_INSECURE_TRIAL: bool,
  PUBLIC_URL: optionalString.pipe(z.url().optional()),
  MONGODB_URI: optionalString.pipe(
    z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, { message: 'must start with mongodb:// or mongodb+srv://' })
      .optional(),
  ),
  DATA_DIR: z.string().default('./data'),
  TIMEZONE: ianaZone.default('Europe/Sarajevo'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PILLAR: z.enum(['WBBSi', 'WBCTi', 'WBCSCi']).default('WBBSi'),

  SLACK_SIGNING_SECRET: optionalString,
  SLACK_BOT_TOKEN: optionalString.pipe(
    z.string().startsWith('xoxb-', { message: 'must be a bot token starting with xoxb-' }).optional(),
  ),
  SLACK_APP_TOKEN: optionalString.pipe(
    z.string().startsWith('xapp-', { message: 'must be an app-level token starting with xapp-' }).optional(),
  ),
  SLACK_API_URL: optionalString.pipe(z.url().optional()),
  SLACK_CHANNEL: optionalString,

  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: optionalString,
  TEAMS_LOCAL_MODE: bool,
  TEAMS_CHANNEL: optionalString,
  // Bot Framework endpoints (botbuilder's own setting names), for private clouds and test stand-ins;
  // unset = the public Azure cloud.
  ToBotFromChannelOpenIdMetadataUrl: optionalString.pipe(z.url().optional()),
  ToChannelFromBotLoginUrl: optionalString.pipe(z.url().optional()),
  // The Bot Connector service of that private cloud (comma-separated URLs): honoured only with the endpoints above.
  TEAMS_SERVICE_URLS: optionalString,

  CONSOLE_ENABLED: bool,
  SCHEDULER_ENABLED: bool,
  FILE_LINK_SECRET: optionalString,
  HOLIDAYS: optionalString,
  FIRST_REPORTING_QUARTER: optionalString.pipe(z.string().regex(/^\d{4}-Q[1-4]$/, { message: 'must be a quarter such as 2026-Q4' }).optional()),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100000).default(60),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(50_000_000).default(1_000_000),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(4),
});

export type Env = z.input<typeof envSchema>;

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** ALLOW_INSECURE_TRIAL=true: start even when an unauthenticated surface is reachable from the network. */
  allowInsecureTrial: boolean;
  /** Base URL people's browsers reach the app on (signed report links, console). */
  publicUrl: string;
  mongodbUri?: string;
  dataDir: string;
  timezone: string;
  logLevel: string;
  pillar: 'WBBSi' | 'WBCTi' | 'WBCSCi';
  slack?: {
    signingSecret: string;
    botToken: string;
    appToken?: string;
    apiUrl?: string;
    channel?: string;
  };
  teams?: {
    appId?: string;
    appPassword?: string;
    appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    tenantId?: string;
    /** No Bot Framework authentication: for tests and local trials only. */
    localMode: boolean;
    channel?: string;
    /** Where inbound tokens' signing keys are published, and where the bot gets its own tokens (default: the public cloud). */
    endpoints?: { openIdMetadataUrl?: string; loginUrl?: string };
    /** Origins of a private cloud's Bot Connector service, besides Microsoft's Teams hosts (only with `endpoints`). */
    serviceOrigins?: string[];
  };
  consoleEnabled: boolean;
  schedulerEnabled: boolean;
  fileLinkSecret: string;
  holidays: string[];
  /** Reporting is due from this quarter on (unset: the quarter the database was created in). */
  firstReportingQuarter?: string;
  /** Commands and answers per person per minute (burst of the same size). */
  rateLimitPerMinute: number;
  maxBodyBytes: number;
  /** Database operations one instance runs at once (more wait their turn, first come first served). */
  dbPoolSize: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parse the environment; throws ConfigError naming every wrong or missing variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'} ${i.message}`),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  const production = e.NODE_ENV === 'production';

  let slack: Config['slack'];
  const anySlack = e.SLACK_SIGNING_SECRET || e.SLACK_BOT_TOKEN || e.SLACK_APP_TOKEN;
  if (anySlack) {
    if (!e.SLACK_BOT_TOKEN) problems.push('SLACK_BOT_TOKEN is missing (Slack is partly configured)');
    if (!e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN)
      problems.push('SLACK_SIGNING_SECRET is missing (needed for the HTTP request URL)');
    if (e.SLACK_BOT_TOKEN && (e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN)) {
      slack = {
        signingSecret: e.SLACK_SIGNING_SECRET ?? '',
        botToken: e.SLACK_BOT_TOKEN,
        appToken: e.SLACK_APP_TOKEN,
        apiUrl: e.SLACK_API_URL,
        channel: e.SLACK_CHANNEL,
      };
    }
  }

  let teams: Config['teams'];
  if (e.MicrosoftAppId) {
    if (e.MicrosoftAppType !== 'UserAssignedMSI' && !e.MicrosoftAppPassword)
      problems.push('MicrosoftAppPassword is missing (MicrosoftAppId is set)');
    if (e.MicrosoftAppType !== 'MultiTenant' && !e.MicrosoftAppTenantId)
      problems.push(`MicrosoftAppTenantId is missing (required for MicrosoftAppType=${e.MicrosoftAppType})`);
    teams = {
      appId: e.MicrosoftAppId,
      appPassword: e.MicrosoftAppPassword,
      appType: e.MicrosoftAppType,
      tenantId: e.MicrosoftAppTenantId,
      localMode: false,
      channel: e.TEAMS_CHANNEL,
      ...(e.ToBotFromChannelOpenIdMetadataUrl || e.ToChannelFromBotLoginUrl
        ? { endpoints: { openIdMetadataUrl: e.ToBotFromChannelOpenIdMetadataUrl, loginUrl: e.ToChannelFromBotLoginUrl } }
        : {}),
      ...serviceOriginsOf(e, problems),
    };
  } else if (e.TEAMS_LOCAL_MODE ?? !production) {
    if (production && e.TEAMS_LOCAL_MODE)
      problems.push('TEAMS_LOCAL_MODE=true is refused in production: set MicrosoftAppId and MicrosoftAppPassword');
    teams = { appType: e.MicrosoftAppType, localMode: true, channel: e.TEAMS_CHANNEL };
  }

  if (production) problems.push(...productionProblems(e, Boolean(teams && !teams.localMode)));
  const holidays = (e.HOLIDAYS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const h of holidays) if (!/^\d{4}-\d{2}-\d{2}$/.test(h)) problems.push(`HOLIDAYS has "${h}", expected YYYY-MM-DD`);

  if (problems.length) throw new ConfigError(problems);

  const port = e.PORT;
  return {
    env: e.NODE_ENV,
    port,
    host: e.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    allowInsecureTrial: e.ALLOW_INSECURE_TRIAL ?? false,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${port}`,
    mongodbUri: e.MONGODB_URI,
    dataDir: e.DATA_DIR,
    timezone: e.TIMEZONE,
    logLevel: e.LOG_LEVEL,
    pillar: e.PILLAR,
    slack,
    teams,
    consoleEnabled: e.CONSOLE_ENABLED ?? !production,
    schedulerEnabled: e.SCHEDULER_ENABLED ?? true,
    fileLinkSecret: e.FILE_LINK_SECRET ?? 'local-development-only',
    holidays,
    ...(e.FIRST_REPORTING_QUARTER ? { firstReportingQuarter: e.FIRST_REPORTING_QUARTER } : {}),
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    maxBodyBytes: e.MAX_BODY_BYTES,
    dbPoolSize: e.DB_POOL_SIZE,
  };
}

/** A short secret can be guessed, and whoever has it can mint download links to any report file. */
export const MIN_FILE_LINK_SECRET = 32;

/** What production refuses: each message names the variable and says what to do. Secrets are never echoed. */
function productionProblems(e: z.output<typeof envSchema>, teamsOn: boolean): string[] {
  const problems: string[] = [];
  if (!e.FILE_LINK_SECRET) problems.push(`FILE_LINK_SECRET is missing (signs report download links; use at least ${MIN_FILE_LINK_SECRET} random characters)`);
  else if (e.FILE_LINK_SECRET.length < MIN_FILE_LINK_SECRET)
    problems.push(`FILE_LINK_SECRET is too short (${e.FILE_LINK_SECRET.length} characters): use at least ${MIN_FILE_LINK_SECRET} random characters, e.g. \`openssl rand -hex 32\``);
  if (teamsOn && !e.PUBLIC_URL)
    problems.push('PUBLIC_URL is missing: Teams is on, and report download links must point to the address people reach the app on (e.g. https://wbbsi-bot.example.org)');
  if (e.CONSOLE_ENABLED === true)
    problems.push('CONSOLE_ENABLED=true is refused in production: the trial console has no login, so anyone who can open it can act as anyone in the roster');
  return problems;
}

/**
 * Why this configuration must not start as it is, or null. An unauthenticated surface (the console,
 * Teams local mode) is only safe on loopback; on any other address anyone on the network could act
 * as anyone. `ALLOW_INSECURE_TRIAL=true` accepts that risk for a closed network (the app then logs a
 * warning on start).
 */
export function exposureRisk(config: Pick<Config, 'host' | 'consoleEnabled' | 'teams'>): string | null {
  if (isLoopbackHost(config.host)) return null;
  const open = [
    ...(config.consoleEnabled ? ['the trial console (CONSOLE_ENABLED, no login)'] : []),
    ...(config.teams?.localMode ? ['Teams local mode (TEAMS_LOCAL_MODE, no Bot Framework authentication)'] : []),
  ];
  if (!open.length) return null;
  return (
    `HOST=${config.host} makes ${open.join(' and ')} reachable from the network: anyone who can reach this address could act as anyone in the roster. ` +
    'Use HOST=127.0.0.1 for a trial, turn those off (CONSOLE_ENABLED=false, MicrosoftAppId and MicrosoftAppPassword for Teams), ' +
    'or set ALLOW_INSECURE_TRIAL=true on a closed network only.'
  );
}

/** 127.0.0.0/8, ::1 and localhost: reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1' || /^127(\.\d{1,3}){3}$/.test(h) || /^::ffff:127(\.\d{1,3}){3}$/.test(h);
}

function isIanaZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * TEAMS_SERVICE_URLS: where a private cloud's Bot Connector service runs. Refused without that cloud's
 * token endpoints: with Microsoft's, only Microsoft's own service hosts may receive the bot's replies.
 */
function serviceOriginsOf(e: { TEAMS_SERVICE_URLS?: string; ToBotFromChannelOpenIdMetadataUrl?: string }, problems: string[]): { serviceOrigins?: string[] } {
  const list = (e.TEAMS_SERVICE_URLS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (!list.length) return {};
  if (!e.ToBotFromChannelOpenIdMetadataUrl) {
    problems.push('TEAMS_SERVICE_URLS needs ToBotFromChannelOpenIdMetadataUrl (the private cloud it belongs to)');
    return {};
  }
  const origins: string[] = [];
  for (const u of list) {
    try {
      origins.push(new URL(u).origin);
    } catch {
      problems.push(`TEAMS_SERVICE_URLS has "${u.slice(0, 80)}", which is not a URL`);
    }
  }
  return { serviceOrigins: origins };
}
