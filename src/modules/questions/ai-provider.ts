import { createAiProvider } from '../../ai';
import type { AiProvider } from '../../ai/provider';
import { config } from '../../config';
import { withAiStats } from '../usage/ai-stats';

let provider: AiProvider | undefined;

/** The configured AI provider (groq when a key is set, offline otherwise), built once per process; calls and tokens are counted per day. */
export function getAiProvider(): AiProvider {
  provider ??= withAiStats(
    createAiProvider({
      provider: config.ai.provider,
      apiKey: config.ai.apiKey,
      baseURL: config.ai.baseURL,
      model: config.ai.model,
      timeoutMs: config.ai.timeoutMs,
    }),
  );
  return provider;
}
