/**
 * Chat-completions provider built on groq-sdk. It talks to Groq by default and to any OpenAI-compatible
 * server (Ollama, vLLM, llama.cpp, LM Studio, OpenAI) through `baseURL`.
 *
 * Base URL: groq-sdk always appends `/openai/v1/chat/completions` to its baseURL. `resolveEndpoint`
 * makes GROQ_BASE_URL forgiving:
 *   unset                              → https://api.groq.com/openai/v1/chat/completions
 *   https://api.groq.com               → https://api.groq.com/openai/v1/chat/completions
 *   https://api.groq.com/openai/v1     → same (the suffix the SDK adds is not doubled)
 *   http://localhost:11434/v1          → http://localhost:11434/v1/chat/completions   (Ollama)
 *   http://gpu-box:8000/v1             → http://gpu-box:8000/v1/chat/completions      (vLLM, llama.cpp)
 *   https://host/some/path/chat/completions → used as the exact endpoint
 * i.e. for any OpenAI-compatible server set GROQ_BASE_URL to its ".../v1" base, the same value you would
 * give the OpenAI SDK. A bare host (no path) is treated as Groq-style (`/openai/v1/...` appended).
 * Local servers that need no key still need GROQ_API_KEY set to something (any value) for provider=groq.
 *
 * Retries: the SDK client runs with maxRetries 0. Failures become AiError (kind + retryable +
 * retryAfterMs) and the Bull job decides when to try again.
 */
import Groq from 'groq-sdk';
import { logger } from '../infra/logger';
import { metrics } from '../infra/metrics';
import { AiError, toAiError } from './errors';
import { parseEvaluation, parseExplanation, parseGeneratedQuestions } from './parse';
import {
  buildEvaluationPrompt,
  buildExplanationPrompt,
  buildGenerationPrompt,
  type ChatPrompt,
  LIMITS,
} from './prompts';
import type {
  AiCallOptions,
  AiProvider,
  AiUsage,
  Evaluation,
  EvaluationInput,
  Explanation,
  ExplanationInput,
  GeneratedQuestion,
  QuestionSpec,
} from './provider';
import { blankAnswerEvaluation } from './scoring';

export const DEFAULT_GROQ_BASE_URL = 'https://api.groq.com';
export const DEFAULT_TIMEOUT_MS = 30_000;
const SDK_PATH = '/openai/v1/chat/completions';

export interface GroqProviderOptions {
  apiKey?: string;
  baseURL?: string;
  model: string;
  timeoutMs?: number;
  /** Sampling temperature for generation (evaluation uses a low, fixed temperature). Default 0.7. */
  temperature?: number;
  /** Custom fetch (tests, proxies). Defaults to the global fetch. */
  fetch?: typeof fetch;
}

export interface ResolvedEndpoint {
  /** What we pass to the SDK as baseURL. */
  sdkBaseURL: string;
  /** The URL requests actually go to. */
  chatCompletionsURL: string;
  /** True when the SDK's URL must be rewritten (OpenAI-style `/v1` bases, explicit endpoints). */
  rewrite: boolean;
}

/** Works out where chat completions live for a GROQ_BASE_URL value (see the header comment). */
export function resolveEndpoint(baseURL?: string): ResolvedEndpoint {
  const raw = (baseURL ?? '').trim() || DEFAULT_GROQ_BASE_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AiError('bad_request', `GROQ_BASE_URL is not a valid URL: ${raw}`);
  }
  url.search = '';
  url.hash = '';
  const origin = url.origin;
  const path = url.pathname.replace(/\/+$/, '');
  if (/\/chat\/completions$/.test(path)) {
    return { sdkBaseURL: origin, chatCompletionsURL: origin + path, rewrite: true };
  }
  if (/\/openai\/v1$/.test(path)) {
    const base = origin + path.replace(/\/openai\/v1$/, '');
    return { sdkBaseURL: base, chatCompletionsURL: base + SDK_PATH, rewrite: false };
  }
  if (path === '') {
    return { sdkBaseURL: origin, chatCompletionsURL: origin + SDK_PATH, rewrite: false };
  }
  // ".../v1", ".../api/v1", ".../openai" etc: an OpenAI-style base; the endpoint is <base>/chat/completions.
  return {
    sdkBaseURL: origin + path,
    chatCompletionsURL: `${origin + path}/chat/completions`,
    rewrite: true,
  };
}

type Operation = 'generate' | 'evaluate' | 'explain';

function isGroqHost(baseURL?: string): boolean {
  try {
    return new URL((baseURL ?? '').trim() || DEFAULT_GROQ_BASE_URL).hostname.endsWith('groq.com');
  } catch {
    return true;
  }
}

export class GroqProvider implements AiProvider {
  readonly name = 'groq' as const;
  readonly model: string;
  readonly endpoint: ResolvedEndpoint;
  private readonly client: Groq;
  private readonly timeoutMs: number;
  private readonly temperature: number;
  /** Cleared when a server rejects `response_format` (older llama.cpp builds, some proxies). */
  private jsonMode = true;

  constructor(opts: GroqProviderOptions) {
    if (!opts.model) throw new AiError('bad_request', 'AI model name is required');
    const apiKey = opts.apiKey?.trim();
    if (!apiKey && isGroqHost(opts.baseURL)) {
      throw new AiError('auth', 'GROQ_API_KEY is required for the groq provider', { retryable: false });
    }
    this.model = opts.model;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.temperature = opts.temperature ?? 0.7;
    this.endpoint = resolveEndpoint(opts.baseURL);
    const baseFetch = opts.fetch ?? globalThis.fetch;
    const { endpoint } = this;
    const rewriteFetch: typeof fetch = (input, init) => {
      const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const target = href.startsWith(endpoint.sdkBaseURL + SDK_PATH)
        ? endpoint.chatCompletionsURL + href.slice((endpoint.sdkBaseURL + SDK_PATH).length)
        : href;
      return baseFetch(target, init);
    };
    this.client = new Groq({
      // Keyless local servers (Ollama...) ignore the header; the SDK insists on a value.
      apiKey: apiKey || 'not-needed',
      baseURL: endpoint.sdkBaseURL,
      maxRetries: 0,
      timeout: this.timeoutMs,
      fetch: endpoint.rewrite ? rewriteFetch : baseFetch,
    });
  }

