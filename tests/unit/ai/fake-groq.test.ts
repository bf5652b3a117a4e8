import { readDataBlock } from '../../../src/ai/prompts';
import { type FakeGroq, startFakeGroq } from '../../support/fake-groq';

interface Completion {
  object: string;
  choices: Array<{ message: { role: string; content: string } }>;
  usage: Record<string, number>;
  error: { code?: string };
}

async function chat(
  fake: FakeGroq,
  user: string,
  system = 'system prompt',
  path = '/openai/v1/chat/completions',
) {
  const res = await fetch(`${fake.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer k' },
    body: JSON.stringify({
      model: 'm',
      messages: [
        { role: 'system', content: system },
        { role: 'user', content: user },
      ],
    }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Completion };
}

describe('fake Groq server', () => {
  let fake: FakeGroq;
  beforeAll(async () => {
    fake = await startFakeGroq();
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  it('listens on 127.0.0.1 and answers with a chat.completion carrying usage', async () => {
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    fake.enqueue({ content: '{"hello":"world"}', usage: { prompt_tokens: 11, completion_tokens: 3 } });
    const { status, body } = await chat(fake, 'hi');
    expect(status).toBe(200);
    expect(body.object).toBe('chat.completion');
    expect(body.choices[0]?.message).toEqual({ role: 'assistant', content: '{"hello":"world"}' });
    expect(body.usage).toEqual({ prompt_tokens: 11, completion_tokens: 3, total_tokens: 14 });
    expect(fake.requests[0]?.body?.messages?.[1]?.content).toBe('hi');
  });

  it('consumes the queue in order, then falls back to the default responder', async () => {
    fake.enqueue({ status: 429, headers: { 'retry-after': '2' } }, { status: 500 });
    expect(fake.pending).toBe(2);
    const first = await chat(fake, 'x');
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('2');
    expect(first.body.error.code).toBe('rate_limit_exceeded');
    expect((await chat(fake, 'x')).status).toBe(500);
    expect(fake.pending).toBe(0);
    // default: exactly N questions for the prompt's topics, unique across calls
    const prompt = 'Write exactly 3 interview questions\n<data>\n{"topics":["Go","Rust"]}\n</data>';
    const a = JSON.parse((await chat(fake, prompt)).body.choices[0]?.message.content ?? '').questions;
    const b = JSON.parse((await chat(fake, prompt)).body.choices[0]?.message.content ?? '').questions;
    expect(a).toHaveLength(3);
    expect(a.map((q: { topic: string }) => q.topic)).toEqual(['Go', 'Rust', 'Go']);
    expect(new Set([...a, ...b].map((q: { question: string }) => q.question)).size).toBe(6);
  });

  it('computes a response from the request with a function entry, and setDefault replaces the default', async () => {
    fake.enqueue((req) => ({
      content: JSON.stringify({ echoed: readDataBlock(req.body?.messages?.[1]?.content ?? '') }),
    }));
    const r = await chat(fake, 'go\n<data>\n{"role":"SRE"}\n</data>');
    expect(JSON.parse(r.body.choices[0]?.message.content ?? '')).toEqual({ echoed: { role: 'SRE' } });
    fake.setDefault(() => ({ content: 'custom default' }));
    expect((await chat(fake, 'x')).body.choices[0]?.message.content ?? '').toBe('custom default');
    fake.setDefault();
    expect(
      (await chat(fake, 'x', 'reply with {"score":...}')).body.choices[0]?.message.content ?? '',
    ).toContain('"score"');
  });

  it('accepts /v1/chat/completions, rejects unknown paths, and reset clears everything', async () => {
    expect((await chat(fake, 'x', 's', '/v1/chat/completions')).status).toBe(200);
    expect((await chat(fake, 'x', 's', '/nope')).status).toBe(404);
    expect(fake.requests).toHaveLength(1); // unknown paths are not recorded as chat requests
    fake.enqueue({ status: 500 });
    fake.rejectKey = 'k';
    fake.reset();
    expect(fake.requests).toHaveLength(0);
    expect(fake.pending).toBe(0);
    expect((await chat(fake, 'x')).status).toBe(200);
  });

  it('rejectKey answers 401 for that bearer key', async () => {
    fake.rejectKey = 'k';
    const r = await chat(fake, 'x');
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('invalid_api_key');
  });
});
