import type { Types } from 'mongoose';

/**
 * A session's response shape. Populated questions are shaped by the questions module, which hands its
 * formatter over at start-up (src/wiring.ts), so this module never imports the questions module.
 */
type QuestionPresenter = (q: { _id: Types.ObjectId; question: string }) => unknown;
let presentQuestion: QuestionPresenter = (q) => q;

export function presentQuestionsWith(presenter: QuestionPresenter): void {
  presentQuestion = presenter;
}

export function toSessionDto<T extends { _id: Types.ObjectId | string; questions?: unknown[] }>(s: T) {
  const questions = (s.questions ?? []).map((q) =>
    q && typeof q === 'object' && 'question' in (q as object)
      ? presentQuestion(q as { _id: Types.ObjectId; question: string })
      : q,
  );
  return { ...s, id: String(s._id), questions, questionCount: (s.questions ?? []).length };
}
