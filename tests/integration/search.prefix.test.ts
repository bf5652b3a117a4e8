import { Types } from 'mongoose';
import request from 'supertest';
import { Question, textFields } from '../../src/modules/questions/question.model';
import { refreshSearchTokens } from '../../src/modules/questions/search-backfill';
import { bootApp, type TestApp } from '../support/app';
import { bearer, registerAndLogin, type TestUser } from '../support/factories';

/** Search matches word prefixes, and filters work without `q`. */
describe('question search: prefixes and filters without text', () => {
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
    const mk = async (u: TestUser) =>
      (
        await request(t.app)
          .post('/api/v1/session/create')
          .set('Authorization', bearer(u.token))
          .send({ role: 'Backend Developer', experience: 'senior', topicsToFocus: ['MongoDB'] })
          .expect(201)
      ).body.data.session._id as string;
    [s1, s2] = [await mk(alice), await mk(alice)];
    const add = async (key: string, sessionId: string, body: Record<string, unknown>, u = alice) => {
      const res = await request(t.app)
        .post('/api/v1/question/custom')
        .set('Authorization', bearer(u.token))
        .send({ sessionId, ...body })
        .expect(201);
      ids[key] = res.body.data.question._id;
    };
    await add('replica', s1, {
      question: 'How does a MongoDB replica set elect a primary?',
      answer: 'Members vote and a majority elects the most up-to-date eligible member.',
      difficulty: 'hard',
      tags: ['availability'],
    });
    await add('sharding', s1, {
      question: 'When would you shard a collection?',
      answer: 'When one replica set can no longer hold the data or the write load.',
      difficulty: 'medium',
      category: 'Mongoose',
    });
    await add('replication', s2, {
      question: 'What is PostgreSQL streaming replication?',
      answer: 'Standbys replay the primary write-ahead log continuously.',
      difficulty: 'hard',
    });
    await add('events', s2, {
      question: 'What is the event loop?',
      answer: 'It runs callbacks when the call stack is empty.',
      difficulty: 'easy',
      tags: ['node'],
    });
    const bobSession = await mk(bob);
    await add(
      'bob',
      bobSession,
      {
        question: 'MongoDB replica question of another user',
        answer: 'Never shown to alice.',
        difficulty: 'hard',
      },
      bob,
    );
    await request(t.app)
      .patch(`/api/v1/question/${ids.replication}/toggle-pin`)
      .set('Authorization', bearer(alice.token))
      .expect(200);
  });
  afterAll(() => t.close());

  it('"mongo" finds MongoDB, in the question text or the category', async () => {
    const res = await get(alice, 'q=mongo').expect(200);
    expect(new Set(idsOf(res))).toEqual(new Set([ids.replica, ids.sharding]));
    expect(res.body.data.searchQuery).toBe('mongo');
  });

  it('"repl" finds replica and replication; a whole word ranks above a prefix match', async () => {
    const res = await get(alice, 'q=repl').expect(200);
    expect(new Set(idsOf(res))).toEqual(new Set([ids.replica, ids.replication]));
    const exact = await get(alice, 'q=replica').expect(200);
    expect(idsOf(exact)[0]).toBe(ids.replica);
    // "replica" is also the start of "replication": found, but after the exact word
    expect(idsOf(exact)).toContain(ids.replication);
    expect(exact.body.data.questions[0].score).toBeGreaterThan(exact.body.data.questions[1].score);
  });

  it('prefixes combine with filters and never cross users', async () => {
    const res = await get(alice, 'q=repl&difficulty=hard&pinned=true').expect(200);
    expect(idsOf(res)).toEqual([ids.replication]);
    const bobs = await get(bob, 'q=repl').expect(200);
    expect(idsOf(bobs)).toEqual([ids.bob]);
  });

  it('two-letter words are not prefixes (no flood): "re" matches nothing here', async () => {
    const res = await get(alice, 'q=re').expect(200);
    expect(res.body.count).toBe(0);
  });

  it('filters work without q: newest first, paginated, only the caller’s questions', async () => {
    const hard = await get(alice, 'difficulty=hard').expect(200);
    expect(idsOf(hard)).toEqual([ids.replication, ids.replica]);
    expect(hard.body).toMatchObject({ success: true, count: 2 });
    expect(hard.body.data.searchQuery).toBe('');
    expect(hard.body.pagination).toEqual({ page: 1, limit: 20, total: 2, pages: 1 });

    expect(idsOf(await get(alice, `sessionId=${s2}`).expect(200))).toEqual([ids.events, ids.replication]);
    expect(idsOf(await get(alice, 'pinned=true').expect(200))).toEqual([ids.replication]);
    expect(idsOf(await get(alice, 'tags=node').expect(200))).toEqual([ids.events]);
    expect(idsOf(await get(alice, 'category=Mongoose').expect(200))).toEqual([ids.sharding]);
    expect(idsOf(await get(alice, 'q=%20&difficulty=easy').expect(200))).toEqual([ids.events]);
    const page2 = await get(alice, `sessionId=${s1}&limit=1&page=2`).expect(200);
    expect(idsOf(page2)).toEqual([ids.replica]);
    expect(page2.body.pagination).toEqual({ page: 2, limit: 1, total: 2, pages: 2 });
    const future = await get(alice, 'from=2999-01-01').expect(200);
    expect(future.body.count).toBe(0);
    expect(idsOf(await get(bob, 'difficulty=hard').expect(200))).toEqual([ids.bob]);
  });

  it('with neither text nor filter it is still a 400; bad filters are 400s; no token is a 401', async () => {
    const res = await get(alice, '').expect(400);
    expect(res.body).toMatchObject({
      success: false,
      code: 'validation_error',
      message: 'Please provide a search query (q parameter)',
    });
    expect(res.body.errors).toEqual([{ field: 'q', message: 'Please provide a search query (q parameter)' }]);
    await get(alice, 'page=2').expect(400);
    await get(alice, 'difficulty=brutal').expect(400);
    await get(alice, 'sessionId=nope').expect(400);
    await request(t.app).get('/api/v1/question/search?difficulty=hard').expect(401);
  });

  it('questions stored before prefixes existed are re-tokenised by the worker start-up refresh', async () => {
    // A question as the previous version stored it: no prefix tokens, no version marker.
    const question = 'Which MongoDB write concern survives a failover?';
    const legacy = textFields({ question, answer: 'Majority write concern.' });
    const _id = new Types.ObjectId();
    await Question.collection.insertOne({
      _id,
      session: new Types.ObjectId(s1),
      user: new Types.ObjectId(alice.user._id),
      question,
      answer: 'Majority write concern.',
      notes: '',
      isPinned: false,
      difficulty: 'medium',
      category: '',
      tags: [],
      source: 'custom',
      isAnswered: true,
      fingerprint: legacy.fingerprint,
      searchTokens: legacy.searchTokens.filter((tok) => !tok.startsWith('p:') && !tok.startsWith('v:')),
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    expect(idsOf(await get(alice, 'q=failov').expect(200))).toEqual([]);
    expect(await refreshSearchTokens(2)).toBeGreaterThanOrEqual(1);
    expect(idsOf(await get(alice, 'q=failov').expect(200))).toEqual([String(_id)]);
    expect(await refreshSearchTokens()).toBe(0); // nothing left to do
  });
});
