import request from 'supertest';
import { bootApp, type TestApp } from '../support/app';
import { bearer, registerAndLogin, type TestUser } from '../support/factories';
import { waitFor } from '../support/wait';
import { startTestWorker } from '../support/worker';

/**
 * With no key the offline provider generates (tests/support/env.ts sets AI_PROVIDER=offline): the
 * product works without an AI account. Its job notifications then exercise the notification routes.
 */
describe('offline generation and notifications', () => {
  let t: TestApp;
  let u: TestUser;
  let sessionId: string;
  const jobIds: string[] = [];
  const auth = () => ({ Authorization: bearer(u.token) });

  function waitForJob(jobId: string) {
    return waitFor(
      async () => {
        const res = await request(t.app).get(`/api/v1/queue/question/${jobId}`).set(auth()).expect(200);
        return (res.body.status === 'completed' || res.body.status === 'failed') && res.body;
      },
      { timeout: 15_000, interval: 50, message: `job ${jobId} to finish` },
    );
  }

  beforeAll(async () => {
    t = await bootApp();
    startTestWorker(2);
    u = await registerAndLogin(t.app);
    const s = await request(t.app)
      .post('/api/v1/session/create')
      .set(auth())
      .send({ role: 'Frontend Developer', experience: 'junior', topicsToFocus: ['JavaScript', 'React'] })
      .expect(201);
    sessionId = s.body.data.session._id;
  });
  afterAll(() => t.close());

  it('the offline provider generates real, distinct bank questions on the requested topics', async () => {
    const first = await request(t.app)
      .post('/api/v1/question/generate')
      .set(auth())
      .send({ sessionId, count: 5 })
      .expect(202);
    jobIds.push(first.body.jobId);
    const done = await waitForJob(first.body.jobId);
    expect(done.status).toBe('completed');
    expect(done.data.count).toBe(5);
    for (const q of done.data.questions) {
      expect(q.question.length).toBeGreaterThanOrEqual(5);
      expect(q.answer.length).toBeGreaterThanOrEqual(10);
      expect(q.category).toMatch(/javascript|react/i);
    }
    // The pool holds only the 5 this session already has, so the second draw is a new job that must
    // not repeat anything.
    const second = await request(t.app)
      .post('/api/v1/question/generate')
      .set(auth())
      .send({ sessionId, count: 5 })
      .expect(202);
    jobIds.push(second.body.jobId);
    expect((await waitForJob(second.body.jobId)).status).toBe('completed');
    const all = await request(t.app).get(`/api/v1/question/session/${sessionId}`).set(auth()).expect(200);
    expect(all.body.count).toBe(10);
    expect(new Set(all.body.data.questions.map((q: { question: string }) => q.question)).size).toBe(10);

    const regen = await request(t.app)
      .post(`/api/v1/question/${all.body.data.questions[0]._id}/regenerate`)
      .set(auth())
      .expect(200);
    expect(regen.body.data.question.question).not.toBe(all.body.data.questions[0].question);
    expect(all.body.data.questions.map((q: { question: string }) => q.question)).not.toContain(
      regen.body.data.question.question,
    );
  });

  it('lists notifications newest first with unreadCount; marks some or all read; clears', async () => {
    const list = await request(t.app).get('/api/v1/notifications').set(auth()).expect(200);
    const notes = list.body.data.notifications as Array<{
      id: string;
      jobId: string;
      type: string;
      read: boolean;
      timestamp: number;
    }>;
    expect(list.body.message).toBe('Notifications retrieved successfully');
    expect(notes.length).toBe(list.body.count);
    expect(notes).toHaveLength(3); // the two generation jobs and the regeneration
    expect(list.body.data.unreadCount).toBe(notes.length);
    expect(notes.map((n) => n.timestamp)).toEqual([...notes.map((n) => n.timestamp)].sort((a, b) => b - a));
    expect(notes.map((n) => n.jobId)).toEqual(expect.arrayContaining(jobIds));
    expect(notes.every((n) => n.type === 'job_complete' && n.read === false && /^notif_/.test(n.id))).toBe(
      true,
    );

    const limited = await request(t.app).get('/api/v1/notifications?limit=1').set(auth()).expect(200);
    expect(limited.body.count).toBe(1);
    await request(t.app).get('/api/v1/notifications?limit=0').set(auth()).expect(400);
    await request(t.app).get('/api/v1/notifications?limit=101').set(auth()).expect(400);

    await request(t.app).post('/api/v1/notifications/read').set(auth()).send({}).expect(400);
    await request(t.app)
      .post('/api/v1/notifications/read')
      .set(auth())
      .send({ notificationIds: [] })
      .expect(400);
    await request(t.app).post('/api/v1/notifications/read').set(auth()).send({ all: false }).expect(400);
    const one = await request(t.app)
      .post('/api/v1/notifications/read')
      .set(auth())
      .send({ notificationIds: [notes[0]!.id, 'notif_unknown'] })
      .expect(200);
    expect(one.body).toMatchObject({ message: 'Notifications marked as read', data: { marked: 1 } });
    const after = await request(t.app).get('/api/v1/notifications').set(auth()).expect(200);
    expect(after.body.data.unreadCount).toBe(notes.length - 1);
    expect(after.body.data.notifications[0].read).toBe(true);

    // Another user neither sees nor can mark them.
    const other = await registerAndLogin(t.app);
    const theirs = await request(t.app)
      .get('/api/v1/notifications')
      .set({ Authorization: bearer(other.token) })
      .expect(200);
    expect(theirs.body.count).toBe(0);
    const nope = await request(t.app)
      .post('/api/v1/notifications/read')
      .set({ Authorization: bearer(other.token) })
      .send({ all: true })
      .expect(200);
    expect(nope.body.data.marked).toBe(0);

    await request(t.app).post('/api/v1/notifications/read').set(auth()).send({ all: true }).expect(200);
    expect(
      (await request(t.app).get('/api/v1/notifications').set(auth()).expect(200)).body.data.unreadCount,
    ).toBe(0);

    const cleared = await request(t.app).delete('/api/v1/notifications/clear').set(auth()).expect(200);
    expect(cleared.body.message).toBe('All notifications cleared');
    const empty = await request(t.app).get('/api/v1/notifications').set(auth()).expect(200);
    expect(empty.body).toMatchObject({ count: 0, data: { notifications: [], unreadCount: 0 } });
  });

  it('keeps at most 100 per user, and an event is written once however often it is reported', async () => {
    const { notifyJobComplete, notifyJobFailed } =
      await import('../../src/modules/notifications/notifications.service');
    for (let i = 0; i < 105; i++)
      await notifyJobComplete(u.user._id, 'question-generation', `job-${i}`, { count: 1 });
    expect(await notifyJobFailed(u.user._id, 'question-generation', 'job-x', 'boom')).not.toBeNull();
    expect(await notifyJobFailed(u.user._id, 'question-generation', 'job-x', 'boom')).toBeNull();
    const list = await request(t.app).get('/api/v1/notifications?limit=100').set(auth()).expect(200);
    expect(list.body.count).toBe(100);
    expect(list.body.data.notifications[0]).toMatchObject({
      type: 'job_failed',
      jobId: 'job-x',
      error: 'boom',
      message: 'Your question-generation job has failed',
    });
    expect(list.body.data.notifications.filter((n: { jobId: string }) => n.jobId === 'job-x')).toHaveLength(
      1,
    );
    expect(list.body.data.notifications[99].jobId).toBe('job-6');
  });
});
