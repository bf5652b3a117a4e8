import { Types } from 'mongoose';
import request from 'supertest';
import { bootApp, type TestApp } from '../support/app';
import { bearer, registerAndLogin, type TestUser } from '../support/factories';
import {
  onQuestionsDeleted,
  onQuestionsUpdated,
  type QuestionsChange,
} from '../../src/modules/questions/question-hooks';

describe("bulk: delete, difficulty, toggle-pin on the caller's questions", () => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let serial = 0;

  const as = (u: TestUser) => ({
    get: (p: string) => request(t.app).get(p).set('Authorization', bearer(u.token)),
    post: (p: string) => request(t.app).post(p).set('Authorization', bearer(u.token)),
    patch: (p: string) => request(t.app).patch(p).set('Authorization', bearer(u.token)),
  });

  async function newSession(u: TestUser) {
    const res = await as(u)
      .post('/api/v1/session/create')
      .send({ role: 'Backend Developer', experience: 'senior', topicsToFocus: ['Node.js'] })
      .expect(201);
    return res.body.data.session._id as string;
  }
  async function addQuestions(u: TestUser, sessionId: string, n: number) {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      serial += 1;
      const res = await as(u)
        .post('/api/v1/question/custom')
        .send({
          sessionId,
          question: `Bulk question number ${serial} about streams`,
          answer: `Answer number ${serial} that is long enough`,
          difficulty: 'easy',
        })
        .expect(201);
      ids.push(res.body.data.question._id);
    }
    return ids;
  }
  const missingId = () => new Types.ObjectId().toHexString();

  beforeAll(async () => {
    t = await bootApp();
    [alice, bob] = await Promise.all([registerAndLogin(t.app), registerAndLogin(t.app)]);
  });
  afterAll(() => t.close());

  it('delete: own ids succeed, foreign and missing ids fail as not_found, foreign ones stay', async () => {
    const s1 = await newSession(alice);
    const s2 = await newSession(alice);
    const mine1 = await addQuestions(alice, s1, 3);
    const mine2 = await addQuestions(alice, s2, 2);
    const bobSession = await newSession(bob);
    const [foreign] = await addQuestions(bob, bobSession, 1);
    const missing = missingId();
    const seen: QuestionsChange[] = [];
    const off = onQuestionsDeleted('test-recorder', async (c) => void seen.push(c));
    try {
      const res = await as(alice)
        .post('/api/v1/bulk/delete')
        .send({ questionIds: [mine1[0], mine1[1], mine2[0], foreign, missing] })
        .expect(200);
      expect(res.body).toMatchObject({
        success: true,
        message: 'Successfully deleted 3 questions',
        deletedCount: 3,
        data: {
          results: {
            requested: 5,
            succeeded: 3,
            failed: 2,
            failures: [
              { id: foreign, reason: 'not_found' },
              { id: missing, reason: 'not_found' },
            ],
          },
        },
      });
      // The "questions deleted" hook (attempts, caches) got exactly the deleted ids.
      expect(seen).toHaveLength(1);
      expect(seen[0]!.userId).toBe(alice.user._id);
      expect([...seen[0]!.questionIds].sort()).toEqual([mine1[0], mine1[1], mine2[0]].sort());
      expect([...seen[0]!.sessionIds].sort()).toEqual([s1, s2].sort());
    } finally {
      off();
    }
    // Counters: each session lost exactly its deleted questions.
    const a1 = await as(alice).get(`/api/v1/session/${s1}`).expect(200);
    expect(a1.body.data.session.questionCount).toBe(1);
    expect(a1.body.data.session.questions.map((q: { _id: string }) => q._id)).toEqual([mine1[2]]);
    const st2 = await as(alice).get(`/api/v1/question/session/${s2}/stats`).expect(200);
    expect(st2.body.data.stats).toMatchObject({ total: 1, remaining: 49 });
    expect((await as(alice).get(`/api/v1/session/${s2}`).expect(200)).body.data.session.questionCount).toBe(
      1,
    );
    // Bob's question is untouched.
    const b = await as(bob).get(`/api/v1/question/${foreign}`).expect(200);
    expect(b.body.data.question._id).toBe(foreign);
    expect(
      (await as(bob).get(`/api/v1/session/${bobSession}`).expect(200)).body.data.session.questionCount,
    ).toBe(1);
    await as(alice).get(`/api/v1/question/${mine1[0]}`).expect(404);
  });

  it('freed slots are usable again: a full session accepts new questions after a bulk delete', async () => {
    const sid = await newSession(alice);
    const all = await addQuestions(alice, sid, 50);
    const over = await as(alice)
      .post('/api/v1/question/custom')
      .send({ sessionId: sid, question: 'One question too many here', answer: 'An answer that will not fit' })
      .expect(400);
    expect(over.body).toMatchObject({ code: 'question_limit_reached', currentCount: 50 });
    const res = await as(alice)
      .post('/api/v1/bulk/delete')
      .send({ questionIds: all.slice(0, 10) })
      .expect(200);
    expect(res.body.deletedCount).toBe(10);
    const stats = await as(alice).get(`/api/v1/question/session/${sid}/stats`).expect(200);
    expect(stats.body.data.stats).toMatchObject({ total: 40, remaining: 10 });
    await addQuestions(alice, sid, 10);
    const full = await as(alice).get(`/api/v1/session/${sid}`).expect(200);
    expect(full.body.data.session.questionCount).toBe(50);
  });

  it('difficulty: sets it on own questions only; modifiedCount counts real changes', async () => {
    const sid = await newSession(alice);
    const mine = await addQuestions(alice, sid, 3);
    const bobSession = await newSession(bob);
    const [foreign] = await addQuestions(bob, bobSession, 1);
    const missing = missingId();
    const seen: QuestionsChange[] = [];
    const off = onQuestionsUpdated('test-recorder', async (c) => void seen.push(c));
    try {
      const res = await as(alice)
        .post('/api/v1/bulk/difficulty')
        .send({ questionIds: [...mine, foreign, missing], difficulty: 'hard' })
        .expect(200);
      expect(res.body).toMatchObject({
        success: true,
        message: 'Successfully updated 3 questions',
        modifiedCount: 3,
        data: { results: { requested: 5, succeeded: 3, failed: 2 } },
      });
      expect(res.body.data.results.failures.map((f: { id: string }) => f.id)).toEqual([foreign, missing]);
      expect(seen[0]!.questionIds.sort()).toEqual([...mine].sort());
    } finally {
      off();
    }
    const hard = await as(alice).get(`/api/v1/question/session/${sid}?difficulty=hard`).expect(200);
    expect(hard.body.count).toBe(3);
    expect((await as(bob).get(`/api/v1/question/${foreign}`).expect(200)).body.data.question.difficulty).toBe(
      'easy',
    );

    // Setting the same value again: every id succeeds, nothing is modified.
    const again = await as(alice)
      .post('/api/v1/bulk/difficulty')
      .send({ questionIds: mine, difficulty: 'hard' })
      .expect(200);
    expect(again.body).toMatchObject({ modifiedCount: 0, data: { results: { succeeded: 3, failed: 0 } } });
  });

  it('toggle-pin sets (does not flip) the pin; duplicate ids count once', async () => {
    const sid = await newSession(alice);
    const mine = await addQuestions(alice, sid, 2);
    await as(alice).patch(`/api/v1/question/${mine[0]}/toggle-pin`).expect(200); // already pinned
    const res = await as(alice)
      .post('/api/v1/bulk/toggle-pin')
      .send({ questionIds: [mine[0], mine[1], mine[1].toUpperCase()], isPinned: true })
      .expect(200);
    expect(res.body).toMatchObject({
      message: 'Successfully pinned 1 questions',
      modifiedCount: 1,
      data: { results: { requested: 2, succeeded: 2, failed: 0, failures: [] } },
    });
    const pinned = await as(alice).get(`/api/v1/question/session/${sid}/pinned`).expect(200);
    expect(pinned.body.count).toBe(2);
    const off = await as(alice)
      .post('/api/v1/bulk/toggle-pin')
      .send({ questionIds: mine, isPinned: false })
      .expect(200);
    expect(off.body).toMatchObject({ message: 'Successfully unpinned 2 questions', modifiedCount: 2 });
    expect((await as(alice).get(`/api/v1/question/session/${sid}/pinned`).expect(200)).body.count).toBe(0);
  });

  it('only foreign or missing ids: 200 with every id failed and nothing touched', async () => {
    const bobSession = await newSession(bob);
    const [foreign] = await addQuestions(bob, bobSession, 1);
    const res = await as(alice)
      .post('/api/v1/bulk/delete')
      .send({ questionIds: [foreign] })
      .expect(200);
    expect(res.body).toMatchObject({
      deletedCount: 0,
      data: {
        results: { requested: 1, succeeded: 0, failed: 1, failures: [{ id: foreign, reason: 'not_found' }] },
      },
    });
    await as(bob).get(`/api/v1/question/${foreign}`).expect(200);
  });

  describe('validation (400 in the envelope, nothing changed)', () => {
    let sid: string;
    let q: string;
    beforeAll(async () => {
      sid = await newSession(alice);
      [q] = await addQuestions(alice, sid, 1);
    });

    const tooMany = () => Array.from({ length: 501 }, () => missingId());

    it.each([
      ['delete', {}, 'questionIds is required'],
      ['delete', { questionIds: [] }, 'questionIds array is required'],
      ['delete', { questionIds: 'abc' }, 'questionIds array is required'],
      ['delete', { questionIds: tooMany() }, 'At most 500 questionIds per request'],
      ['difficulty', { questionIds: [missingId()] }, 'difficulty is required'],
      [
        'difficulty',
        { questionIds: [missingId()], difficulty: 'extreme' },
        'Invalid difficulty. Use: easy, medium, or hard',
      ],
      ['toggle-pin', { questionIds: [missingId()], isPinned: 'true' }, 'isPinned must be a boolean'],
      ['toggle-pin', { questionIds: [missingId()], isPinned: 1 }, 'isPinned must be a boolean'],
      ['toggle-pin', { questionIds: [missingId()] }, 'isPinned is required'],
      ['delete', { questionIds: [missingId()], force: true }, 'Unknown field(s): force'],
    ])('%s %j → 400 %s', async (route, body, message) => {
      const res = await as(alice).post(`/api/v1/bulk/${route}`).send(body).expect(400);
      expect(res.body).toMatchObject({ success: false, code: 'validation_error', message });
      expect(typeof res.body.requestId).toBe('string');
      expect(res.body.errors.length).toBeGreaterThan(0);
    });

    const extra: Record<string, object> = {
      delete: {},
      difficulty: { difficulty: 'hard' },
      'toggle-pin': { isPinned: true },
    };
    it.each(['delete', 'difficulty', 'toggle-pin'])(
      '%s: bad ids are named (invalidIds), valid ones untouched',
      async (route) => {
        const res = await as(alice)
          .post(`/api/v1/bulk/${route}`)
          .send({ questionIds: [q, 'nope', 42, `${q}0`, null], ...extra[route] })
          .expect(400);
        expect(res.body).toMatchObject({
          success: false,
          code: 'validation_error',
          message: 'Invalid question IDs found',
          invalidIds: ['nope', 42, `${q}0`, null],
        });
        expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([
          'questionIds.1',
          'questionIds.2',
          'questionIds.3',
          'questionIds.4',
        ]);
      },
    );

    it('exactly 500 ids are accepted', async () => {
      const res = await as(alice)
        .post('/api/v1/bulk/toggle-pin')
        .send({ questionIds: Array.from({ length: 500 }, () => missingId()), isPinned: false })
        .expect(200);
      expect(res.body.data.results).toMatchObject({ requested: 500, succeeded: 0, failed: 500 });
    });

    it('a body that is not JSON is a 400 too', async () => {
      const res = await request(t.app)
        .post('/api/v1/bulk/delete')
        .set('Authorization', bearer(alice.token))
        .set('Content-Type', 'application/json')
        .send('{"questionIds": [')
        .expect(400);
      expect(res.body.code).toBe('invalid_json');
    });

    // Declared last, so it runs after every rejected request above.
    it('left the question as it was after every rejected request', async () => {
      const got = await as(alice).get(`/api/v1/question/${q}`).expect(200);
      expect(got.body.data.question).toMatchObject({ difficulty: 'easy', isPinned: false });
    });
  });

  it.each(['delete', 'difficulty', 'toggle-pin'])('%s without a token → 401', async (route) => {
    const res = await request(t.app)
      .post(`/api/v1/bulk/${route}`)
      .send({ questionIds: [missingId()] })
      .expect(401);
    expect(res.body).toMatchObject({ success: false, code: 'unauthenticated' });
  });

  it('a single delete runs the "questions deleted" hook too', async () => {
    const sid = await newSession(alice);
    const [q] = await addQuestions(alice, sid, 1);
    const seen: QuestionsChange[] = [];
    const off = onQuestionsDeleted('test-recorder', async (c) => void seen.push(c));
    try {
      await as(alice).get(`/api/v1/question/${q}`).expect(200);
      await request(t.app)
        .delete(`/api/v1/question/${q}`)
        .set('Authorization', bearer(alice.token))
        .expect(200);
    } finally {
      off();
    }
    expect(seen).toEqual([{ userId: alice.user._id, questionIds: [q], sessionIds: [sid] }]);
  });
});
