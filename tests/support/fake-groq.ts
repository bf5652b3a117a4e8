/**
 * Fake Groq server for tests: a real HTTP server on 127.0.0.1 (random port) speaking the
 * OpenAI-compatible chat-completions API that groq-sdk calls (`POST /openai/v1/chat/completions`;
 * `POST /v1/chat/completions` is accepted too, for OpenAI-style base URLs).
 *
 *   import { startFakeGroq } from '../support/fake-groq';
 *
 *   const fake = await startFakeGroq();
 *   // point the app at it: GROQ_BASE_URL=fake.url, GROQ_API_KEY=anything (except fake.rejectKey)
 *   fake.enqueue({ status: 200, content: '{"questions":[...]}' });   // next call answers this
 *   fake.enqueue({ status: 429, headers: { 'retry-after': '1' } });  // then a rate limit
 *   fake.enqueue({ status: 500 }, { status: 401 });                  // several at once, in order
 *   fake.enqueue({ delayMs: 3000 });                                  // a slow (default) answer
 *   fake.enqueue((req) => ({ content: JSON.stringify({ questions: [] }) })); // computed from the request
 *   fake.requests;       // every request received: { path, headers, body, at }
 *   fake.reset();        // clear queue and captured requests
 *   await fake.close();
 *
 * Queue entries are consumed one per request, in order. An entry's fields (all optional):
 *   status   HTTP status (default 200). Non-2xx answers carry an OpenAI-style {"error": {...}} body
 *            (401 invalid_api_key, 429 rate_limit_exceeded, 5xx server error, 400 invalid_request).
 *   content  the assistant message content (a string; the model's "JSON"). Default: the default responder.
 *   body     a raw JSON body to send instead of a chat.completion (e.g. a custom error body)
 *   raw      a raw text body, sent as-is (e.g. truncated JSON to exercise SDK parsing errors)
 *   headers  extra response headers (e.g. {'retry-after': '2'} or {'retry-after-ms': '150'})
 *   delayMs  wait this long before answering (for timeouts); the wait ends if the client disconnects
 *   usage    {prompt_tokens, completion_tokens} (default: estimated from the text)
 *   destroy  true: drop the connection without answering (a network error)
 *
 * When the queue is empty the default responder answers (status 200):
 *   - generation prompts: exactly the requested number of valid questions ("Write exactly N ..."),
 *     using the topics and difficulty from the prompt's data block; every question text is unique for
 *     the life of the server (a running counter), so de-duplication never eats them.
 *   - evaluation prompts: a valid evaluation ({"score": 7, ...}).
 *   - explanation prompts: a valid explanation.
 * `fake.setDefault(fn)` replaces the default responder (undefined restores the built-in one);
 * `fake.rejectKey = 'bad-key'` makes requests with that Bearer key answer 401.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeGroqRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON body (undefined if the body was not JSON). */
  body: ChatRequestBody | undefined;
  at: number;
}

export interface ChatRequestBody {
  model?: string;
  messages?: Array<{ role: string; content: string }>;
  response_format?: { type: string };
  temperature?: number;
  max_tokens?: number;
  [key: string]: unknown;
}

export interface FakeGroqResponse {
  status?: number;
  content?: string;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  delayMs?: number;
  usage?: { prompt_tokens: number; completion_tokens: number };
  destroy?: boolean;
}

export type FakeGroqResponder = (req: FakeGroqRequest) => FakeGroqResponse;

export interface FakeGroq {
  /** Base URL to give the app / provider (GROQ_BASE_URL), e.g. http://127.0.0.1:54321 */
  readonly url: string;
  readonly requests: FakeGroqRequest[];
  /** Queued responses not yet consumed. */
  readonly pending: number;
  /** Requests with `Authorization: Bearer <rejectKey>` get 401. */
  rejectKey: string | undefined;
  enqueue(...responses: Array<FakeGroqResponse | FakeGroqResponder>): void;
  setDefault(responder?: FakeGroqResponder): void;
  reset(): void;
  close(): Promise<void>;
}

const ERROR_BODIES: Record<number, { message: string; type: string; code?: string }> = {
  400: { message: 'Bad request', type: 'invalid_request_error' },
  401: { message: 'Invalid API Key', type: 'invalid_request_error', code: 'invalid_api_key' },
  403: { message: 'Forbidden', type: 'permission_error' },
  404: {
    message: 'The model does not exist or you do not have access to it.',
    type: 'invalid_request_error',
    code: 'model_not_found',
  },
  429: {
    message: 'Rate limit reached for model. Please try again later.',
    type: 'tokens',
    code: 'rate_limit_exceeded',
  },
};

const estimateTokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

/** The JSON data block of a prompt built by src/ai/prompts.ts (between <data> and </data>). */
function readData(prompt: string): Record<string, unknown> {
  const start = prompt.indexOf('<data>');
  const end = prompt.lastIndexOf('</data>');
  if (start < 0 || end < start) return {};
  try {
    return JSON.parse(prompt.slice(start + '<data>'.length, end)) as Record<string, unknown>;
  } catch {
    return {};
  }
}

let questionSerial = 0;

