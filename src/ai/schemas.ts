/**
 * zod schemas for what a model (or the offline bank) hands back. The same `questionItemSchema` validates
 * model output and every offline bank entry, so both obey the limits of POST /question/custom
 * (question 5..2000, answer 10..5000).
 */
import { z } from 'zod';
import type { Difficulty } from './provider';
import { stripControl } from './text';

export const QUESTION_MIN = 5;
export const QUESTION_MAX = 2000;
export const ANSWER_MIN = 10;
export const ANSWER_MAX = 5000;
export const TOPIC_MAX = 100;

export const difficultySchema = z.enum(['easy', 'medium', 'hard']);

const DIFFICULTY_WORDS: Record<string, Difficulty> = {
  easy: 'easy',
  beginner: 'easy',
  basic: 'easy',
  simple: 'easy',
  junior: 'easy',
  entry: 'easy',
  low: 'easy',
  medium: 'medium',
  moderate: 'medium',
  intermediate: 'medium',
  mid: 'medium',
  normal: 'medium',
  average: 'medium',
  hard: 'hard',
  difficult: 'hard',
  advanced: 'hard',
  expert: 'hard',
  senior: 'hard',
  challenging: 'hard',
  high: 'hard',
};

/** "Easy", "BEGINNER", "intermediate", "advanced", 1/2/3 → easy|medium|hard; anything else → undefined. */
export function normaliseDifficulty(value: unknown): Difficulty | undefined {
  if (typeof value === 'number') {
    return value === 1 ? 'easy' : value === 2 ? 'medium' : value === 3 ? 'hard' : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const word =
    value
      .trim()
      .toLowerCase()
      .split(/[^a-z0-9]+/)[0] ?? '';
  if (/^[123]$/.test(word)) return normaliseDifficulty(Number(word));
  return DIFFICULTY_WORDS[word];
}

const cleanString = (v: unknown) => (typeof v === 'string' ? stripControl(v) : v);

/** The validated shape of one generated question. */
export const questionItemSchema = z.object({
  question: z.preprocess(cleanString, z.string().min(QUESTION_MIN).max(QUESTION_MAX)),
  answer: z.preprocess(cleanString, z.string().min(ANSWER_MIN).max(ANSWER_MAX)),
  difficulty: difficultySchema,
  topic: z.preprocess(cleanString, z.string().min(1).max(TOPIC_MAX)),
});
export type QuestionItem = z.infer<typeof questionItemSchema>;

const pick = (obj: Record<string, unknown>, keys: string[]): unknown => {
  for (const k of keys) if (obj[k] !== undefined && obj[k] !== null) return obj[k];
  return undefined;
};

export interface ItemDefaults {
  difficulty?: Difficulty;
  /** Topics of the request: the first one mentioned in the question (else the first) is the default. */
  topics?: string[];
}

function defaultTopic(question: string, topics: string[]): string | undefined {
  const q = question.toLowerCase();
  return topics.find((t) => t && q.includes(t.toLowerCase())) ?? topics[0];
}

/**
 * Validates one raw item from model output, tolerating common key variants (`q`, `model_answer`,
 * `level`, `category`...). Difficulty is normalised (default: `defaults.difficulty`, else medium);
 * topic defaults from the spec. Returns null for an unusable item.
 */
export function validateQuestionItem(raw: unknown, defaults: ItemDefaults = {}): QuestionItem | null {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const obj = raw as Record<string, unknown>;
  const question = pick(obj, ['question', 'q', 'text', 'prompt', 'title']);
  const answer = pick(obj, [
    'answer',
    'modelAnswer',
    'model_answer',
    'sampleAnswer',
    'sample_answer',
    'a',
    'solution',
    'explanation',
  ]);
  const questionText = typeof question === 'string' ? question : '';
  const rawTopic = pick(obj, ['topic', 'category', 'subject', 'area']);
  const candidate = {
    question,
    answer,
    difficulty:
      normaliseDifficulty(pick(obj, ['difficulty', 'level', 'difficultyLevel'])) ??
      defaults.difficulty ??
      'medium',
    topic:
      typeof rawTopic === 'string' && stripControl(rawTopic)
        ? stripControl(rawTopic).slice(0, TOPIC_MAX)
        : stripControl(defaultTopic(questionText, defaults.topics ?? []) ?? '').slice(0, TOPIC_MAX) ||
          'General',
  };
  const parsed = questionItemSchema.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}

const MAX_LIST_ITEMS = 10;
const MAX_LIST_ITEM_CHARS = 500;

/** Accepts an array of strings (or a single string); drops blanks and non-strings; limits size. */
const stringList = z.preprocess((v) => {
  const arr = Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
  return arr
    .map((x) => (typeof x === 'string' ? stripControl(x) : typeof x === 'number' ? String(x) : ''))
    .filter((x) => x.length > 0)
    .slice(0, MAX_LIST_ITEMS)
    .map((x) => x.slice(0, MAX_LIST_ITEM_CHARS));
}, z.array(z.string()));

/**
 * 7, "7", "7.5", "7/10", "7 out of 10" → number. Values on a stated scale ("85/100") are rescaled.
 * Rounded to one decimal; NaN when there is no number, or when it lies outside 0..10: a model that
 * answers 15 or -3 misread the task, and the evaluation is rejected (and retried) rather than clamped.
 */
export function parseScore(value: unknown): number {
  let n = Number.NaN;
  let outOf = 10;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string') {
    const m = /(-?\d+(?:\.\d+)?)\s*(?:\/|out of)?\s*(\d+)?/i.exec(value.trim());
    if (m) {
      n = Number(m[1]);
      if (m[2]) outOf = Number(m[2]);
    }
  }
  if (!Number.isFinite(n)) return Number.NaN;
  if (outOf > 0 && outOf !== 10) n = (n / outOf) * 10;
  const rounded = Math.round(n * 10) / 10;
  return rounded >= 0 && rounded <= 10 ? rounded : Number.NaN;
}

export const evaluationSchema = z.object({
  score: z.preprocess(parseScore, z.number().min(0).max(10)),
  feedback: z.preprocess(cleanString, z.string().min(1).max(5000)),
  strengths: stringList.default([]),
  improvements: stringList.default([]),
});

export const explanationSchema = z.object({
  explanation: z.preprocess(cleanString, z.string().min(1).max(10000)),
  keyPoints: stringList.default([]),
  example: z.preprocess(
    (v) => (typeof v === 'string' ? stripControl(v) || undefined : undefined),
    z.string().max(5000).optional(),
  ),
});
