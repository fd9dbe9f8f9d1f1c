import { CLASSIFICATION_MARKINGS } from '../config/vocabulary';

/**
 * Chat platforms are not accredited for classified information. A marking such as "RESTREINT UE"
 * is matched case-insensitively; single generic words ("SECRET", "CONFIDENTIAL") only when written
 * in capitals as markings are, so ordinary prose ("the Secretariat", "confidential talks") passes.
 */
const multiWord = CLASSIFICATION_MARKINGS.filter((m) => m.includes(' '));
const singleWord = CLASSIFICATION_MARKINGS.filter((m) => !m.includes(' '));
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const multiRe = new RegExp(`(^|[^\\p{L}])(${multiWord.map(escape).join('|')})(?=$|[^\\p{L}])`, 'iu');
const singleRe = new RegExp(`(^|[^\\p{L}])(${singleWord.map(escape).join('|')})(?=$|[^\\p{L}])`, 'u');

/** The marking found in the text, or null. Looks into nested values of a whole form too. */
export function findClassificationMarking(value: unknown): string | null {
  if (typeof value === 'string') {
    const m = multiRe.exec(value) ?? singleRe.exec(value);
    return m ? (m[2] as string).toUpperCase() : null;
  }
  if (Array.isArray(value)) {
    for (const v of value) {
      const m = findClassificationMarking(v);
      if (m) return m;
    }
    return null;
  }
  if (value && typeof value === 'object') return findClassificationMarking(Object.values(value));
  return null;
}

export function classificationRefusal(marking: string): string {
  return (
    `Your text carries the marking "${marking}". Slack and Teams are not accredited for classified ` +
    'information, so I have not stored it. Please send classified material through your accredited channel, ' +
    'and write here only an unclassified description.'
  );
}
