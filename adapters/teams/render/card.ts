/** The little of the Adaptive Card schema we produce (https://adaptivecards.io, version 1.5). */
export type CardElement = { type: string } & Record<string, unknown>;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardElement[];
  msteams?: { width: 'Full' };
}

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export function adaptiveCard(body: CardElement[], actions: CardElement[] = []): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length ? { actions } : {}),
    msteams: { width: 'Full' },
  };
}

/** Data of our Action.Submit / Action.Execute buttons; Teams sends it back with the inputs merged in. */
export type SubmitData =
  | { verb: 'action'; id: string; value?: string }
  /** `choice`: the answer itself on a one-tap button; else the card's choice input sends it. */
  | { verb: 'answer'; draftId: string; field: string; choice?: string }
  | { verb: 'form.submit'; draftId: string };

export const textBlock = (text: string, extra: Record<string, unknown> = {}): CardElement => ({ type: 'TextBlock', text, wrap: true, ...extra });

export const smallPrint = (text: string): CardElement => textBlock(text, { size: 'Small', isSubtle: true, spacing: 'Medium' });

export const errorText = (text: string): CardElement => textBlock(`⚠️ ${text}`, { color: 'Attention', size: 'Small', spacing: 'None' });

export function submitAction(title: string, data: SubmitData, opts: { style?: 'primary' | 'danger'; withInputs?: boolean } = {}): CardElement {
  return {
    type: 'Action.Submit',
    title,
    data,
    ...(opts.style === 'primary' ? { style: 'positive' } : opts.style === 'danger' ? { style: 'destructive' } : {}),
    // Buttons that do not send the card's inputs must not be blocked by the inputs' validation.
    ...(opts.withInputs ? {} : { associatedInputs: 'none' }),
  };
}

/** A one-line plain-text summary of a card, for notifications and clients that cannot show cards. */
export function summaryOf(text: string): string {
  const first = text.split('\n').find((l) => l.trim()) ?? '';
  return first.replace(/<([^|>]+)\|([^>]+)>/g, '$2').replace(/[*_]/g, '').trim().slice(0, 200);
}