/** Built-in default: valid output for whichever kind of prompt arrived. */
export function defaultResponse(req: FakeGroqRequest): FakeGroqResponse {
  const messages = req.body?.messages ?? [];
  const system = messages.find((m) => m.role === 'system')?.content ?? '';
  const user = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  const data = readData(user);

  if (/"score"/.test(system)) {
    return {
      content: JSON.stringify({
        score: 7,
        feedback: 'A solid answer that covers the main idea; add an example and mention the trade-offs.',
        strengths: ['Correct core explanation'],
        improvements: ['Give a concrete example', 'Discuss trade-offs'],
      }),
    };
  }
  if (/"explanation"/.test(system)) {
    const q = typeof data.question === 'string' ? data.question : 'the concept';
    return {
      content: JSON.stringify({
        explanation: `This question is about ${q}. The key idea is explained step by step here.`,
        keyPoints: ['First key point', 'Second key point', 'Third key point'],
        example: 'const example = true;',
      }),
    };
  }
  const count = Number(/exactly (\d+)/i.exec(user)?.[1] ?? 5);
  const topics = Array.isArray(data.topics) && data.topics.length ? (data.topics as string[]) : ['General'];
  const difficulty = /difficulty "(easy|medium|hard)"/.exec(user)?.[1];
  const levels = ['easy', 'medium', 'hard'];
  const questions = Array.from({ length: count }, (_, i) => {
    const n = ++questionSerial;
    const topic = topics[i % topics.length] ?? 'General';
    return {
      question: `Fake question #${n}: what is an important idea in ${topic}?`,
      answer: `Model answer #${n} for ${topic}: it explains the idea, why it matters and a trade-off to consider.`,
      difficulty: difficulty ?? levels[i % 3],
      topic,
    };
  });
  return { content: JSON.stringify({ questions }) };
}

export async function startFakeGroq(): Promise<FakeGroq> {
  const queue: Array<FakeGroqResponse | FakeGroqResponder> = [];
  const requests: FakeGroqRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let responder: FakeGroqResponder = defaultResponse;
  let rejectKey: string | undefined;

  const send = (
    res: http.ServerResponse,
    status: number,
    body: string,
    headers: Record<string, string> = {},
  ) => {
    if (res.destroyed || res.writableEnded) return;
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: ChatRequestBody | undefined;
      try {
        body = JSON.parse(text) as ChatRequestBody;
      } catch {
        body = undefined;
      }
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const captured: FakeGroqRequest = {
        method: req.method ?? 'GET',
        path,
        headers: req.headers,
        body,
        at: Date.now(),
      };

      if (req.method !== 'POST' || !/^\/(openai\/)?v1\/chat\/completions$/.test(path)) {
        send(
          res,
          404,
          JSON.stringify({ error: { message: `Unknown path ${path}`, type: 'invalid_request_error' } }),
        );
        return;
      }
      requests.push(captured);
      const next = queue.shift();
      let spec: FakeGroqResponse =
        next === undefined ? {} : typeof next === 'function' ? next(captured) : next;
      const auth = req.headers.authorization ?? '';
      if (rejectKey !== undefined && auth === `Bearer ${rejectKey}`) spec = { status: 401 };

      const respond = () => {
        if (spec.destroy) {
          req.socket.destroy();
          return;
        }
        const status = spec.status ?? 200;
        if (spec.raw !== undefined) return send(res, status, spec.raw, spec.headers);
        if (spec.body !== undefined) return send(res, status, JSON.stringify(spec.body), spec.headers);
        if (status >= 400) {
          const err = ERROR_BODIES[status] ?? {
            message: 'Internal Server Error',
            type: 'internal_server_error',
          };
          return send(res, status, JSON.stringify({ error: err }), spec.headers);
        }
        const content = spec.content ?? responder(captured).content ?? '';
        const promptText = (body?.messages ?? []).map((m) => m.content).join('\n');
        const usage = spec.usage ?? {
          prompt_tokens: estimateTokens(promptText),
          completion_tokens: estimateTokens(content),
        };
        const completion = {
          id: `chatcmpl-fake-${requests.length}`,
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: body?.model ?? 'fake-model',
          choices: [
            { index: 0, message: { role: 'assistant', content }, logprobs: null, finish_reason: 'stop' },
          ],
          usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
          system_fingerprint: 'fp_fake',
          x_groq: { id: `req_fake_${requests.length}` },
        };
        send(res, status, JSON.stringify(completion), spec.headers);
      };

      if (spec.delayMs && spec.delayMs > 0) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          respond();
        }, spec.delayMs);
        timers.add(timer);
        res.on('close', () => {
          clearTimeout(timer);
          timers.delete(timer);
        });
      } else {
        respond();
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get pending() {
      return queue.length;
    },
    get rejectKey() {
      return rejectKey;
    },
    set rejectKey(key: string | undefined) {
      rejectKey = key;
    },
    enqueue(...responses) {
      queue.push(...responses);
    },
    setDefault(fn) {
      responder = fn ?? defaultResponse;
    },
    reset() {
      queue.length = 0;
      requests.length = 0;
      responder = defaultResponse;
      rejectKey = undefined;
    },
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
