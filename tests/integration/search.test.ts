import request from 'supertest';
import { bootApp, type TestApp } from '../support/app';
import { bearer, registerAndLogin, type TestUser } from '../support/factories';

describe('question search', () => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let s1: string;
  let s2: string;
  const ids: Record<string, string> = {};

  const get = (u: TestUser, qs: string) =>
    request(t.app).get(`/api/v1/question/search?${qs}`).set('Authorization', bearer(u.token));
  const idsOf = (res: request.Response) => res.body.data.questions.map((q: { _id: string }) => q._id);

  beforeAll(async () => {
    t = await bootApp();
    [alice, bob] = await Promise.all([registerAndLogin(t.app), registerAndLogin(t.app)]);
    const mk = async (u: TestUser, topics: string[]) =>
      (
        await request(t.app)
          .post('/api/v1/session/create')
          .set('Authorization', bearer(u.token))
          .send({ role: 'Frontend Developer', experience: 'junior', topicsToFocus: topics })
          .expect(201)
      ).body.data.session._id as string;
    s1 = await mk(alice, ['JavaScript']);
    s2 = await mk(alice, ['C++']);
    const add = async (key: string, sessionId: string, body: Record<string, unknown>, u = alice) => {
      const res = await request(t.app)
        .post('/api/v1/question/custom')
        .set('Authorization', bearer(u.token))
        .send({ sessionId, ...body })
        .expect(201);
      ids[key] = res.body.data.question._id;
    };
    await add('closure', s1, {
      question: 'What is a closure in JavaScript?',
      answer: 'A function bundled with its lexical environment.',
      difficulty: 'easy',
      tags: ['functions'],
      category: 'language',
    });
    await add('hoisting', s1, {
      question: 'Explain hoisting',
      answer: 'Declarations move up; a closure is unrelated to this behaviour.',
      difficulty: 'medium',
      tags: ['scope'],
    });
    await add('promise', s1, {
      question: 'How do JavaScript promises chain?',
      answer: 'Each then returns a new promise resolved with the callback result.',
      difficulty: 'hard',
      category: 'async',
    });
    await add('cpp', s2, {
      question: 'What does RAII mean in C++?',
      answer:
        'Resources are tied to object lifetime: acquired in the constructor, released in the destructor.',
      tags: ['memory'],
    });
    await add('regex', s2, {
      question: 'What does the pattern (a+)+$ do to a regex engine?',
      answer: 'Nested quantifiers can backtrack catastrophically on non-matching input.',
    });
    const bobSession = await mk(bob, ['JavaScript']);
    await add(
      'bobClosure',
      bobSession,
      { question: 'Closure question from another user', answer: 'Should never show up for alice.' },
      bob,
    );
    await request(t.app)
      .patch(`/api/v1/question/${ids.promise}/toggle-pin`)
      .set('Authorization', bearer(alice.token))
      .expect(200);
  });
  afterAll(() => t.close());

  it('finds a word in the old shape, with a session summary and relevance order', async () => {
    const res = await get(alice, 'q=closure').expect(200);
    expect(res.body).toMatchObject({
      success: true,
      message: 'Search completed successfully',
      count: 2,
      data: { searchQuery: 'closure' },
    });
    // In the question text beats only in the answer.
    expect(idsOf(res)).toEqual([ids.closure, ids.hoisting]);
    expect(res.body.data.questions[0].session).toBe(s1);
    expect(res.body.data.questions[0].sessionSummary).toEqual({
      _id: s1,
      role: 'Frontend Developer',
      experience: 'junior',
      topicsToFocus: ['JavaScript'],
    });
    expect(res.body.data.questions[0].score).toBeGreaterThan(res.body.data.questions[1].score);
    expect(res.body.data.questions[0].searchTokens).toBeUndefined();
  });

  it.each(['clousre', 'closur', 'clossure', 'closuer', 'CLOSURES', 'javscript closure'])(
    'is typo-tolerant: %s',
    async (q) => {
      const res = await get(alice, `q=${encodeURIComponent(q)}`).expect(200);
      expect(idsOf(res)[0]).toBe(ids.closure);
    },
  );

  it('treats regex metacharacters as text: no 500, no regex semantics', async () => {
    for (const q of ['.*', '(a+)+$', '[', '\\', '$where', '{"$gt":""}', '^.*$|.*']) {
      const res = await get(alice, `q=${encodeURIComponent(q)}`).expect(200);
      // ".*" must not match everything.
      expect(res.body.count).toBeLessThan(5);
    }
    const cpp = await get(alice, `q=${encodeURIComponent('c++ raii')}`).expect(200);
    expect(idsOf(cpp)[0]).toBe(ids.cpp);
  });

  it('filters by session, difficulty, pinned, tags, category and date range; paginates', async () => {
    expect(idsOf(await get(alice, `q=javascript&sessionId=${s1}`).expect(200)).sort()).toEqual(
      [ids.closure, ids.promise].sort(),
    );
    expect(idsOf(await get(alice, `q=javascript&sessionId=${s2}`).expect(200))).toEqual([]);
    expect(idsOf(await get(alice, 'q=javascript&difficulty=hard').expect(200))).toEqual([ids.promise]);
    expect(idsOf(await get(alice, 'q=javascript&pinned=true').expect(200))).toEqual([ids.promise]);
    expect(idsOf(await get(alice, 'q=closure&tags=scope').expect(200))).toEqual([ids.hoisting]);
    expect(idsOf(await get(alice, 'q=javascript&category=async').expect(200))).toEqual([ids.promise]);
    expect((await get(alice, 'q=javascript&from=2000-01-01&to=2000-12-31').expect(200)).body.count).toBe(0);
    expect(
      (await get(alice, `q=javascript&from=${new Date(Date.now() - 3600_000).toISOString()}`).expect(200))
        .body.count,
    ).toBe(2);

    const p1 = await get(alice, 'q=closure&limit=1').expect(200);
    const p2 = await get(alice, 'q=closure&limit=1&page=2').expect(200);
    expect(p1.body.pagination).toEqual({ page: 1, limit: 1, total: 2, pages: 2 });
    expect([...idsOf(p1), ...idsOf(p2)]).toEqual([ids.closure, ids.hoisting]);
  });

  it('only searches the caller’s questions', async () => {
    const res = await get(bob, 'q=closure').expect(200);
    expect(idsOf(res)).toEqual([ids.bobClosure]);
  });

  it('rejects bad input with 400s', async () => {
    const missing = await get(alice, '').expect(400);
    expect(missing.body.message).toBe('Please provide a search query (q parameter)');
    await get(alice, 'q=%20%20').expect(400);
    await get(alice, 'q=x&limit=0').expect(400);
    await get(alice, 'q=x&limit=101').expect(400);
    await get(alice, 'q=x&limit=ten').expect(400);
    await get(alice, 'q=x&sessionId=123').expect(400);
    await get(alice, 'q=x&from=yesterday').expect(400);
    await get(alice, 'q=x&pinned=yes').expect(400);
    await get(alice, `q=${'a'.repeat(201)}`).expect(400);
    await request(t.app).get('/api/v1/question/search?q=closure').expect(401);
  });
});
