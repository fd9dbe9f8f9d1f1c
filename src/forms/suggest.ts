import type { ChoiceOption } from '../messages/bot-message';

/**
 * "Did you mean …?": the option a near miss was meant to be ("Serbai" → Serbia, "Montengro" →
 * Montenegro), so a typo gets one suggestion instead of the whole list again.
 */

const norm = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/\*/g, '').trim().toLowerCase();

/** Edit distance counting a swap of two neighbouring letters as one edit (the commonest typo). */
export function typoDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** How many typos a word of this length may carry and still be recognised. */
const allowance = (length: number) => (length < 4 ? 0 : length < 8 ? 1 : 2);

/**
 * The one option this text most likely meant: the label (or its first words, or the code) within a
 * typo or two. Undefined when nothing is close, or when two options are equally close.
 */
export function nearestOption(opts: ChoiceOption[], text: string): ChoiceOption | undefined {
  const t = norm(text);
  if (t.length < 3) return undefined;
  let best: { o: ChoiceOption; d: number } | undefined;
  let tie = false;
  for (const o of opts) {
    const label = norm(o.label);
    const words = label.split(/\s+/);
    // The typed text against the whole label, against as many of its first words, and against the code.
    const candidates = [label, words.slice(0, t.split(/\s+/).length).join(' '), norm(o.value)];
    const d = Math.min(...candidates.map((c) => typoDistance(t, c)));
    if (d > allowance(t.length)) continue;
    if (!best || d < best.d) {
      best = { o, d };
      tie = false;
    } else if (d === best.d && best.o.value !== o.value) tie = true;
  }
  return best && !tie ? best.o : undefined;
}
