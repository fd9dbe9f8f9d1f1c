import { baseAction, combinedBlocks, messageBlocks, questionBlocks } from '../../../adapters/slack/render/blocks';
import { LIMITS } from '../../../adapters/slack/render/limits';
import { inlineErrors, modalView } from '../../../adapters/slack/render/modal';
import { toMrkdwn } from '../../../adapters/slack/render/mrkdwn';
import type { FormFieldView, FormView } from '../../../src/messages/form-view';

type Json = Record<string, unknown>;
const json = (x: unknown) => JSON.parse(JSON.stringify(x)) as Json[];
const field = (f: Partial<FormFieldView> & { name: string; kind: string }): FormFieldView => ({ label: f.name, optional: false, multiline: false, multi: false, ...f });
const options = (n: number) => Array.from({ length: n }, (_, i) => ({ value: `c${i}`, label: `Option ${i}` }));

describe('Slack rendering: messages as Block Kit', () => {
  it('escapes what people typed but keeps the links the core wrote', () => {
    // A link whose label is not its address shows its host too (src/messages/links.ts).
    expect(toMrkdwn('Hi <!channel> & <@U123> see <https://example.org/a?b=1|the text> *now*')).toBe(
      'Hi &lt;!channel&gt; &amp; &lt;@U123&gt; see the text (<https://example.org/a?b=1|example.org>) *now*',
    );
  });

  it('splits long text into sections Slack accepts', () => {
    const text = Array.from({ length: 200 }, (_, i) => `• line ${i} ${'x'.repeat(40)}`).join('\n');
    const sections = json(messageBlocks({ text })).filter((b) => b.type === 'section');
    expect(sections.length).toBeGreaterThan(2);
    for (const s of sections) expect(((s.text as Json).text as string).length).toBeLessThanOrEqual(LIMITS.sectionText);
  });

  it('gives repeated actions unique ids within a block, in rows of at most 25', () => {
    const buttons = Array.from({ length: 30 }, (_, i) => ({ label: `Edit NM-2026-RS-0${i} ${'y'.repeat(80)}`, action: 'record.edit', value: `NM-2026-RS-0${i}` }));
    const rows = json(messageBlocks({ text: 'Records', buttons })).filter((b) => b.type === 'actions');
    expect(rows.map((r) => (r.elements as unknown[]).length)).toEqual([25, 5]);
    const ids = (rows[0]!.elements as Json[]).map((e) => e.action_id as string);
    expect(new Set(ids).size).toBe(25);
    expect(ids.slice(0, 2)).toEqual(['record.edit', 'record.edit#2']);
    expect(ids.map(baseAction).every((a) => a === 'record.edit')).toBe(true);
    expect(((rows[0]!.elements as Json[])[0]!.text as Json).text).toHaveLength(LIMITS.buttonText);
  });

  it('renders a question natively: buttons up to 5 options, a select beyond, a multi-select with Done, a date picker', () => {
    const q = { formId: 'need', draftId: 'd1', field: 'f', label: 'L', optional: false };
    const few = json(questionBlocks({ ...q, kind: 'choice', options: options(3) }));
    expect((few[0]!.elements as Json[]).map((e) => [e.type, e.value])).toEqual([['button', 'd1|f|c0'], ['button', 'd1|f|c1'], ['button', 'd1|f|c2']]);
    const many = json(questionBlocks({ ...q, kind: 'choice', options: options(7), current: 'c3' }));
    expect(many[0]).toMatchObject({ block_id: 'q|d1|f', elements: [{ type: 'static_select', action_id: 'form.answer', initial_option: { value: 'c3' } }] });
    const multi = json(questionBlocks({ ...q, kind: 'multichoice', multi: true, options: options(18), current: 'c1, c2' }));
    expect(multi[0]).toMatchObject({ elements: [{ type: 'multi_static_select', initial_options: [{ value: 'c1' }, { value: 'c2' }] }, { type: 'button', value: 'd1|f' }] });
    expect(json(questionBlocks({ ...q, kind: 'date', current: '2027-01-15' }))[0]).toMatchObject({ elements: [{ type: 'datepicker', initial_date: '2027-01-15' }] });
    expect(questionBlocks({ ...q, kind: 'text' })).toEqual([]);
  });

  it('clips option labels to 75 characters and keeps a combined answer within 50 blocks', () => {
    const long = json(questionBlocks({ formId: 'x', draftId: 'd', field: 'f', label: 'L', kind: 'choice', optional: false, options: [...options(6), { value: 'z', label: 'z'.repeat(120) }] }));
    const opts = ((long[0]!.elements as Json[])[0]!.options as Json[]).map((o) => (o.text as Json).text as string);
    expect(Math.max(...opts.map((o) => o.length))).toBe(LIMITS.optionText);
    const blocks = combinedBlocks(Array.from({ length: 40 }, (_, i) => ({ text: `Message ${i}`, buttons: [{ label: 'Go', action: 'a' }] })));
    expect(blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
    expect(JSON.stringify(blocks.at(-1))).toMatch(/There is more/);
  });
});

describe('Slack rendering: forms as modals', () => {
  const form: FormView = {
    formId: 'update',
    draftId: 'draft-123',
    title: 'Development update with a very long title',
    intro: 'Tell the Secretariat.',
    submitLabel: 'Submit',
    fields: [
      field({ name: 'title', kind: 'text', maxLength: 10, value: 'A title that is far too long', error: 'Please keep this under 10 characters.' }),
      field({ name: 'summary', kind: 'longtext', multiline: true, maxLength: 5000, optional: true, help: 'Two sentences.' }),
      field({ name: 'kind', kind: 'choice', options: options(5), value: 'c2' }),
      field({ name: 'themes', kind: 'multichoice', multi: true, options: options(18), value: ['c1', 'c4'] }),
      field({ name: 'org', kind: 'choice', options: options(120) }),
      field({ name: 'date', kind: 'date', value: '2026-11-20', optional: true }),
      field({ name: 'agree', kind: 'confirm', value: 'yes' }),
      field({ name: 'amount', kind: 'number', example: '1,250,000' }),
    ],
    footnote: 'Footnote',
  };
  const view = modalView(form);
  const inputs = Object.fromEntries(json(view.blocks).filter((b) => b.type === 'input').map((b) => [b.block_id, b]));

  it('is a modal Slack accepts, carrying its draft and asking to be told when closed', () => {
    expect(view).toMatchObject({ type: 'modal', callback_id: 'wbbsi.form:update', private_metadata: 'draft-123', notify_on_close: true, submit: { text: 'Submit' } });
    expect(view.title.text.length).toBeLessThanOrEqual(LIMITS.viewTitle);
    expect(Object.keys(inputs)).toEqual(['title', 'summary', 'kind', 'themes', 'org', 'date', 'agree', 'amount']);
  });

  it('uses the right input for each kind, with block and action ids = field names and the current values', () => {
    expect(inputs.title).toMatchObject({ element: { type: 'plain_text_input', action_id: 'title', max_length: 10, initial_value: 'A title th' }, hint: { text: expect.stringMatching(/^⚠️ Please keep this under 10/) } });
    expect(inputs.summary).toMatchObject({ optional: true, element: { multiline: true, max_length: 3000 }, hint: { text: 'Two sentences.' } });
    expect(inputs.kind).toMatchObject({ element: { type: 'static_select', initial_option: { value: 'c2' } } });
    expect(inputs.themes).toMatchObject({ element: { type: 'multi_static_select', initial_options: [{ value: 'c1' }, { value: 'c4' }] } });
    expect(inputs.org).toMatchObject({ element: { type: 'plain_text_input' } }); // over Slack's 100 options: typed
    expect(inputs.date).toMatchObject({ element: { type: 'datepicker', initial_date: '2026-11-20' } });
    expect(inputs.agree).toMatchObject({ element: { type: 'checkboxes', initial_options: [{ value: 'yes' }] } });
    expect(inputs.amount).toMatchObject({ element: { type: 'plain_text_input', placeholder: { text: 'e.g. 1,250,000' } } });
  });

  it('maps field errors to block ids for response_action "errors", unless one is not on an input', () => {
    expect(inlineErrors(form, { title: 'Too long' })).toEqual({ title: 'Too long' });
    expect(inlineErrors(form, { title: 'Too long', _form: 'Pick a quarter' })).toBeUndefined();
    expect(inlineErrors(form, {})).toBeUndefined();
  });
});
