import { formCard, inputId } from '../../../adapters/teams/render/form-card';
import { textBlocks, toCardMarkdown } from '../../../adapters/teams/render/markdown';
import { messageCard } from '../../../adapters/teams/render/message-card';
import { formInputs, parseCardSubmit } from '../../../adapters/teams/inbound/card-submit';
import type { FormView } from '../../../src/messages/form-view';

const options = (n: number) => Array.from({ length: n }, (_, i) => ({ value: `c${i}`, label: `Choice ${i}` }));

describe('Teams cards: the neutral message model as Adaptive Cards 1.5', () => {
  it('turns our tiny markdown into card markdown, leaving Kosovo* alone', () => {
    // A link whose label is not its address shows its host too (src/messages/links.ts).
    expect(toCardMarkdown('*Need* for Kosovo* saved, see <https://x.org/a|the list>')).toBe('**Need** for Kosovo* saved, see the list ([x.org](https://x.org/a))');
    expect(toCardMarkdown('_italic_ and *bold*.')).toBe('_italic_ and **bold**.');
    expect(textBlocks('Line one\n• a\n• b\n\nAfter a gap').map((b) => [b.text, b.spacing])).toEqual([
      ['Line one', undefined],
      ['• a', 'None'],
      ['• b', 'None'],
      ['After a gap', 'Medium'],
    ]);
  });

  it('renders fields as a FactSet, buttons as Action.Submit with {verb:"action"}, the footnote in small print', () => {
    const card = messageCard({
      text: '*Please check*',
      fields: [{ label: 'Priority', value: 'High' }],
      buttons: [
        { label: 'Submit', action: 'form.submit', value: 'd1', style: 'primary' },
        { label: 'Cancel', action: 'form.cancel', value: 'd1', style: 'danger' },
      ],
      footnote: '* This designation is without prejudice…',
    });
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(card.body).toEqual([
      { type: 'TextBlock', text: '**Please check**', wrap: true },
      { type: 'FactSet', facts: [{ title: 'Priority', value: 'High' }] },
      {
        type: 'ActionSet',
        actions: [
          { type: 'Action.Submit', title: 'Submit', data: { verb: 'action', id: 'form.submit', value: 'd1' }, style: 'positive', associatedInputs: 'none' },
          { type: 'Action.Submit', title: 'Cancel', data: { verb: 'action', id: 'form.cancel', value: 'd1' }, style: 'destructive', associatedInputs: 'none' },
        ],
      },
      { type: 'TextBlock', text: '* This designation is without prejudice…', wrap: true, size: 'Small', isSubtle: true, spacing: 'Medium' },
    ]);
  });

  it('renders a question: up to 5 single choices as one-tap buttons, a choice set above or for several, a date picker for dates', () => {
    const q = (n: number, multi: boolean, kind = 'choice') =>
      messageCard({ text: 'Pick', question: { formId: 'need', draftId: 'd1', field: 'theme', kind, label: 'Theme', optional: false, options: options(n), multi, current: multi ? 'c1, c2' : 'c1' } });
    const input = (n: number, multi: boolean) => q(n, multi).body.find((e) => e.type === 'Input.ChoiceSet');
    // Five or fewer single choices: one tap each, the answer in the button's data, no second label.
    expect(input(5, false)).toBeUndefined();
    const taps = q(3, false).body.find((e) => e.type === 'ActionSet')!;
    expect(taps.actions).toEqual(options(3).map((o) => ({ type: 'Action.Submit', title: o.label, data: { verb: 'answer', draftId: 'd1', field: 'theme', choice: o.value }, associatedInputs: 'none' })));
    expect(input(6, false)).toMatchObject({ id: 'choice', style: 'compact', isMultiSelect: false, value: 'c1' });
    expect(input(6, false)).not.toHaveProperty('label');
    expect(input(4, true)).toMatchObject({ isMultiSelect: true, style: 'expanded', value: 'c1,c2' });
    const send = q(6, false).body.filter((e) => e.type === 'ActionSet')[0]!;
    expect(send.actions).toEqual([{ type: 'Action.Submit', title: 'Send', data: { verb: 'answer', draftId: 'd1', field: 'theme' }, style: 'positive' }]);
    const date = messageCard({ text: 'When?', question: { formId: 'update', draftId: 'd1', field: 'date', kind: 'date', label: 'Date', optional: true, current: '2027-01-15' } });
    expect(date.body.find((e) => e.type === 'Input.Date')).toEqual({ type: 'Input.Date', id: 'choice', value: '2027-01-15' });
  });

  it('renders a form with one input per field, required flags, values and errors under their field', () => {
    const form: FormView = {
      formId: 'need',
      draftId: 'd9',
      title: 'Need',
      intro: 'Describe a need.',
      submitLabel: 'Submit',
      fields: [
        { name: 'title', kind: 'text', label: 'Short title', optional: false, multiline: false, maxLength: 150, multi: false, example: 'Thermal cameras', value: 'Cams' },
        { name: 'description', kind: 'longtext', label: 'Description', optional: false, multiline: true, multi: false, error: 'Please write at least 10 characters.' },
        { name: 'themes', kind: 'multichoice', label: 'Themes', optional: true, multiline: false, multi: true, options: options(7), value: ['c1', 'c3'] },
        { name: 'due', kind: 'date', label: 'Due', optional: true, multiline: false, multi: false, value: '2027-01-15' },
      ],
    };
    const card = formCard(form);
    const byId = (id: string) => card.body.find((e) => e.id === id)!;
    expect(byId('f_title')).toMatchObject({ type: 'Input.Text', label: 'Short title', isRequired: true, maxLength: 150, placeholder: 'e.g. Thermal cameras', value: 'Cams', isMultiline: false });
    expect(byId('f_description')).toMatchObject({ type: 'Input.Text', isMultiline: true, isRequired: true });
    expect(card.body[card.body.indexOf(byId('f_description')) + 1]).toMatchObject({ text: '⚠️ Please write at least 10 characters.', color: 'Attention' });
    expect(byId('fm_themes')).toMatchObject({ type: 'Input.ChoiceSet', isMultiSelect: true, style: 'compact', value: 'c1,c3', label: 'Themes (optional)', isRequired: false });
    expect(byId('f_due')).toMatchObject({ type: 'Input.Date', value: '2027-01-15' });
    expect(card.actions!.map((a) => [a.title, a.data])).toEqual([
      ['Submit', { verb: 'form.submit', draftId: 'd9' }],
      ['Answer step by step instead', { verb: 'action', id: 'form.to-chat', value: 'd9' }],
      ['Cancel', { verb: 'action', id: 'form.cancel', value: 'd9' }],
    ]);
    expect(inputId({ name: 'x', multi: true })).toBe('fm_x');
  });

  it('reads submits back: buttons, picked choices and whole forms; anything else is null', () => {
    expect(parseCardSubmit({ verb: 'action', id: 'nil.confirm', value: '2026-Q4', choice: 'ignored' })).toEqual({ verb: 'action', id: 'nil.confirm', value: '2026-Q4' });
    expect(parseCardSubmit({ verb: 'answer', draftId: 'd1', field: 'theme', choice: 'c2,c3' })).toEqual({ verb: 'answer', draftId: 'd1', field: 'theme', choice: 'c2,c3' });
    expect(parseCardSubmit({ verb: 'form.submit', draftId: 'd1', f_title: 'T', fm_themes: 'a,b', f_n: 3, other: 'x' })).toEqual({
      verb: 'form.submit',
      draftId: 'd1',
      raw: { title: 'T', themes: ['a', 'b'] },
    });
    for (const bad of [null, 'x', [], { verb: 'action' }, { verb: 'action', id: 7 }, { verb: 'nope' }, { verb: 'form.submit' }]) expect(parseCardSubmit(bad)).toBeNull();
    expect(formInputs({ 'f___proto__': 'x', 'f_a.b': 'y', f_ok: 'z' })).toEqual({ ok: 'z' });
  });
});
