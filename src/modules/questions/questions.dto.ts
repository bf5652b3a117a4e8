import type { Types } from 'mongoose';

/**
 * Response shapes. Lean documents lack virtuals, so `id` and the old word-count virtuals are added
 * here, and internal fields (search tokens, fingerprint) never leave the service.
 */
const HIDDEN = ['fingerprint', 'searchTokens', 'generationJob', '__v'] as const;

const wordCount = (s: unknown) => (typeof s === 'string' ? s.split(/\s+/).filter(Boolean).length : 0);

export function toQuestionDto<T extends { _id: Types.ObjectId | string; question?: string; answer?: string }>(
  q: T,
) {
  const out: Record<string, unknown> = { ...q };
  for (const k of HIDDEN) delete out[k];
  const questionWordCount = wordCount(q.question);
  const answerWordCount = wordCount(q.answer);
  return {
    ...out,
    id: String(q._id),
    questionWordCount,
    answerWordCount,
    isLongQuestion: questionWordCount > 100,
    isComprehensiveAnswer: answerWordCount > 200,
  } as T & {
    id: string;
    questionWordCount: number;
    answerWordCount: number;
    isLongQuestion: boolean;
    isComprehensiveAnswer: boolean;
  };
}
