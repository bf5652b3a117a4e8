import request from 'supertest';
import { bootApp, type TestApp } from '../support/app';
import { bearer, registerAndLogin, type TestUser } from '../support/factories';

describe('sessions', () => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  const body = { role: 'Backend Developer', experience: 'mid-level', topicsToFocus: ['Node.js', 'MongoDB'] };

  beforeAll(async () => {
    t = await bootApp();
    [alice, bob] = await Promise.all([registerAndLogin(t.app), registerAndLogin(t.app)]);
  });
  afterAll(() => t.close());

  const as = (u: TestUser) => ({
    get: (p: string) => request(t.app).get(p).set('Authorization', bearer(u.token)),
    post: (p: string) => request(t.app).post(p).set('Authorization', bearer(u.token)),
    put: (p: string) => request(t.app).put(p).set('Authorization', bearer(u.token)),
    del: (p: string) => request(t.app).delete(p).set('Authorization', bearer(u.token)),
  });

  it('creates a session with defaults, in the old shape', async () => {
    const res = await as(alice).post('/api/v1/session/create').send(body).expect(201);
    expect(res.body).toMatchObject({ success: true, message: 'Session created successfully' });
    const s = res.body.data.session;
    expect(s).toMatchObject({
      ...body,
      user: alice.user._id,
      status: 'pending',
      duration: 60,
      questions: [],
      questionCount: 0,
    });
    expect(s.id).toBe(s._id);
    expect(s.createdAt).toBeDefined();
  });

  it('accepts the cookie as well as the bearer header, and 401s without either', async () => {
    await request(t.app).post('/api/v1/session/create').set('Cookie', alice.cookie).send(body).expect(201);
    const res = await request(t.app).get('/api/v1/session').expect(401);
    expect(res.body).toMatchObject({ success: false });
  });

  it.each([
    [{ ...body, role: ' x ' }, 'role'],
    [{ ...body, role: 'r'.repeat(101) }, 'role'],
    [{ ...body, role: 42 }, 'role'],
    [{ ...body, experience: 'god' }, 'experience'],
    [{ ...body, topicsToFocus: [] }, 'topicsToFocus'],
    [{ ...body, topicsToFocus: ['ok', '   '] }, 'topicsToFocus.1'],
    [{ ...body, topicsToFocus: [42] }, 'topicsToFocus.0'],
    [{ ...body, duration: 301 }, 'duration'],
    [{ ...body, duration: 'long' }, 'duration'],
    [{ ...body, user: '507f1f77bcf86cd799439011' }, 'user'],
    [{ role: 'practice' }, 'experience'],
  ])('rejects invalid input with a 400 naming the field (%#)', async (payload, field) => {
    const res = await as(alice).post('/api/v1/session/create').send(payload).expect(400);
    expect(res.body.code).toBe('validation_error');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('a missing body is a 400, not a 500', async () => {
    await as(alice).post('/api/v1/session/create').expect(400);
  });

  it('lists newest first, paginated, with questionCount and questions', async () => {
    const u = await registerAndLogin(t.app);
    for (const topic of ['a', 'b', 'c'])
      await as(u)
        .post('/api/v1/session/create')
        .send({ ...body, topicsToFocus: [topic] })
        .expect(201);
    const res = await as(u).get('/api/v1/session?limit=2').expect(200);
    expect(res.body.count).toBe(2);
    expect(res.body.pagination).toEqual({ page: 1, limit: 2, total: 3, pages: 2 });
    expect(res.body.data.sessions.map((s: { topicsToFocus: string[] }) => s.topicsToFocus[0])).toEqual([
      'c',
      'b',
    ]);
    expect(res.body.data.sessions[0]).toMatchObject({ questionCount: 0, questions: [] });
    const page2 = await as(u).get('/api/v1/session?limit=2&page=2').expect(200);
    expect(page2.body.data.sessions.map((s: { topicsToFocus: string[] }) => s.topicsToFocus[0])).toEqual([
      'a',
    ]);
    await as(u).get('/api/v1/session?limit=0').expect(400);
    await as(u).get('/api/v1/session?limit=abc').expect(400);
    await as(u).get('/api/v1/session?limit=101').expect(400);
  });

  it('gets, updates and deletes its own session; another user gets 404 everywhere', async () => {
    const created = await as(alice).post('/api/v1/session/create').send(body).expect(201);
    const id = created.body.data.session._id;

    await as(bob).get(`/api/v1/session/${id}`).expect(404);
    await as(bob).put(`/api/v1/session/${id}`).send({ status: 'completed' }).expect(404);
    await as(bob).del(`/api/v1/session/${id}`).expect(404);
    const list = await as(bob).get('/api/v1/session').expect(200);
    expect(list.body.data.sessions.find((s: { _id: string }) => s._id === id)).toBeUndefined();

    const got = await as(alice).get(`/api/v1/session/${id}`).expect(200);
    expect(got.body.data.session).toMatchObject({ _id: id, questionCount: 0 });

    const upd = await as(alice)
      .put(`/api/v1/session/${id}`)
      .send({
        status: 'in-progress',
        duration: 45,
        description: 'Focus on streams',
        topicsToFocus: ['Streams'],
      })
      .expect(200);
    expect(upd.body.data.session).toMatchObject({
      status: 'in-progress',
      duration: 45,
      description: 'Focus on streams',
      topicsToFocus: ['Streams'],
    });
    await as(alice).put(`/api/v1/session/${id}`).send({}).expect(400);
    await as(alice).put(`/api/v1/session/${id}`).send({ status: 'done' }).expect(400);
    await as(alice).put(`/api/v1/session/${id}`).send({ duration: 0 }).expect(400);

    // A question under the session goes with it.
    const q = await as(alice)
      .post('/api/v1/question/custom')
      .send({
        sessionId: id,
        question: 'What is backpressure in streams?',
        answer: 'When a consumer is slower than the producer and signals it to pause.',
      })
      .expect(201);
    const del = await as(alice).del(`/api/v1/session/${id}`).expect(200);
    expect(del.body.message).toBe('Session deleted successfully');
    await as(alice).get(`/api/v1/session/${id}`).expect(404);
    await as(alice).get(`/api/v1/question/${q.body.data.question._id}`).expect(404);
  });

  it('invalid ids are 400, unknown ids 404', async () => {
    const bad = await as(alice).get('/api/v1/session/not-an-id').expect(400);
    expect(bad.body.code).toBe('validation_error');
    const missing = await as(alice).get('/api/v1/session/507f1f77bcf86cd799439011').expect(404);
    expect(missing.body.message).toBe('Session not found');
  });

  it('deleting the account removes its sessions, questions and generation records', async () => {
    const { Session } = await import('../../src/modules/sessions/session.model');
    const { Question } = await import('../../src/modules/questions/question.model');
    const u = await registerAndLogin(t.app);
    const s = await as(u).post('/api/v1/session/create').send(body).expect(201);
    await as(u)
      .post('/api/v1/question/custom')
      .send({
        sessionId: s.body.data.session._id,
        question: 'Will this be deleted?',
        answer: 'Yes, with the account.',
      })
      .expect(201);
    expect(await Question.countDocuments({ user: u.user._id })).toBe(1);
    await as(u).del('/api/v1/user/profile').send({ password: u.password }).expect(200);
    expect(await Session.countDocuments({ user: u.user._id })).toBe(0);
    expect(await Question.countDocuments({ user: u.user._id })).toBe(0);
    // Other users keep theirs.
    expect(await Session.countDocuments({ user: alice.user._id })).toBeGreaterThan(0);
  });
});
