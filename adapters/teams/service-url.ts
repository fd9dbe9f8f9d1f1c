/**
 * Where the bot may send Bot Connector calls. Every activity names the `serviceUrl` its replies go
 * to, and the bot stores it for later reminders: a forged activity naming a host of its own would
 * receive the replies, the bearer token of authenticated calls, and every later message to the
 * person. So the host is checked before anything else happens, and again before a stored address
 * is used.
 *
 * - Authentication on: only Microsoft's Teams service hosts, over https on the default port, by
 *   exact host name (anyone can register `<name>.trafficmanager.net`, so no suffix match). Sources:
 *   Microsoft Learn, "Proactive messages" for Teams bots
 *   (https://learn.microsoft.com/en-us/microsoftteams/platform/bots/how-to/conversations/send-proactive-messages:
 *   GCC `smba.infra.gcc.teams.microsoft.com`, GCC High `smba.infra.gov.teams.microsoft.us`), and the
 *   Microsoft 365 Agents SDK `TeamsServiceEndpoints`
 *   (https://microsoft.github.io/Agents-for-js/variables/_microsoft_agents-hosting.TeamsServiceEndpoints.html:
 *   public `https://smba.trafficmanager.net/teams/`, GCC, GCC High, DoD `smba.infra.dod.teams.microsoft.us`).
 *   Public-cloud activities carry regional paths on the same host (`/emea/`, `/amer/`, `/apac/`).
 *   Teams operated by 21Vianet (China) documents no fixed host and is not supported.
 *   botbuilder also checks that the token's `serviceurl` claim names the same URL.
 * - Local mode (no authentication, tests and trials): loopback only, so nothing typed on this
 *   machine can make the bot talk to another one.
 */
export const TEAMS_SERVICE_HOSTS = [
  'smba.trafficmanager.net',
  'smba.infra.gcc.teams.microsoft.com',
  'smba.infra.gov.teams.microsoft.us',
  'smba.infra.dod.teams.microsoft.us',
] as const;

/** Loopback only; or Microsoft's Teams service hosts plus, for a private cloud configured as such, its own origins. */
export type ServiceUrlPolicy = 'loopback' | { kind: 'teams-service'; extraOrigins: readonly string[] };

export const policyFor = (teams: { localMode: boolean; serviceOrigins?: string[] }): ServiceUrlPolicy =>
  teams.localMode ? 'loopback' : { kind: 'teams-service', extraOrigins: teams.serviceOrigins ?? [] };

export function serviceUrlAllowed(serviceUrl: unknown, policy: ServiceUrlPolicy): boolean {
  if (typeof serviceUrl !== 'string') return false;
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (policy === 'loopback') return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopback(host);
  if (policy.extraOrigins.includes(url.origin)) return true;
  return url.protocol === 'https:' && url.port === '' && (TEAMS_SERVICE_HOSTS as readonly string[]).includes(host);
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** For logs: the host only (the path may carry a tenant id). */
export function serviceHostOf(serviceUrl: unknown): string {
  try {
    return new URL(String(serviceUrl)).host.slice(0, 255);
  } catch {
    return '(not a URL)';
  }
}
