import request from 'supertest';
import type { z } from 'zod';
import type { RouteSpec } from '../../src/http/route-spec';
import * as analytics from '../../src/modules/analytics/analytics.schemas';
import * as bulk from '../../src/modules/bulk/bulk.schemas';
import * as exportsSpec from '../../src/modules/exports/exports.schemas';
import * as notifications from '../../src/modules/notifications/notifications.schemas';
import * as queue from '../../src/modules/queue/queue.schemas';
import * as templates from '../../src/modules/templates/templates.schemas';
import { bootApp, type TestApp } from '../support/app';
import { bearer, registerAndLogin, type TestUser } from '../support/factories';
import { waitFor } from '../support/wait';
import { startTestWorker } from '../support/worker';
import { expectMatchesSchema } from './contract.helpers';

/**
 * Contract checks for the exports, queue, notifications, bulk, templates and analytics routes: real
 * success responses are parsed with the response schema their route spec documents, and must come out
 * unchanged. zod drops keys a schema does not name, so any undocumented (or internal) field fails the
 * comparison, as does a missing or mistyped one. The OpenAPI document must list every route documented.
 */
let t: TestApp;
let u: TestUser;
let other: TestUser;
let sessionId: string;

const as = (user: TestUser) => ({
  get: (p: string) => request(t.app).get(p).set('Authorization', bearer(user.token)),
  post: (p: string) => request(t.app).post(p).set('Authorization', bearer(user.token)),
  put: (p: string) => request(t.app).put(p).set('Authorization', bearer(user.token)),
  del: (p: string) => request(t.app).delete(p).set('Authorization', bearer(user.token)),
});

/** The response matches the spec's documented schema for its status exactly (no extra, no missing field). */
function expectContract(spec: RouteSpec, res: request.Response) {
  const doc = spec.responses[res.status as keyof RouteSpec['responses']];
  expect({ status: res.status, documented: Boolean(doc?.schema) }).toEqual({
    status: res.status,
    documented: true,
  });
  expectMatchesSchema(doc!.schema as z.ZodType, res.body);
}

async function addQuestion(user: TestUser, sid: string, n: number) {
  const res = await as(user)
    .post('/api/v1/question/custom')
    .send({
      sessionId: sid,
      question: `Contract question ${n}: what does a route spec document?`,
      answer: 'Its input schemas, its success responses and its error codes.',
      difficulty: 'medium',
      category: 'api design',
    })
    .expect(201);
  return res.body.data.question._id as string;
}

beforeAll(async () => {
  t = await bootApp();
  startTestWorker(2);
  [u, other] = await Promise.all([registerAndLogin(t.app), registerAndLogin(t.app)]);
  const s = await as(u)
    .post('/api/v1/session/create')
    .send({ role: 'Backend Developer', experience: 'mid-level', topicsToFocus: ['JavaScript', 'Node.js'] })
    .expect(201);
  sessionId = s.body.data.session._id;
});
afterAll(() => t.close());

