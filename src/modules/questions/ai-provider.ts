import { createAiProvider } from '../../ai';
import type { AiProvider } from '../../ai/provider';
import { config } from '../../config';

let provider: AiProvider | undefined;

/** The configured AI provider (groq when a key is set, offline otherwise), built once per process. */
export function getAiProvider(): AiProvider {
  provider ??= createAiProvider({
    provider: config.ai.provider,
    apiKey: config.ai.apiKey,
    baseURL: config.ai.baseURL,
    model: config.ai.model,
    timeoutMs: config.ai.timeoutMs,
  });
  return provider;
}
