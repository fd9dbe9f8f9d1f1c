import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } from '@slack/web-api';
import { toDeliveryError } from '../../../adapters/slack/delivery-errors';
import { actionInput } from '../../../adapters/slack/parse/action-input';
import { checkSlackBody } from '../../../adapters/slack/parse/slack-body';
import { rawFromViewState } from '../../../adapters/slack/parse/view-state';

const opt = (value: string) => ({ text: { type: 'plain_text', text: value }, value });

describe('Slack parsing', () => {
  it('turns view.state.values into the raw answers the form engine takes', () => {
    const raw = rawFromViewState({
      title: { title: { type: 'plain_text_input', value: 'Radios' } },
      summary: { summary: { type: 'plain_text_input', value: null } },
      kind: { kind: { type: 'static_select', selected_option: opt('law') } },
      stage: { stage: { type: 'static_select', selected_option: null } },
      themes: { themes: { type: 'multi_static_select', selected_options: [opt('training'), opt('equipment')] } },
      date: { date: { type: 'datepicker', selected_date: '2027-01-15' } },
      agree: { agree: { type: 'checkboxes', selected_options: [opt('yes')] } },
      other: { elsewhere: { type: 'plain_text_input', value: 'not a field input' } },
      odd: { odd: { type: 'rich_text_input' } },
      junk: 'x',
    });
    expect({ ...raw }).toEqual({ title: 'Radios', summary: '', kind: 'law', stage: '', themes: ['training', 'equipment'], date: '2027-01-15', agree: 'yes' });
    expect({ ...rawFromViewState(null) }).toEqual({});
  });

  it('turns clicks and picks into the core action and value', () => {
    expect(actionInput({ type: 'button', action_id: 'record.edit#3', value: 'NM-2026-RS-003' })).toEqual({ kind: 'core', input: { action: { id: 'record.edit', value: 'NM-2026-RS-003' } } });
    expect(actionInput({ type: 'static_select', action_id: 'form.answer', block_id: 'q|d1|stage', selected_option: opt('adopted') })).toEqual({ kind: 'core', input: { action: { id: 'form.answer', value: 'd1|stage|adopted' } } });
    expect(actionInput({ type: 'datepicker', action_id: 'form.answer', block_id: 'q|d1|date', selected_date: '2026-11-20' })).toMatchObject({ input: { action: { value: 'd1|date|2026-11-20' } } });
    const state = { 'q|d1|themes': { 'slack.pick': { type: 'multi_static_select', selected_options: [opt('training'), opt('equipment')] } } };
    expect(actionInput({ type: 'button', action_id: 'slack.multi-done', block_id: 'q|d1|themes', value: 'd1|themes' }, state)).toMatchObject({ input: { action: { id: 'form.answer', value: 'd1|themes|training,equipment' } } });
    expect(actionInput({ type: 'multi_static_select', action_id: 'slack.pick', block_id: 'q|d1|themes' })).toEqual({ kind: 'ignore' });
    expect(actionInput({ type: 'button', action_id: 'slack.open-form', value: 'd1' })).toEqual({ kind: 'open-form', draftId: 'd1' });
    expect(actionInput({ type: 'static_select', action_id: 'form.answer', block_id: 'not-a-question' })).toEqual({ kind: 'ignore' });
    expect(actionInput({})).toEqual({ kind: 'ignore' });
  });

  it.each([
    ['application/x-www-form-urlencoded', 'command=%2Fwbbsi&text=help&user_id=U1', true],
    ['application/x-www-form-urlencoded', 'ssl_check=1&token=x', true],
    ['application/x-www-form-urlencoded', `payload=${encodeURIComponent('{"type":"view_closed","view":{}}')}`, true],
    ['application/x-www-form-urlencoded', 'text=help', false],
    ['application/json', '{"type":"event_callback","event":{"type":"message"}}', true],
    ['application/json', '{"type":"event_callback","event":"message"}', false],
    ['application/json', '{"type":"url_verification"}', false],
    ['application/json', 'null', false],
  ])('checks the shape of a %s body: %s', (type, body, ok) => {
    expect(checkSlackBody(type, body).ok).toBe(ok);
  });

  it('maps Web API failures to retryable or permanent delivery errors', () => {
    const platform = (error: string) => new WebAPIPlatformError({ ok: false, error });
    expect(toDeliveryError(platform('user_not_found'))).toMatchObject({ retryable: false });
    expect(toDeliveryError(platform('channel_not_found'))).toMatchObject({ retryable: false });
    expect(toDeliveryError(platform('ratelimited'))).toMatchObject({ retryable: true });
    expect(toDeliveryError(platform('service_unavailable'))).toMatchObject({ retryable: true });
    expect(toDeliveryError(new WebAPIHTTPError(503, 'Service Unavailable', {}))).toMatchObject({ retryable: true });
    expect(toDeliveryError(new WebAPIHTTPError(400, 'Bad Request', {}))).toMatchObject({ retryable: false });
    expect(toDeliveryError(new WebAPIRequestError(new Error('The operation was aborted due to timeout')))).toMatchObject({ retryable: true });
    expect(toDeliveryError(new WebAPIRateLimitedError(30))).toMatchObject({ retryable: true, retryAfterMs: 30_000 });
  });
});