describe('contract: queue and notifications', () => {
  it('a generation job: question status, any-job status and the notification match their schemas', async () => {
    const queued = await as(u).post('/api/v1/question/generate').send({ sessionId, count: 2 }).expect(202);
    const jobId = queued.body.jobId as string;
    const done = await waitFor(
      async () => {
        const res = await as(u).get(`/api/v1/queue/question/${jobId}`).expect(200);
        return res.body.status === 'completed' && res;
      },
      { timeout: 15_000, message: `generation job ${jobId}` },
    );
    expectContract(queue.questionJobStatusRoute, done);
    expect(done.body.data.questions).toHaveLength(2);

    const any = await as(u).get(`/api/v1/queue/job/${jobId}`).expect(200);
    expectContract(queue.anyJobStatusRoute, any);
    expect(any.body).toMatchObject({
      jobId,
      status: 'completed',
      progress: 100,
      type: 'question-generation',
    });

    const listed = await waitFor(
      async () => {
        const res = await as(u).get('/api/v1/notifications').expect(200);
        return res.body.data.notifications.some((n: { jobId: string }) => n.jobId === jobId) && res;
      },
      { message: `the notification of job ${jobId}` },
    );
    expectContract(notifications.listNotificationsRoute, listed);
    expect(listed.body.data.notifications[0]).toMatchObject({
      type: 'job_complete',
      jobType: 'question-generation',
      jobId,
      read: false,
    });

    const read = await as(u)
      .post('/api/v1/notifications/read')
      .send({ notificationIds: [listed.body.data.notifications[0].id] })
      .expect(200);
    expectContract(notifications.markReadRoute, read);
    expect(read.body.data.marked).toBe(1);
    expectContract(notifications.clearNotificationsRoute, await as(u).del('/api/v1/notifications/clear'));
  });

  it('a failure notification matches the schema; fields stored beside a notification never leave', async () => {
    const { notifyJobFailed } = await import('../../src/modules/notifications/notifications.service');
    const { getRedis } = await import('../../src/infra/redis');
    const v = await registerAndLogin(t.app);
    expect(
      await notifyJobFailed(v.user._id, 'export-generation', 'job-failed-1', 'disk on fire'),
    ).not.toBeNull();
    // An entry written with more fields than a notification has (an older writer, say).
    await getRedis().lpush(
      `notifications:${v.user._id}`,
      JSON.stringify({
        id: 'notif_1_abc',
        type: 'job_complete',
        jobType: 'question-generation',
        jobId: 'job-2',
        result: { count: 1 },
        message: 'Your question-generation job has completed successfully',
        timestamp: 1,
        read: true,
        userId: v.user._id,
        __v: 0,
      }),
    );
    const res = await as(v).get('/api/v1/notifications').expect(200);
    expectContract(notifications.listNotificationsRoute, res);
    expect(res.body.data).toMatchObject({
      unreadCount: 2,
      notifications: [
        { id: 'notif_1_abc', read: false, result: { count: 1 } },
        { type: 'job_failed', jobId: 'job-failed-1', error: 'disk on fire', read: false },
      ],
    });
    expect(res.body.data.notifications[0]).not.toHaveProperty('userId');
  });

  it('a question job of someone else is a 404 job_not_found', async () => {
    const queued = await as(u).post('/api/v1/question/generate').send({ sessionId, count: 1 }).expect(202);
    const res = await as(other).get(`/api/v1/queue/question/${queued.body.jobId}`).expect(404);
    expect(res.body).toMatchObject({ success: false, code: 'job_not_found' });
  });
});

describe('contract: exports', () => {
  it('queue, status (both paths), any-job status, list, download and delete match their schemas', async () => {
    const s = await as(u)
      .post('/api/v1/session/create')
      .send({ role: 'SRE', experience: 'senior', topicsToFocus: ['Linux'] })
      .expect(201);
    const sid = s.body.data.session._id as string;
    await addQuestion(u, sid, 1);

    const queued = await as(u).post(`/api/v1/export/export/${sid}?format=csv`).expect(202);
    expectContract(exportsSpec.createExportRoute, queued);
    const jobId = queued.body.jobId as string;
    expect(queued.body.checkStatusUrl).toBe(`/api/v1/export/status/${jobId}`);

    const done = await waitFor(
      async () => {
        const res = await as(u).get(`/api/v1/export/status/${jobId}`).expect(200);
        return res.body.status === 'completed' && res;
      },
      { timeout: 15_000, message: `export ${jobId}` },
    );
    expectContract(exportsSpec.exportStatusRoute, done);
    expect(done.body.downloadUrl).toMatch(/^\/api\/v1\/export\/download\/questions_[a-f\d]{24}_\d+\.csv$/);
    expectContract(exportsSpec.exportStatusRoute, await as(u).get(`/api/v1/queue/export/${jobId}`));
    const any = await as(u).get(`/api/v1/queue/job/${jobId}`).expect(200);
    expectContract(queue.anyJobStatusRoute, any);
    expect(any.body).toMatchObject({
      type: 'export-generation',
      format: 'csv',
      downloadUrl: done.body.downloadUrl,
    });

    const list = await as(u).get('/api/v1/export').expect(200);
    expectContract(exportsSpec.listExportsRoute, list);
    expect(list.body.data.exports.map((e: { jobId: string }) => e.jobId)).toContain(jobId);

    const file = await as(u).get(done.body.downloadUrl).expect(200);
    expect(file.headers['content-type']).toMatch(/^text\/csv/);
    const documented = exportsSpec.downloadExportRoute.responses[200].contentType;
    expect(documented).toContain(file.headers['content-type'].split(';')[0]);

    expectContract(exportsSpec.deleteExportRoute, await as(u).del(`/api/v1/export/${jobId}`));
    await as(u).get(`/api/v1/export/status/${jobId}`).expect(404);
  });

  it('keeps the old 400 messages: a bad format, a bad filename', async () => {
    const badFormat = await as(u).post(`/api/v1/export/export/${sessionId}?format=xls`).expect(400);
    expect(badFormat.body).toMatchObject({
      code: 'validation_error',
      message: 'Invalid format. Use pdf, csv, or docx',
      errors: [{ field: 'format' }],
    });
    const badId = await as(u).post('/api/v1/export/export/nope?format=pdf').expect(400);
    expect(badId.body).toMatchObject({ code: 'validation_error', message: 'Validation error' });
    const badName = await as(u).get('/api/v1/export/download/..%2Fetc%2Fpasswd').expect(400);
    expect(badName.body).toMatchObject({ code: 'validation_error', message: 'Invalid filename' });
  });
});

