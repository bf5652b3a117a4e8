/**
 * AI layer entry point. The worker creates one provider from config:
 *
 *   const ai = createAiProvider({ provider: config.AI_PROVIDER, apiKey: config.GROQ_API_KEY,
 *     baseURL: config.GROQ_BASE_URL, model: config.GROQ_MODEL, timeoutMs: config.AI_TIMEOUT_MS });
 *   const questions = await ai.generateQuestions({ role, experience, topics, count, avoid });
 *
 * Errors are AiError (kind, retryable, retryAfterMs): map `retryable` to a Bull retry (use
 * `retryAfterMs` as the delay when present), otherwise fail the job with `err.message`.
 * GROQ_BASE_URL for OpenAI-compatible servers: see groq.provider.ts (e.g. Ollama: http://localhost:11434/v1).
 */
import { GroqProvider } from './groq.provider';
import { OfflineProvider } from './offline.provider';
import type { AiProvider } from './provider';

export interface CreateAiProviderOptions {
  provider: 'groq' | 'offline';
  apiKey?: string;
  baseURL?: string;
  model: string;
  timeoutMs?: number;
}

export function createAiProvider(opts: CreateAiProviderOptions): AiProvider {
  if (opts.provider === 'offline') return new OfflineProvider();
  return new GroqProvider({
    apiKey: opts.apiKey,
    baseURL: opts.baseURL,
    model: opts.model,
    timeoutMs: opts.timeoutMs,
  });
}

export * from './provider';
export { AiError, AUTH_ERROR_MESSAGE, isAiError, parseRetryAfter, toAiError } from './errors';
export type { AiErrorKind } from './errors';
export { GroqProvider, resolveEndpoint, DEFAULT_GROQ_BASE_URL } from './groq.provider';
export type { GroqProviderOptions } from './groq.provider';
export { OfflineProvider } from './offline.provider';
export { parseEvaluation, parseExplanation, parseGeneratedQuestions, extractJson } from './parse';
export { normaliseQuestionText } from './text';
export { scoreAnswer } from './scoring';
export { BANK, BANK_TOPICS } from './offline-bank';
