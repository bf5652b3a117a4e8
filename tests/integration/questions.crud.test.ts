import request from 'supertest';
import { bootApp, type TestApp } from '../support/app';
import { bearer, registerAndLogin, type TestUser } from '../support/factories';

describe('questions: CRUD, lists, stats, ownership', () => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let sessionId: string;

  const as = (u: TestUser) => ({
    get: (p: string) => request(t.app).get(p).set('Authorization', bearer(u.token)),
    post: (p: string) => request(t.app).post(p).set('Authorization', bearer(u.token)),
    put: (p: string) => request(t.app).put(p).set('Authorization', bearer(u.token)),
    patch: (p: string) => request(t.app).patch(p).set('Authorization', bearer(u.token)),
    del: (p: string) => request(t.app).delete(p).set('Authorization', bearer(u.token)),
  });
  const custom = (u: TestUser, extra: Record<string, unknown> = {}) =>
    as(u)
      .post('/api/v1/question/custom')
      .send({
        sessionId,
        question: 'Explain the event loop in Node.js',
        answer: 'A single thread runs callbacks from queues in phases.',
        ...extra,
      });

  beforeAll(async () => {
    t = await bootApp();
    [alice, bob] = await Promise.all([registerAndLogin(t.app), registerAndLogin(t.app)]);
    const s = await as(alice)
      .post('/api/v1/session/create')
      .send({ role: 'Backend Developer', experience: 'senior', topicsToFocus: ['Node.js'] })
      .expect(201);
    sessionId = s.body.data.session._id;
  });
  afterAll(() => t.close());

  it('adds a custom question with every optional field, and refuses a duplicate text', async () => {
    const res = await custom(alice, {
      difficulty: 'hard',
      category: 'runtime',
      tags: ['node', 'async'],
      notes: 'revise phases',
    }).expect(201);
    expect(res.body.message).toBe('Custom question added successfully');
    const q = res.body.data.question;
    expect(q).toMatchObject({
      session: sessionId,
      user: alice.user._id,
      difficulty: 'hard',
      category: 'runtime',
      tags: ['node', 'async'],
      notes: 'revise phases',
      isPinned: false,
      source: 'custom',
      id: q._id,
      questionWordCount: 6,
    });
    expect(q.fingerprint).toBeUndefined();
    expect(q.searchTokens).toBeUndefined();
    const dup = await custom(alice, { question: '  explain THE event-loop in node.js?? ' }).expect(409);
    expect(dup.body.code).toBe('duplicate_question');
  });

  it.each([
    [{ question: 'shrt' }, 'question'],
    [{ answer: 'too short' }, 'answer'],
    [{ question: 'x'.repeat(2001) }, 'question'],
    [{ difficulty: 'extreme' }, 'difficulty'],
    [{ sessionId: 'nope' }, 'sessionId'],
    [{ isPinned: true }, 'isPinned'],
    [{ question: 12345 }, 'question'],
  ])('custom validation → 400 (%#)', async (extra, field) => {
    const res = await custom(alice, extra).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('lists oldest first with filters and pagination; pinned newest first; stats', async () => {
    const s = await as(alice)
      .post('/api/v1/session/create')
      .send({ role: 'practice', experience: 'junior', topicsToFocus: ['JS'] })
      .expect(201);
    const sid = s.body.data.session._id;
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await as(alice)
        .post('/api/v1/question/custom')
        .send({
          sessionId: sid,
          question: `Question number ${i} about closures`,
          answer: `Answer number ${i} that is long enough`,
          difficulty: i % 2 ? 'hard' : 'easy',
          category: i < 2 ? 'basics' : 'advanced',
          tags: [`t${i}`],
        })
        .expect(201);
      ids.push(r.body.data.question._id);
    }
    await as(alice).patch(`/api/v1/question/${ids[0]}/toggle-pin`).expect(200);
    await as(alice).patch(`/api/v1/question/${ids[2]}/toggle-pin`).expect(200);

    const all = await as(alice).get(`/api/v1/question/session/${sid}`).expect(200);
    expect(all.body).toMatchObject({ success: true, message: 'Questions retrieved successfully', count: 4 });
    expect(all.body.data.questions.map((q: { _id: string }) => q._id)).toEqual(ids);

    const hard = await as(alice).get(`/api/v1/question/session/${sid}?difficulty=hard`).expect(200);
    expect(hard.body.data.questions.map((q: { _id: string }) => q._id)).toEqual([ids[1], ids[3]]);
    const pinnedF = await as(alice).get(`/api/v1/question/session/${sid}?pinned=true`).expect(200);
    expect(pinnedF.body.count).toBe(2);
    const cat = await as(alice).get(`/api/v1/question/session/${sid}?category=advanced&tag=t3`).expect(200);
    expect(cat.body.data.questions.map((q: { _id: string }) => q._id)).toEqual([ids[3]]);
    const page = await as(alice).get(`/api/v1/question/session/${sid}?limit=3&page=2`).expect(200);
    expect(page.body.pagination).toEqual({ page: 2, limit: 3, total: 4, pages: 2 });
    expect(page.body.data.questions.map((q: { _id: string }) => q._id)).toEqual([ids[3]]);
    await as(alice).get(`/api/v1/question/session/${sid}?pinned=maybe`).expect(400);
    await as(alice).get(`/api/v1/question/session/${sid}?difficulty=impossible`).expect(400);

    const pinned = await as(alice).get(`/api/v1/question/session/${sid}/pinned`).expect(200);
    expect(pinned.body.data.questions.map((q: { _id: string }) => q._id)).toEqual([ids[2], ids[0]]);

    const stats = await as(alice).get(`/api/v1/question/session/${sid}/stats`).expect(200);
    expect(stats.body.data).toMatchObject({
      stats: { total: 4, pinned: 2, unpinned: 2, byDifficulty: { easy: 2, medium: 0, hard: 2 } },
      session: { role: 'practice', experience: 'junior', topics: ['JS'] },
    });

    // The session shows its questions pinned first, then newest.
    const sess = await as(alice).get(`/api/v1/session/${sid}`).expect(200);
    expect(sess.body.data.session.questionCount).toBe(4);
    expect(sess.body.data.session.questions.map((q: { _id: string }) => q._id)).toEqual([
      ids[2],
      ids[0],
      ids[3],
      ids[1],
    ]);
  });

  it('gets one with its session summary, updates every editable field, toggles the pin, deletes', async () => {
    const created = await custom(alice, { question: 'What does libuv provide to Node?' }).expect(201);
    const id = created.body.data.question._id;

    const got = await as(alice).get(`/api/v1/question/${id}`).expect(200);
    // One shape per entity: `session` is the id, the context is beside it.
    expect(got.body.data.question.session).toBe(sessionId);
    expect(got.body.data.question.user).toBe(alice.user._id);
    expect(got.body.data.question.sessionSummary).toEqual({
      _id: sessionId,
      role: 'Backend Developer',
      experience: 'senior',
      topicsToFocus: ['Node.js'],
    });

    const upd = await as(alice)
      .put(`/api/v1/question/${id}`)
      .send({
        question: 'What does libuv provide to Node.js?',
        answer: 'An event loop, a thread pool and async I/O.',
        notes: 'n',
        difficulty: 'easy',
        category: 'internals',
        tags: ['libuv'],
      })
      .expect(200);
    expect(upd.body.data.question).toMatchObject({
      question: 'What does libuv provide to Node.js?',
      notes: 'n',
      difficulty: 'easy',
      category: 'internals',
      tags: ['libuv'],
    });
    await as(alice).put(`/api/v1/question/${id}`).send({}).expect(400);
    await as(alice).put(`/api/v1/question/${id}`).send({ answer: 'short' }).expect(400);
    await as(alice).put(`/api/v1/question/${id}`).send({ session: sessionId }).expect(400);
    // Renaming onto another question's text is a conflict, not a duplicate.
    await as(alice)
      .put(`/api/v1/question/${id}`)
      .send({ question: 'Explain the event loop in Node.js' })
      .expect(409);

    const pin = await as(alice).patch(`/api/v1/question/${id}/toggle-pin`).expect(200);
    expect(pin.body).toMatchObject({ message: 'Question pinned successfully', data: { isPinned: true } });
    const unpin = await as(alice).patch(`/api/v1/question/${id}/toggle-pin`).expect(200);
    expect(unpin.body).toMatchObject({
      message: 'Question unpinned successfully',
      data: { isPinned: false },
    });

    const del = await as(alice).del(`/api/v1/question/${id}`).expect(200);
    expect(del.body.data.deletedId).toBe(id);
    await as(alice).get(`/api/v1/question/${id}`).expect(404);
    const sess = await as(alice).get(`/api/v1/session/${sessionId}`).expect(200);
    expect(sess.body.data.session.questions.map((q: { _id: string }) => q._id)).not.toContain(id);
  });

  it('another user gets 404 on every question route, and 401 without a token', async () => {
    const created = await custom(alice, { question: 'What is a microtask queue?' }).expect(201);
    const id = created.body.data.question._id;
    const responses = await Promise.all([
      as(bob).get(`/api/v1/question/${id}`),
      as(bob).put(`/api/v1/question/${id}`).send({ notes: 'mine now' }),
      as(bob).patch(`/api/v1/question/${id}/toggle-pin`),
      as(bob).del(`/api/v1/question/${id}`),
      as(bob).post(`/api/v1/question/${id}/regenerate`),
      as(bob).get(`/api/v1/question/session/${sessionId}`),
      as(bob).get(`/api/v1/question/session/${sessionId}/pinned`),
      as(bob).get(`/api/v1/question/session/${sessionId}/stats`),
      as(bob)
        .post('/api/v1/question/custom')
        .send({ sessionId, question: 'Injected question?', answer: 'Injected answer text' }),
      as(bob).post('/api/v1/question/generate').send({ sessionId }),
    ]);
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(404));
    const search = await as(bob).get('/api/v1/question/search?q=microtask').expect(200);
    expect(search.body.count).toBe(0);
    const still = await as(alice).get(`/api/v1/question/${id}`).expect(200);
    expect(still.body.data.question.notes).toBe('');

    const anon = await Promise.all([
      request(t.app).get(`/api/v1/question/${id}`),
      request(t.app).post('/api/v1/question/generate').send({ sessionId }),
      request(t.app).get('/api/v1/question/search?q=x'),
      request(t.app).get('/api/v1/queue/question/507f1f77bcf86cd799439011'),
      request(t.app).get('/api/v1/notifications'),
    ]);
    expect(anon.map((r) => r.status)).toEqual(Array(5).fill(401));
  });

  it('the per-session cap holds for custom questions, also under concurrency (400 with currentCount)', async () => {
    const s = await as(alice)
      .post('/api/v1/session/create')
      .send({ role: 'practice', experience: 'junior', topicsToFocus: ['cap'] })
      .expect(201);
    const sid = s.body.data.session._id;
    const results = await Promise.all(
      Array.from({ length: 56 }, (_, i) =>
        as(alice)
          .post('/api/v1/question/custom')
          .send({
            sessionId: sid,
            question: `Capacity question ${i}?`,
            answer: `Capacity answer ${i} long enough`,
          }),
      ),
    );
    const codes = results.map((r) => r.status);
    expect(codes.filter((c) => c === 201)).toHaveLength(50);
    const rejected = results.filter((r) => r.status === 400);
    expect(rejected).toHaveLength(6);
    expect(rejected[0]!.body).toMatchObject({
      message: 'Session has reached maximum number of questions (50)',
      code: 'question_limit_reached',
      currentCount: 50,
    });
    const stats = await as(alice).get(`/api/v1/question/session/${sid}/stats`).expect(200);
    expect(stats.body.data.stats.total).toBe(50);
  });
});