describe('contract: bulk', () => {
  it('delete, difficulty and toggle-pin match their schemas, with per-id failures', async () => {
    const s = await as(u)
      .post('/api/v1/session/create')
      .send({ role: 'Data Engineer', experience: 'junior', topicsToFocus: ['SQL'] })
      .expect(201);
    const sid = s.body.data.session._id as string;
    const ids = [await addQuestion(u, sid, 1), await addQuestion(u, sid, 2)];
    const foreign = await addQuestion(
      other,
      (
        await as(other)
          .post('/api/v1/session/create')
          .send({ role: 'SRE', experience: 'lead', topicsToFocus: ['Go'] })
          .expect(201)
      ).body.data.session._id,
      3,
    );

    const diff = await as(u)
      .post('/api/v1/bulk/difficulty')
      .send({ questionIds: [...ids, foreign], difficulty: 'hard' })
      .expect(200);
    expectContract(bulk.bulkDifficultyRoute, diff);
    expect(diff.body).toMatchObject({
      modifiedCount: 2,
      data: {
        results: { requested: 3, succeeded: 2, failed: 1, failures: [{ id: foreign, reason: 'not_found' }] },
      },
    });

    const pin = await as(u)
      .post('/api/v1/bulk/toggle-pin')
      .send({ questionIds: ids, isPinned: true })
      .expect(200);
    expectContract(bulk.bulkPinRoute, pin);
    expect(pin.body.modifiedCount).toBe(2);

    const del = await as(u).post('/api/v1/bulk/delete').send({ questionIds: ids }).expect(200);
    expectContract(bulk.bulkDeleteRoute, del);
    expect(del.body).toMatchObject({ deletedCount: 2, data: { results: { succeeded: 2, failed: 0 } } });
    // The other user's question is untouched.
    expect(
      (await as(other).get(`/api/v1/question/${foreign}`).expect(200)).body.data.question.difficulty,
    ).toBe('medium');
  });

  it('a body that is not JSON is a 415; bad ids keep the old message and invalidIds', async () => {
    const res = await as(u)
      .post('/api/v1/bulk/delete')
      .set('Content-Type', 'text/plain')
      .send('questionIds=1')
      .expect(415);
    expect(res.body).toMatchObject({ success: false, code: 'unsupported_media_type' });
    const bad = await as(u)
      .post('/api/v1/bulk/delete')
      .send({ questionIds: ['nope'] })
      .expect(400);
    expect(bad.body).toMatchObject({
      code: 'validation_error',
      message: 'Invalid question IDs found',
      invalidIds: ['nope'],
      errors: [{ field: 'questionIds.0' }],
    });
  });
});

describe('contract: templates', () => {
  it('create, list, public, get, update, share, apply and delete match their schemas', async () => {
    const createdRes = await as(u)
      .post('/api/v1/templates')
      .send({ ...templates.createTemplateRoute.example, name: `Contract ${Date.now()}` })
      .expect(201);
    expectContract(templates.createTemplateRoute, createdRes);
    const id = createdRes.body.data.template._id as string;
    expect(createdRes.body.data.template).toMatchObject({
      isOwner: true,
      visibility: 'private',
      sharedWith: [],
    });

    expectContract(templates.listTemplatesRoute, await as(u).get('/api/v1/templates').expect(200));
    expectContract(templates.getTemplateRoute, await as(u).get(`/api/v1/templates/${id}`).expect(200));
    expectContract(
      templates.updateTemplateRoute,
      await as(u).put(`/api/v1/templates/${id}`).send(templates.updateTemplateRoute.example).expect(200),
    );
    const shared = await as(u).post(`/api/v1/templates/${id}/share`).send({ isPublic: true }).expect(200);
    expectContract(templates.shareTemplateRoute, shared);
    expect(shared.body.data.template.visibility).toBe('public');

    // Another user sees the public template without whom it is shared with.
    const seen = await as(other).get(`/api/v1/templates/${id}`).expect(200);
    expectContract(templates.getTemplateRoute, seen);
    expect(seen.body.data.template).not.toHaveProperty('sharedWith');
    expectContract(
      templates.listPublicTemplatesRoute,
      await as(other).get('/api/v1/templates/public').expect(200),
    );

    const applied = await as(other).post(`/api/v1/templates/${id}/apply`).send({}).expect(201);
    expectContract(templates.applyTemplateRoute, applied);
    expect(applied.body.data.session).toMatchObject({ role: 'Backend Developer', questionCount: 0 });

    await as(other).del(`/api/v1/templates/${id}`).expect(403);
    expectContract(templates.deleteTemplateRoute, await as(u).del(`/api/v1/templates/${id}`).expect(200));
  });
});

