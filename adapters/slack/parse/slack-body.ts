/** The two content types Slack posts to the request URL. */
export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';
/** Interaction payload types we listen to (others are refused before they reach Bolt). */
const INTERACTIONS = new Set(['block_actions', 'view_submission', 'view_closed', 'block_suggestion', 'shortcut', 'message_action']);

/** `answered`: nothing for Bolt to do, acknowledge with 200 here (Bolt would not recognise it). */
export type Check = { ok: true; answered?: string } | { ok: false; status: number; error: string };
const bad = (error: string, status = 400): Check => ({ ok: false, status, error });
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Is this body shaped like something Slack sends to the request URL? A slash command (form with
 * `command`), an interaction (form with a JSON `payload`), an Events API envelope or URL
 * verification (JSON), or an SSL check. Bolt would otherwise time out on a body it cannot classify
 * (a 404 after 3 s) or take a JSON body sent as text/plain.
 */
export function checkSlackBody(contentType: string, body: string): Check {
  if (contentType === FORM) {
    const form = new URLSearchParams(body);
    if (form.has('ssl_check')) return { ok: true };
    const payload = form.get('payload');
    if (payload !== null) {
      const p = parseJson(payload);
      if (!isObject(p) || typeof p.type !== 'string') return bad('invalid_payload');
      if (!INTERACTIONS.has(p.type)) return bad('unsupported_payload_type');
      if (p.type === 'block_actions' && !Array.isArray(p.actions)) return bad('invalid_payload');
      if ((p.type === 'view_submission' || p.type === 'view_closed') && !isObject(p.view)) return bad('invalid_payload');
      return { ok: true };
    }
    return form.get('command') ? { ok: true } : bad('missing_payload');
  }
  const p = parseJson(body);
  if (!isObject(p) || typeof p.type !== 'string') return bad('invalid_json');
  if (p.type === 'url_verification') return typeof p.challenge === 'string' ? { ok: true } : bad('invalid_json');
  if (p.type === 'event_callback') return isObject(p.event) && typeof p.event.type === 'string' ? { ok: true } : bad('invalid_event');
  if (p.type === 'app_rate_limited') return { ok: true, answered: 'Slack is rate limiting our events (app_rate_limited)' };
  return bad('unsupported_event_type');
}

