import { BENEFICIARIES } from '../config/vocabulary';

/** The designation footnote, shown once per message or document that names Kosovo*. */
export const KOSOVO_FOOTNOTE =
  '* This designation is without prejudice to positions on status, and is in line with UNSCR 1244/1999 and the ICJ Opinion on the Kosovo declaration of independence.';

/** Country or beneficiary code → display name (Kosovo always with the asterisk). */
export function countryName(code: string | undefined | null): string {
  if (!code) return '';
  return BENEFICIARIES.labels[code] ?? code;
}

/** True when the text names Kosovo and so needs the footnote. */
export function mentionsKosovo(text: string): boolean {
  return /Kosovo\*/.test(text);
}

/** Writes every bare "Kosovo" as "Kosovo*" (a person may type it without the asterisk). */
export function designateKosovo(text: string): string {
  return text.replace(/\bKosovo\b(?!\*)/g, 'Kosovo*');
}

/** Appends the footnote once when the text names Kosovo*. */
export function withKosovoFootnote(text: string): string {
  const t = designateKosovo(text);
  return mentionsKosovo(t) && !t.includes(KOSOVO_FOOTNOTE) ? `${t}\n\n${KOSOVO_FOOTNOTE}` : t;
}