describe('contract: analytics', () => {
  it('user, session and trending (public) match their schemas', async () => {
    const userRes = await as(u).get('/api/v1/analytics/user?tz=Europe/Paris').expect(200);
    expectContract(analytics.userAnalyticsRoute, userRes);
    expect(userRes.body.data.totalSessions).toBeGreaterThanOrEqual(1);
    expect(userRes.body.data.recentSessions.length).toBeGreaterThanOrEqual(1);

    const sessionRes = await as(u).get(`/api/v1/analytics/session/${sessionId}`).expect(200);
    expectContract(analytics.sessionAnalyticsRoute, sessionRes);
    expect(sessionRes.body.data.sessionId).toBe(sessionId);
    await as(other).get(`/api/v1/analytics/session/${sessionId}`).expect(404);

    const trending = await request(t.app).get('/api/v1/analytics/trending?limit=5').expect(200);
    expectContract(analytics.trendingRoute, trending);
    expect(trending.body.data.topics.map((x: { topic: string }) => x.topic)).toContain('javascript');
  });
});

describe('contract: the OpenAPI document', () => {
  const PREFIXES = ['export', 'queue', 'notifications', 'bulk', 'templates', 'analytics'];
  // Mounted under /queue by the practice module (documented with it, not here).
  const PRACTICE = ['/api/v1/queue/evaluation/{jobId}', '/api/v1/queue/explanation/{jobId}'];
  type Operation = {
    'x-undocumented'?: boolean;
    security?: unknown[];
    responses: Record<string, { content?: Record<string, unknown>; description: string }>;
  };

  it('documents every route of these modules, with named schemas, error codes and download types', async () => {
    const doc = (await request(t.app).get('/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, Operation>>;
      components: { schemas: Record<string, unknown> };
    };
    const ops = Object.entries(doc.paths)
      .filter(([p]) => PREFIXES.some((x) => p.startsWith(`/api/v1/${x}`)) && !PRACTICE.includes(p))
      .flatMap(([p, methods]) => Object.entries(methods).map(([m, op]) => ({ route: `${m} ${p}`, op })));
    expect(ops).toHaveLength(25);
    expect(ops.filter((o) => o.op['x-undocumented']).map((o) => o.route)).toEqual([]);

    for (const name of [
      'Export',
      'ExportJobStatus',
      'JobStatus',
      'QuestionJobStatus',
      'Notification',
      'BulkResults',
      'Template',
      'UserAnalytics',
      'SessionAnalytics',
      'TrendingTopic',
    ])
      expect(Object.keys(doc.components.schemas)).toContain(name);

    const download = doc.paths['/api/v1/export/download/{filename}']!.get!;
    expect(Object.keys(download.responses['200']!.content!)).toEqual([
      'application/pdf',
      'text/csv',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ]);
    expect(download.responses['404']!.description).toContain('file_not_found');
    expect(doc.paths['/api/v1/export/status/{jobId}']!.get!.responses['404']!.description).toContain(
      'export_not_found',
    );
    expect(doc.paths['/api/v1/templates/{id}']!.put!.responses['403']!.description).toContain(
      'not_template_owner',
    );
    expect(doc.paths['/api/v1/export/export/{sessionId}']!.post!.responses['202']).toBeDefined();
    // Trending is public; the other analytics routes need a login.
    expect(doc.paths['/api/v1/analytics/trending']!.get!.security).toEqual([]);
    expect(doc.paths['/api/v1/analytics/user']!.get!.security).not.toEqual([]);
  });
});
