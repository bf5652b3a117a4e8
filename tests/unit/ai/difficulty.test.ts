import { difficultyCounts, difficultyMix } from '../../../src/ai/difficulty';
import { OfflineProvider } from '../../../src/ai/offline.provider';
import { buildGenerationPrompt } from '../../../src/ai/prompts';
import type { Difficulty } from '../../../src/ai/provider';

const EXPERIENCE = ['entry-level', 'junior', 'mid-level', 'senior', 'lead', 'expert'] as const;
const TOPIC_SETS = [
  ['Docker'],
  ['JavaScript', 'React'],
  ['Node.js', 'MongoDB'],
  ['SQL', 'Python'],
  ['System Design'],
  ['Kubernetes', 'AWS'],
  ['Go', 'Kafka'],
  ['Java', 'Spring Boot'],
];

/** Share of each difficulty over many offline generations (no difficulty requested). */
async function distribution(experience: string): Promise<Record<Difficulty, number>> {
  const ai = new OfflineProvider();
  const counts = { easy: 0, medium: 0, hard: 0 };
  let total = 0;
  for (const topics of TOPIC_SETS) {
    for (const count of [1, 3, 5, 10]) {
      const qs = await ai.generateQuestions({ role: 'Backend Developer', experience, topics, count });
      for (const q of qs) counts[q.difficulty]++;
      total += qs.length;
    }
  }
  return { easy: counts.easy / total, medium: counts.medium / total, hard: counts.hard / total };
}

describe('difficulty weighted by experience (no difficulty requested)', () => {
  it('entry-level and junior get mostly easy questions, almost never hard ones', async () => {
    for (const e of ['entry-level', 'junior']) {
      const d = await distribution(e);
      expect([e, d.easy > 0.55, d.hard <= 0.06]).toEqual([e, true, true]);
    }
  });

  it('mid-level gets mostly medium questions', async () => {
    const d = await distribution('mid-level');
    expect(d.medium).toBeGreaterThan(0.5);
    expect(d.easy).toBeGreaterThan(0.1);
    expect(d.hard).toBeGreaterThan(0.1);
  });

  it('senior, lead and expert get mostly hard questions and (almost) no easy ones', async () => {
    for (const e of ['senior', 'lead', 'expert']) {
      const d = await distribution(e);
      expect([e, d.hard > 0.6, d.easy <= 0.06]).toEqual([e, true, true]);
    }
  });

  it('a senior asking for five questions never gets an easy one; a requested difficulty always wins', async () => {
    const ai = new OfflineProvider();
    for (const topics of TOPIC_SETS) {
      const qs = await ai.generateQuestions({
        role: 'DevOps Engineer',
        experience: 'senior',
        topics,
        count: 5,
      });
      expect(qs.filter((q) => q.difficulty === 'easy')).toEqual([]);
      const easy = await ai.generateQuestions({
        role: 'DevOps Engineer',
        experience: 'expert',
        topics,
        count: 3,
        difficulty: 'easy',
      });
      expect(easy.map((q) => q.difficulty)).toEqual(['easy', 'easy', 'easy']);
    }
  });

  it('counts add up for every level and count, and ties favour the level the mix weighs more', () => {
    for (const e of EXPERIENCE) {
      for (let n = 1; n <= 10; n++) {
        const c = difficultyCounts(n, difficultyMix(e));
        expect(c.easy + c.medium + c.hard).toBe(n);
      }
    }
    expect(difficultyCounts(1, difficultyMix('senior'))).toEqual({ easy: 0, medium: 0, hard: 1 });
    expect(difficultyCounts(1, difficultyMix('junior'))).toEqual({ easy: 1, medium: 0, hard: 0 });
    expect(difficultyCounts(1, difficultyMix('mid-level'))).toEqual({ easy: 0, medium: 1, hard: 0 });
    expect(difficultyCounts(5, difficultyMix('senior'))).toEqual({ easy: 0, medium: 2, hard: 3 });
  });

  it('the model is asked for the same split', () => {
    const prompt = buildGenerationPrompt({ role: 'x', experience: 'senior', topics: ['Go'], count: 5 });
    expect(prompt.user).toContain('mostly hard, some medium (0 easy, 2 medium, 3 hard)');
  });
});
