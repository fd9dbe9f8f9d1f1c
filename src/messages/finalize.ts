import { designateKosovo, KOSOVO_FOOTNOTE, mentionsKosovo } from '../domain/kosovo';
import type { BotMessage } from './bot-message';

/** Writes Kosovo* everywhere in a message and adds the designation footnote once when needed. */
export function finalizeMessage(m: BotMessage): BotMessage {
  const text = designateKosovo(m.text);
  const fields = m.fields?.map((f) => ({ label: designateKosovo(f.label), value: designateKosovo(f.value) }));
  const buttons = m.buttons?.map((b) => ({ ...b, label: designateKosovo(b.label) }));
  const question = m.question && {
    ...m.question,
    label: designateKosovo(m.question.label),
    options: m.question.options?.map((o) => ({ ...o, label: designateKosovo(o.label) })),
  };
  const all = [text, ...(fields ?? []).flatMap((f) => [f.label, f.value]), ...(question?.options ?? []).map((o) => o.label), ...(buttons ?? []).map((b) => b.label)];
  const needsFootnote = all.some(mentionsKosovo);
  // Idempotent: core, notifier and adapters may each finalize the same message; the footnote goes in once.
  const footnote = needsFootnote && !m.footnote?.includes(KOSOVO_FOOTNOTE) ? [m.footnote, KOSOVO_FOOTNOTE].filter(Boolean).join('\n') : m.footnote;
  return { ...m, text, fields, buttons, question, ...(footnote ? { footnote } : {}) };
}
