/**
 * Difficulty by experience, shared by both providers: the offline provider draws this mix, the model is
 * asked for it (prompts.ts). Entry-level and junior candidates get mostly easy questions, mid-level mostly
 * medium, senior and above mostly hard, with hardly any easy ones.
 */
import type { Difficulty } from './provider';
import { shuffled } from './text';

export type Mix = Record<Difficulty, number>;

const LEVELS: Difficulty[] = ['easy', 'medium', 'hard'];

/** Difficulty mix by experience level (the contract's values, plus common synonyms). */
export function difficultyMix(experience: string): Mix {
  const e = experience.toLowerCase();
  if (/entry|intern|graduate|beginner|fresher/.test(e)) return { easy: 0.7, medium: 0.3, hard: 0 };
  if (/junior/.test(e)) return { easy: 0.6, medium: 0.35, hard: 0.05 };
  if (/expert|lead|principal|staff|architect/.test(e)) return { easy: 0, medium: 0.25, hard: 0.75 };
  if (/senior/.test(e)) return { easy: 0.05, medium: 0.3, hard: 0.65 };
  return { easy: 0.2, medium: 0.6, hard: 0.2 }; // mid-level and unknown
}

/**
 * How many of `count` questions per difficulty: proportional to `mix`, largest remainder first; equal
 * remainders go to the level the mix weighs more (a senior's odd question is hard, not easy).
 */
export function difficultyCounts(count: number, mix: Mix): Record<Difficulty, number> {
  const exact = LEVELS.map((d) => mix[d] * count);
  const counts = exact.map(Math.floor);
  let left = count - counts.reduce((a, b) => a + b, 0);
  const order = [0, 1, 2].sort((a, b) => {
    const ra = (exact[a] as number) - (counts[a] as number);
    const rb = (exact[b] as number) - (counts[b] as number);
    return rb - ra || mix[LEVELS[b] as Difficulty] - mix[LEVELS[a] as Difficulty] || a - b;
  });
  for (const i of order) {
    if (left <= 0) break;
    counts[i] = (counts[i] as number) + 1;
    left--;
  }
  return { easy: counts[0] as number, medium: counts[1] as number, hard: counts[2] as number };
}

/** The counts as a list of difficulties, in a seeded order. */
export function difficultyPlan(count: number, mix: Mix, rand: () => number): Difficulty[] {
  const counts = difficultyCounts(count, mix);
  return shuffled(
    LEVELS.flatMap((d) => Array<Difficulty>(counts[d]).fill(d)),
    rand,
  );
}
