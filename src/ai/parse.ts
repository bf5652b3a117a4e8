/**
 * Defensive parsing of model output. Models wrap JSON in ```json fences, add a sentence before or after
 * it, return a bare array instead of {"questions": [...]}, or mix good and bad items. We take what is
 * valid and fail (AiError bad_output, retryable) only when nothing usable remains.
 */
import { AiError } from './errors';
import type { Evaluation, Explanation, GeneratedQuestion, QuestionSpec } from './provider';
import { evaluationSchema, explanationSchema, normaliseDifficulty, validateQuestionItem } from './schemas';
import { normaliseQuestionText } from './text';

/** Returns the end index (exclusive) of the balanced JSON value starting at `start`, or -1. */
function scanBalanced(text: string, start: number): number {
  const stack: string[] = [];
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') stack.push(c === '{' ? '}' : ']');
    else if (c === '}' || c === ']') {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i + 1;
    }
  }
  return -1;
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * Extracts the first JSON object or array from model output: the whole text, else the contents of a
 * ``` fence, else the first balanced {...} / [...] embedded in prose. Throws AiError bad_output.
 */
export function extractJson(text: string): unknown {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (!trimmed) throw new AiError('bad_output', 'AI provider returned an empty response');
  const whole = tryParse(trimmed);
  if (whole.ok && whole.value !== null && typeof whole.value === 'object') return whole.value;

  const fence = /```[a-zA-Z0-9_-]*[ \t]*\n?([\s\S]*?)```/g;
  for (let m = fence.exec(trimmed); m; m = fence.exec(trimmed)) {
    const inner = tryParse((m[1] ?? '').trim());
    if (inner.ok && inner.value !== null && typeof inner.value === 'object') return inner.value;
  }

  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed[i];
    if (c !== '{' && c !== '[') continue;
    const end = scanBalanced(trimmed, i);
    if (end < 0) continue;
    const candidate = tryParse(trimmed.slice(i, end));
    if (candidate.ok && candidate.value !== null && typeof candidate.value === 'object')
      return candidate.value;
  }
  throw new AiError('bad_output', 'AI provider response contained no valid JSON');
}

const LIST_KEYS = ['questions', 'items', 'data', 'results', 'interviewQuestions', 'interview_questions'];

/** Finds the list of question-like items in a parsed value. */
function findItems(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (!value || typeof value !== 'object') return [];
  const obj = value as Record<string, unknown>;
  for (const key of LIST_KEYS) {
    const v = obj[key];
    if (Array.isArray(v)) return v;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const nested = findItems(v);
      if (nested.length) return nested;
    }
  }
  // {"question": ..., "answer": ...}: a single item.
  if ('question' in obj) return [obj];
  // Any other array of objects, whatever the key.
  const other = Object.values(obj).find((v) => Array.isArray(v) && v.some((x) => x && typeof x === 'object'));
  return Array.isArray(other) ? other : [];
}

export interface ParsedQuestions {
  questions: GeneratedQuestion[];
  /** Items present in the output but rejected (invalid, duplicate, or in `avoid`). */
  dropped: number;
}

/**
 * Parses generation output. Items are validated one by one; invalid ones, duplicates within the batch
 * and texts in `spec.avoid` are dropped. Throws AiError bad_output when nothing valid remains.
 */
export function parseGeneratedQuestions(
  text: string,
  spec: Pick<QuestionSpec, 'topics' | 'difficulty' | 'avoid'> = { topics: [] },
): ParsedQuestions {
  const items = findItems(extractJson(text));
  const seen = new Set((spec.avoid ?? []).map(normaliseQuestionText));
  const questions: GeneratedQuestion[] = [];
  for (const raw of items) {
    const item = validateQuestionItem(raw, {
      difficulty: normaliseDifficulty(spec.difficulty),
      topics: spec.topics,
    });
    if (!item) continue;
    const key = normaliseQuestionText(item.question);
    if (seen.has(key)) continue;
    seen.add(key);
    questions.push(item);
  }
  if (questions.length === 0) {
    throw new AiError(
      'bad_output',
      items.length
        ? `AI provider returned ${items.length} question(s), none of them valid or new`
        : 'AI provider response contained no questions',
    );
  }
  return { questions, dropped: items.length - questions.length };
}

function unwrap(value: unknown, key: string): unknown {
  if (Array.isArray(value)) return value[0];
  if (value && typeof value === 'object' && !(key in value)) {
    // {"evaluation": {...}} / {"result": {...}}
    const inner = Object.values(value).find(
      (v) => v && typeof v === 'object' && !Array.isArray(v) && key in v,
    );
    if (inner) return inner;
  }
  return value;
}

/** Parses evaluation output: score clamped to 0..10 (numbers or numeric strings), string arrays. */
export function parseEvaluation(text: string): Evaluation {
  const parsed = evaluationSchema.safeParse(unwrap(extractJson(text), 'score'));
  if (!parsed.success) {
    throw new AiError('bad_output', 'AI provider returned an invalid evaluation', { cause: parsed.error });
  }
  return parsed.data;
}

/** Parses explanation output: `explanation` required, `keyPoints` string array, `example` optional. */
export function parseExplanation(text: string): Explanation {
  const parsed = explanationSchema.safeParse(unwrap(extractJson(text), 'explanation'));
  if (!parsed.success) {
    throw new AiError('bad_output', 'AI provider returned an invalid explanation', { cause: parsed.error });
  }
  const { example, ...rest } = parsed.data;
  return example ? { ...rest, example } : rest;
}
