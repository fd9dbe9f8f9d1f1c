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

/**
 * Capitalised words that may stand right before the territory's name in prose ("In Kosovo",
 * "North Kosovo", "Serbia and Kosovo"). Any other capitalised word there is taken as a given name:
 * "Arben Kosovo" is a person, and the designation belongs to the territory only.
 */
const BEFORE_TERRITORY = new Set(
  (
    'in to from for with and or of the a an by on at into through across within about between including ' +
    'north south east west northern southern eastern western central whole all both only also like unlike ' +
    'throughout outside inside near beyond neighbouring neighboring entire regional visiting visit support ' +
    'supporting assisting partners partner albania serbia montenegro macedonia herzegovina bosnia greece ' +
    'dear hello re cc fw see note'
  ).split(' '),
);

/** True when "Kosovo" at `index` is a person's surname: right after a capitalised word that is not prose. */
function isSurname(text: string, index: number): boolean {
  const before = /(\p{Lu}[\p{Ll}'’-]+) $/u.exec(text.slice(Math.max(0, index - 40), index));
  return Boolean(before && !BEFORE_TERRITORY.has(before[1]!.toLowerCase()));
}

/** Writes every bare "Kosovo" naming the territory as "Kosovo*" (a person may type it without the asterisk). */
export function designateKosovo(text: string): string {
  return text.replace(/\bKosovo\b(?!\*)/g, (word, index: number) => (isSurname(text, index) ? word : 'Kosovo*'));
}

/** Appends the footnote once when the text names Kosovo*. */
export function withKosovoFootnote(text: string): string {
  const t = designateKosovo(text);
  return mentionsKosovo(t) && !t.includes(KOSOVO_FOOTNOTE) ? `${t}\n\n${KOSOVO_FOOTNOTE}` : t;
}
