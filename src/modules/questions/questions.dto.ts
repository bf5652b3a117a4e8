import type { Types } from 'mongoose';
import type { z } from 'zod';
import type { masterySchema } from './question-entity.schemas';
import type { Difficulty, QuestionProvider, QUESTION_SOURCES } from './question.model';

/** A question's practice figures (computed by the practice feature, which owns attempts). */
type Mastery = Omit<z.infer<typeof masterySchema>, 'lastAttemptAt'> & { lastAttemptAt: Date | null };

/**
 * A question's one response shape, everywhere it leaves the server: lists, detail, update, custom,
 * toggle-pin, regenerate, search, generate, job results, a session's populated questions and the socket
 * `question:generated` payload. Fields are picked one by one (never spread), so a field added to the
 * model stays internal until it is added here and to `questionSchema` (questions.schemas.ts).
 * `session` is always the session id; endpoints that add context put it beside, in `sessionSummary`.
 */
export interface QuestionDto {
  _id: string;
  id: string;
  session: string;
  user: string;
  question: string;
  answer: string;
  notes: string;
  isPinned: boolean;
  difficulty: Difficulty;
  category: string;
  tags: string[];
  source: (typeof QUESTION_SOURCES)[number];
  /** Which AI provider wrote it; null for questions people wrote. */
  provider: QuestionProvider | null;
  isAnswered: boolean;
  createdAt: Date;
  updatedAt: Date;
  questionWordCount: number;
  answerWordCount: number;
  isLongQuestion: boolean;
  isComprehensiveAnswer: boolean;
  /** Practice figures from the user's scored attempts (see practice.service `withMastery`). */
  mastery: Mastery;
}

/** The session context some endpoints add beside a question (search, detail). */
export interface SessionSummary {
  _id: string;
  role: string;
  experience: string;
  topicsToFocus: string[];
}

/** What a session list shows of each of its questions (the detail has the full questions). */
export interface QuestionSummaryDto {
  _id: string;
  question: string;
  difficulty: Difficulty;
  isPinned: boolean;
}

/** A stored question as read (lean); `session` may be populated. */
export interface StoredQuestion {
  _id: Types.ObjectId | string;
  session: Types.ObjectId | string | { _id: Types.ObjectId | string };
  user: Types.ObjectId | string | { _id: Types.ObjectId | string };
  question: string;
  answer: string;
  notes?: string | null;
  isPinned?: boolean | null;
  difficulty?: Difficulty | null;
  category?: string | null;
  tags?: string[] | null;
  source?: (typeof QUESTION_SOURCES)[number] | null;
  provider?: QuestionProvider | null;
  isAnswered?: boolean | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A question nobody has practised yet: what a new question shows until `withMastery` says otherwise. */
const NO_ATTEMPTS: Mastery = {
  attempts: 0,
  latestScore: null,
  bestScore: null,
  averageScore: null,
  trend: null,
  lastAttemptAt: null,
};

const wordCount = (s: unknown) => (typeof s === 'string' ? s.split(/\s+/).filter(Boolean).length : 0);

/** The id of a reference, populated or not. */
const refId = (v: Types.ObjectId | string | { _id: Types.ObjectId | string }) =>
  String(typeof v === 'object' && v !== null && '_id' in v ? v._id : v);

/**
 * The response shape of a question. `mastery` reads "never practised", which is true of a question just
 * created; responses about existing questions replace it with theirs (practice.service `withMastery`).
 * One argument only, so `docs.map(toQuestionDto)` is safe.
 */
export function toQuestionDto(q: StoredQuestion): QuestionDto {
  const questionWordCount = wordCount(q.question);
  const answerWordCount = wordCount(q.answer);
  return {
    _id: String(q._id),
    id: String(q._id),
    session: refId(q.session),
    user: refId(q.user),
    question: q.question,
    answer: q.answer,
    notes: q.notes ?? '',
    isPinned: q.isPinned ?? false,
    difficulty: q.difficulty ?? 'medium',
    category: q.category ?? '',
    tags: [...(q.tags ?? [])],
    source: q.source ?? 'custom',
    provider: q.provider ?? null,
    isAnswered: q.isAnswered ?? true,
    createdAt: q.createdAt,
    updatedAt: q.updatedAt,
    questionWordCount,
    answerWordCount,
    isLongQuestion: questionWordCount > 100,
    isComprehensiveAnswer: answerWordCount > 200,
    mastery: NO_ATTEMPTS,
  };
}

/** The session summary of a question whose `session` was populated with SESSION_SUMMARY_FIELDS. */
export const SESSION_SUMMARY_FIELDS = '_id role experience topicsToFocus';
export function toSessionSummary(session: unknown): SessionSummary | null {
  if (!session || typeof session !== 'object' || !('role' in session)) return null;
  const s = session as { _id: Types.ObjectId; role: string; experience: string; topicsToFocus?: string[] };
  return {
    _id: String(s._id),
    role: s.role,
    experience: s.experience,
    topicsToFocus: [...(s.topicsToFocus ?? [])],
  };
}

/** A question with the session context beside it (its `session` stays the id). */
export const withSessionSummary = (q: StoredQuestion) => ({
  ...toQuestionDto(q),
  sessionSummary: toSessionSummary(q.session),
});

/** A session list's view of one of its questions. */
export const toQuestionSummaryDto = (q: {
  _id: Types.ObjectId | string;
  question: string;
  difficulty?: Difficulty | null;
  isPinned?: boolean | null;
}): QuestionSummaryDto => ({
  _id: String(q._id),
  question: q.question,
  difficulty: q.difficulty ?? 'medium',
  isPinned: q.isPinned ?? false,
});