  async generateQuestions(spec: QuestionSpec, opts: AiCallOptions = {}): Promise<GeneratedQuestion[]> {
    const count = Math.max(1, Math.min(LIMITS.count, Math.floor(spec.count) || 1));
    return this.run('generate', opts, async (track) => {
      const content = await this.complete(buildGenerationPrompt(spec), opts, track, {
        temperature: this.temperature,
        maxTokens: Math.min(8000, 400 + count * 450),
      });
      const { questions, dropped } = parseGeneratedQuestions(content, spec);
      if (dropped > 0) {
        logger.debug('AI output: dropped invalid or duplicate questions', { dropped, model: this.model });
      }
      return questions.slice(0, count);
    });
  }

  async evaluateAnswer(input: EvaluationInput, opts: AiCallOptions = {}): Promise<Evaluation> {
    const blank = blankAnswerEvaluation(input.userAnswer);
    if (blank) return blank;
    return this.run('evaluate', opts, async (track) =>
      parseEvaluation(
        await this.complete(buildEvaluationPrompt(input), opts, track, { temperature: 0.1, maxTokens: 1200 }),
      ),
    );
  }

  async explainConcept(input: ExplanationInput, opts: AiCallOptions = {}): Promise<Explanation> {
    return this.run('explain', opts, async (track) =>
      parseExplanation(
        await this.complete(buildExplanationPrompt(input), opts, track, {
          temperature: 0.3,
          maxTokens: 1800,
        }),
      ),
    );
  }

  /**
   * Times the whole operation (call + parse), records token usage as soon as the server reports it
   * (also when parsing then fails: those tokens were spent), maps every failure to AiError.
   */
  private async run<T>(
    operation: Operation,
    opts: AiCallOptions,
    fn: (track: (usage: AiUsage) => void) => Promise<T>,
  ): Promise<T> {
    const end = metrics.aiLatency.startTimer({ provider: this.name, operation });
    const track = (usage: AiUsage) => {
      metrics.aiTokens.inc({ provider: this.name, operation, kind: 'prompt' }, usage.promptTokens);
      metrics.aiTokens.inc({ provider: this.name, operation, kind: 'completion' }, usage.completionTokens);
      opts.onUsage?.(usage);
    };
    try {
      const value = await fn(track);
      end({ outcome: 'success' });
      return value;
    } catch (err) {
      const aiErr = toAiError(err);
      end({ outcome: aiErr.kind });
      // Retryable failures are routine (the job retries); failures that need a human are warnings.
      logger.log(aiErr.retryable ? 'info' : 'warn', 'AI provider call failed', {
        provider: this.name,
        model: this.model,
        operation,
        kind: aiErr.kind,
        status: aiErr.status,
        retryable: aiErr.retryable,
        reason: aiErr.message,
      });
      throw aiErr;
    }
  }

  /** One chat completion; returns the message content. */
  private async complete(
    prompt: ChatPrompt,
    opts: AiCallOptions,
    track: (usage: AiUsage) => void,
    params: { temperature: number; maxTokens: number },
  ): Promise<string> {
    const timeoutMs = opts.timeoutMs ?? this.timeoutMs;
    const request = (jsonMode: boolean) =>
      this.client.chat.completions.create(
        {
          model: this.model,
          messages: [
            { role: 'system', content: prompt.system },
            { role: 'user', content: prompt.user },
          ],
          temperature: params.temperature,
          max_tokens: params.maxTokens,
          ...(jsonMode ? { response_format: { type: 'json_object' as const } } : {}),
        },
        { timeout: timeoutMs, ...(opts.signal ? { signal: opts.signal } : {}) },
      );

    const started = Date.now();
    let response;
    try {
      response = await request(this.jsonMode);
    } catch (err) {
      const mapped = toAiError(err);
      // A connection error that arrives when our time limit ran out is the timeout (the SDK cannot always
      // tell: see causedByTimeout in ./errors).
      if (
        mapped.kind === 'server' &&
        mapped.status === undefined &&
        !opts.signal?.aborted &&
        Date.now() - started >= timeoutMs - 20
      ) {
        throw new AiError('timeout', `AI provider request timed out after ${timeoutMs} ms`, { cause: err });
      }
      const status = mapped.status;
      if (
        this.jsonMode &&
        mapped.kind === 'bad_request' &&
        (status === 400 || status === 422) &&
        /response_format|json_object|json mode/i.test(mapped.message)
      ) {
        // The server does not support JSON mode: the prompt alone asks for JSON, the parser copes.
        this.jsonMode = false;
        logger.info('AI server rejected response_format; continuing without JSON mode', {
          model: this.model,
        });
        response = await request(false);
      } else {
        throw err;
      }
    }

    if (response.usage) {
      const promptTokens = Number(response.usage.prompt_tokens) || 0;
      const completionTokens = Number(response.usage.completion_tokens) || 0;
      if (promptTokens > 0 || completionTokens > 0) track({ promptTokens, completionTokens });
    }
    const content = response.choices?.[0]?.message?.content ?? '';
    if (!content.trim()) throw new AiError('bad_output', 'AI provider returned an empty response');
    return content;
  }
}
