import type { Types } from 'mongoose';

/**
 * A session's response shape. Its questions are shaped by the questions module, which hands its
 * presenters over at start-up (src/wiring.ts), so this module never imports the questions module:
 * `full` for a session's detail (the question entity, practice figures included, for the owner),
 * `summary` for each question of a session list.
 */
type PopulatedQuestion = { _id: Types.ObjectId; question: string };
export interface QuestionPresenters {
  full: (userId: string, questions: PopulatedQuestion[]) => Promise<unknown[]>;
  summary: (question: PopulatedQuestion) => unknown;
}
let presenters: QuestionPresenters = {
  full: async (_userId, questions) => questions,
  summary: (q) => q,
};

export function presentQuestionsWith(p: QuestionPresenters): void {
  presenters = p;
}

type SessionLike = { _id: Types.ObjectId | string; questions?: unknown[] };
const isPopulated = (q: unknown): q is PopulatedQuestion =>
  Boolean(q && typeof q === 'object' && 'question' in q);

const withQuestions = <T extends SessionLike>(s: T, questions: unknown[]) => ({
  ...s,
  id: String(s._id),
  questions,
  questionCount: (s.questions ?? []).length,
});

/** A session as lists (and create) show it: each populated question as its summary. */
export function toSessionDto<T extends SessionLike>(s: T) {
  const questions = (s.questions ?? []).map((q) => (isPopulated(q) ? presenters.summary(q) : q));
  return withQuestions(s, questions);
}

/** A session with its questions in full (detail, update). */
export async function toSessionDetailDto<T extends SessionLike>(userId: string, s: T) {
  const all = s.questions ?? [];
  const full = await presenters.full(userId, all.filter(isPopulated));
  let next = 0;
  const questions = all.map((q) => (isPopulated(q) ? full[next++] : q));
  return withQuestions(s, questions);
}
