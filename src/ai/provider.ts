/**
 * The AI provider interface shared by the worker's jobs. Two implementations: `GroqProvider` (any
 * OpenAI-compatible chat-completions server through groq-sdk) and `OfflineProvider` (deterministic,
 * built-in question bank and heuristic scorer). Every failure is an `AiError` (./errors).
 */
export type Difficulty = 'easy' | 'medium' | 'hard';
export const DIFFICULTIES: readonly Difficulty[] = ['easy', 'medium', 'hard'];

export interface QuestionSpec {
  role: string;
  experience: string;
  topics: string[];
  count: number;
  difficulty?: Difficulty;
  description?: string;
  /** Question texts the session already has, to steer away from duplicates. */
  avoid?: string[];
}

export interface GeneratedQuestion {
  question: string;
  answer: string;
  difficulty: Difficulty;
  topic: string;
}

export interface EvaluationInput {
  question: string;
  modelAnswer: string;
  userAnswer: string;
  role?: string;
  experience?: string;
}

export interface Evaluation {
  /** 0..10 */
  score: number;
  feedback: string;
  strengths: string[];
  improvements: string[];
}

export interface ExplanationInput {
  question: string;
  answer?: string;
  topic?: string;
}

export interface Explanation {
  explanation: string;
  keyPoints: string[];
  example?: string;
}

export interface AiUsage {
  promptTokens: number;
  completionTokens: number;
}

/**
 * Optional per-call options (an extension of the base interface; every argument is optional).
 * - `signal`: abort the call (e.g. on worker shutdown); surfaces as a retryable AiError.
 * - `onUsage`: receives the token usage of the call (not called by the offline provider).
 * - `timeoutMs`: overrides the provider's default timeout for this call.
 */
export interface AiCallOptions {
  signal?: AbortSignal;
  onUsage?: (usage: AiUsage) => void;
  timeoutMs?: number;
}

export interface AiProvider {
  readonly name: 'groq' | 'offline';
  /**
   * Returns between 1 and `spec.count` valid questions (never one whose text is in `spec.avoid`).
   * Throws AiError (bad_output when nothing usable came back).
   */
  generateQuestions(spec: QuestionSpec, opts?: AiCallOptions): Promise<GeneratedQuestion[]>;
  evaluateAnswer(input: EvaluationInput, opts?: AiCallOptions): Promise<Evaluation>;
  explainConcept(input: ExplanationInput, opts?: AiCallOptions): Promise<Explanation>;
}
