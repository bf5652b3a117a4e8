import type Redis from 'ioredis';
import mongoose from 'mongoose';
import request from 'supertest';
import { parse as parseCsv } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import pdf from 'pdf-parse/lib/pdf-parse.js';
import { bootAuthApp, useApp } from './auth.helpers';
import { bearer, registerAndLogin, type TestUser } from '../support/factories';
import { expectMatchesSchema } from './contract.helpers';

/**
 * Exports end to end: HTTP → Bull → the real export processor → GridFS → download, against the
 * embedded MongoDB, a real Redis, the real email processor and an SMTP capture.
 */
const t = useApp(() =>
  bootAuthApp({ RATE_LIMIT_EXPORT_MAX: '8', RATE_LIMIT_GENERAL_MAX: '100000', EXPORT_TTL_HOURS: '24' }),
);

const HOUR = 3600_000;
let events: Array<{ userId: string; event: string; payload: Record<string, unknown> }> = [];
let sub: Redis;

beforeAll(async () => {
  const { createRedisClient, channel } = await import('../../src/infra/redis');
  const { USER_EVENTS_CHANNEL } = await import('../../src/infra/events');
  sub = createRedisClient();
  await sub.subscribe(channel(USER_EVENTS_CHANNEL));
  sub.on('message', (_c, msg) => events.push(JSON.parse(msg)));
});
afterAll(() => sub?.disconnect());

const as = (u: TestUser) => ({
  get: (p: string) => request(t.app).get(p).set('Authorization', bearer(u.token)),
  post: (p: string) => request(t.app).post(p).set('Authorization', bearer(u.token)),
  put: (p: string) => request(t.app).put(p).set('Authorization', bearer(u.token)),
  patch: (p: string) => request(t.app).patch(p).set('Authorization', bearer(u.token)),
  del: (p: string) => request(t.app).delete(p).set('Authorization', bearer(u.token)),
});

/** Texts that break naive renderers: non-Latin scripts, CSV specials, formula starters. */
const QUESTIONS = [
  {
    question: 'Что такое замыкание в JavaScript?',
    answer: 'Ένα κλείσιμο κρατά το λεξικό περιβάλλον — über Funktionen, café, naïve résumé.',
    notes: 'Ελληνικά και кириллица в заметках',
    difficulty: 'easy',
  },
  {
    question: 'Explain "quotes", commas, and line breaks in CSV',
    answer: 'Fields with , or " or a line\nbreak are quoted; a "" pair escapes a quote.',
    category: 'formats, csv',
    difficulty: 'medium',
  },
  {
    question: '=HYPERLINK("http://evil.example") is this a formula?',
    answer: '+SUM(A1:A2) looks like a formula to a spreadsheet.',
    tags: ['@risk', 'csv'],
    notes: '-dash note',
    difficulty: 'hard',
  },
  {
    question: 'What does the CAP theorem state?',
    answer: 'A partitioned distributed system must choose between consistency and availability.',
    difficulty: 'hard',
  },
];
/** The last one is pinned, so the export order is: 4, 1, 2, 3. */
const EXPORT_ORDER = [3, 0, 1, 2];

async function sessionWithQuestions(u: TestUser, pinLast = true) {
  const s = await as(u)
    .post('/api/v1/session/create')
    .send({ role: 'Backend Developer', experience: 'senior', topicsToFocus: ['Node.js', 'Системы'] })
    .expect(201);
  const sessionId = s.body.data.session._id as string;
  const ids: string[] = [];
  for (const q of QUESTIONS) {
    const res = await as(u)
      .post('/api/v1/question/custom')
      .send({ sessionId, ...q })
      .expect(201);
    ids.push(res.body.data.question._id);
  }
  if (pinLast)
    await as(u)
      .patch(`/api/v1/question/${ids[ids.length - 1]}/toggle-pin`)
      .expect(200);
  return sessionId;
}

async function emptySession(u: TestUser) {
  const s = await as(u)
    .post('/api/v1/session/create')
    .send({ role: 'practice', experience: 'junior', topicsToFocus: ['Go'] })
    .expect(201);
  return s.body.data.session._id as string;
}

async function waitForExport(u: TestUser, jobId: string, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await as(u).get(`/api/v1/export/status/${jobId}`).expect(200);
    if (res.body.status === 'completed' || res.body.status === 'failed') return res.body;
    if (Date.now() > until) throw new Error(`export ${jobId} still ${res.body.status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function poll<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function exportAndWait(u: TestUser, sessionId: string, format: string) {
  const res = await as(u).post(`/api/v1/export/export/${sessionId}?format=${format}`).expect(202);
  const done = await waitForExport(u, res.body.jobId);
  return { jobId: res.body.jobId as string, queued: res.body, done };
}

function download(u: TestUser, url: string) {
  return as(u)
    .get(url)
    .buffer(true)
    .parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
}

const db = () => mongoose.connection.db!;
const filesOf = (jobId: string) =>
  db()
    .collection('exports.files')
    .find({ 'metadata.exportId': new mongoose.Types.ObjectId(jobId) })
    .toArray();
const chunksOf = (fileId: unknown) => db().collection('exports.chunks').countDocuments({ files_id: fileId });
const squash = (s: string) => s.replace(/\s+/g, '');

async function notificationsFor(u: TestUser, jobId: string) {
  const res = await as(u).get('/api/v1/notifications?limit=100').expect(200);
  return (res.body.data.notifications as Array<Record<string, unknown>>).filter((n) => n.jobId === jobId);
}

describe('exports: each format through the worker', () => {
  let alice: TestUser;
  let sessionId: string;
  beforeAll(async () => {
    alice = await registerAndLogin(t.app, { fullname: 'Alice Émilie' });
    sessionId = await sessionWithQuestions(alice);
  });

  it('PDF: 202 job, progress to completed, GridFS download whose text holds every question (Cyrillic, Greek, accents)', async () => {
    events = [];
    const { jobId, queued, done } = await exportAndWait(alice, sessionId, 'pdf');
    expect(queued).toMatchObject({
      success: true,
      message: 'Export queued successfully',
      jobId,
      checkStatusUrl: `/api/v1/export/status/${jobId}`,
    });
    expect(done).toMatchObject({ success: true, status: 'completed', progress: 100, format: 'pdf' });
    expect(done.downloadUrl).toMatch(
      new RegExp(`^/api/v1/export/download/questions_${sessionId}_\\d+\\.pdf$`),
    );

    const res = await download(alice, done.downloadUrl).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${done.filename}"`);
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBe(done.size);
    const { text, numpages } = await pdf(res.body as Buffer);
    expect(numpages).toBeGreaterThanOrEqual(1);
    const flat = squash(text);
    for (const q of QUESTIONS) {
      expect(flat).toContain(squash(q.question));
      expect(flat).toContain(squash(q.answer));
    }
    expect(flat).toContain(squash(QUESTIONS[0].notes!));
    expect(text).toContain('Difficulty breakdown');
    expect(text).toContain('Page 1');
    // Pinned first, then list order.
    const at = EXPORT_ORDER.map((i) => flat.indexOf(squash(QUESTIONS[i].question)));
    expect([...at].sort((a, b) => a - b)).toEqual(at);

    // One notification (history + live event) and an "export ready" mail with the link.
    const notes = await notificationsFor(alice, jobId);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      type: 'job_complete',
      jobType: 'export-generation',
      result: { filename: done.filename, format: 'pdf', downloadUrl: done.downloadUrl },
    });
    expect(
      events.filter(
        (e) => e.event === 'notification' && e.payload.jobId === jobId && e.userId === alice.user._id,
      ),
    ).toHaveLength(1);
    expect(
      events.some(
        (e) => e.event === 'job:progress' && e.payload.jobId === jobId && e.payload.progress === 100,
      ),
    ).toBe(true);
    const mail = await t.smtp.waitFor(
      (m) => m.to === alice.user.email && /PDF export is ready/.test(m.subject),
    );
    expect(mail.text).toContain(done.downloadUrl);
    expect(mail.html).toContain(`href="${done.downloadUrl}"`);
  });

  it('CSV: BOM, CRLF, parses back to the same rows (quotes, commas, newlines) with the formula guard', async () => {
    const { done } = await exportAndWait(alice, sessionId, 'csv');
    const res = await download(alice, done.downloadUrl).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const buf = res.body as Buffer;
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const raw = buf.toString('utf8');
    expect(raw).toContain('\r\n');
    const rows = parseCsv(raw, { bom: true, relax_quotes: false, record_delimiter: '\r\n' }) as string[][];
    expect(rows[0]).toEqual([
      'No.',
      'Question',
      'Answer',
      'Pinned',
      'Difficulty',
      'Category',
      'Created At',
      'Tags',
      'Notes',
    ]);
    expect(rows).toHaveLength(QUESTIONS.length + 1);
    const guard = (s: string) => (/^[=+\-@]/.test(s) ? `'${s}` : s);
    EXPORT_ORDER.forEach((qi, i) => {
      const q = QUESTIONS[qi] as (typeof QUESTIONS)[number] & {
        category?: string;
        tags?: string[];
        notes?: string;
      };
      const row = rows[i + 1];
      expect(row.slice(0, 6)).toEqual([
        String(i + 1),
        guard(q.question),
        guard(q.answer),
        qi === 3 ? 'Yes' : 'No',
        q.difficulty,
        q.category ?? '',
      ]);
      expect(new Date(row[6]).toISOString()).toBe(row[6]);
      expect(row[7]).toBe(guard((q.tags ?? []).join('; ')));
      expect(row[8]).toBe(guard(q.notes ?? ''));
    });
    // The dangerous cells are text, never formulas.
    expect(rows[4][1]).toBe('\'=HYPERLINK("http://evil.example") is this a formula?');
    expect(rows[4][2].startsWith("'+SUM")).toBe(true);
    expect(rows[4][8]).toBe("'-dash note");
    expect(rows[3][2]).toBe('Fields with , or " or a line\nbreak are quoted; a "" pair escapes a quote.');
  });

  it('DOCX: unzips to document XML holding every question, pinned marker and a page-number footer', async () => {
    const { done } = await exportAndWait(alice, sessionId, 'docx');
    const res = await download(alice, done.downloadUrl).expect(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const files = unzipSync(new Uint8Array(res.body as Buffer));
    const xml = strFromU8(files['word/document.xml']);
    const decode = (s: string) =>
      s
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&');
    const text = [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1])).join('\n');
    for (const q of QUESTIONS) expect(text).toContain(q.question);
    for (const line of QUESTIONS[1].answer.split('\n')) expect(text).toContain(line);
    expect(text).toContain('★ Pinned');
    expect(text).toContain('Interview Questions');
    const footer = Object.entries(files).find(([name]) => /^word\/footer\d*\.xml$/.test(name));
    expect(strFromU8(footer![1])).toContain('PAGE');
    const at = EXPORT_ORDER.map((i) => text.indexOf(QUESTIONS[i].question));
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('lists my exports newest first with status, size and expiry; /queue/export and /queue/job report the same', async () => {
    const list = await as(alice).get('/api/v1/export?limit=2').expect(200);
    expect(list.body).toMatchObject({ success: true, count: 2, pagination: { page: 1, limit: 2, total: 3 } });
    const [newest] = list.body.data.exports;
    expect(newest).toMatchObject({ format: 'docx', status: 'completed', sessionId, progress: 100 });
    expect(newest.size).toBeGreaterThan(0);
    expect(new Date(newest.expiresAt).getTime() - Date.now()).toBeGreaterThan(23 * HOUR);

    const viaQueue = await as(alice).get(`/api/v1/queue/export/${newest.jobId}`).expect(200);
    const viaStatus = await as(alice).get(`/api/v1/export/status/${newest.jobId}`).expect(200);
    expect(viaQueue.body).toEqual(viaStatus.body);
    const anyJob = await as(alice).get(`/api/v1/queue/job/${newest.jobId}`).expect(200);
    expect(anyJob.body).toMatchObject({
      success: true,
      status: 'completed',
      type: 'export-generation',
      downloadUrl: newest.downloadUrl,
    });
  });
});

describe('exports: validation, auth and ownership', () => {
  let alice: TestUser;
  let bob: TestUser;
  let sessionId: string;
  let jobId: string;
  let downloadUrl: string;
  beforeAll(async () => {
    [alice, bob] = await Promise.all([registerAndLogin(t.app), registerAndLogin(t.app)]);
    sessionId = await sessionWithQuestions(alice, false);
    const { jobId: id, done } = await exportAndWait(alice, sessionId, 'csv');
    jobId = id;
    downloadUrl = done.downloadUrl;
  });

  it('400 for an unknown or missing format, a bad session id and an empty session; 404 for another user’s session', async () => {
    for (const q of ['?format=xls', '', '?format=']) {
      const res = await as(alice).post(`/api/v1/export/export/${sessionId}${q}`).expect(400);
      expect(res.body).toMatchObject({ success: false, message: 'Invalid format. Use pdf, csv, or docx' });
      expect(res.body.errors[0].field).toBe('format');
    }
    const badId = await as(alice).post('/api/v1/export/export/not-an-id?format=pdf').expect(400);
    expect(badId.body.errors[0].field).toBe('sessionId');
    const empty = await as(alice)
      .post(`/api/v1/export/export/${await emptySession(alice)}?format=pdf`)
      .expect(400);
    expect(empty.body).toMatchObject({ code: 'empty_session', message: 'No questions found for export' });
    const foreign = await as(bob).post(`/api/v1/export/export/${sessionId}?format=PDF`).expect(404);
    expect(foreign.body.code).toBe('session_not_found');
    const list = await as(alice).get('/api/v1/export').expect(200);
    expect(list.body.data.exports).toHaveLength(1);
  });

  it('400 for a name that is not an export filename; 404 for an unknown one', async () => {
    for (const name of [
      '..%2F..%2Fetc%2Fpasswd',
      'questions_x.pdf',
      `questions_${sessionId}_1.exe`,
      'a.pdf',
    ]) {
      const res = await as(alice).get(`/api/v1/export/download/${name}`).expect(400);
      expect(res.body).toMatchObject({ success: false, message: 'Invalid filename' });
    }
    await as(alice).get(`/api/v1/export/download/questions_${sessionId}_1700000000000.pdf`).expect(404);
    await as(alice).get('/api/v1/export?limit=0').expect(400);
  });

  it('another user gets 404 on status, queue status, list, delete and download', async () => {
    for (const p of [
      `/api/v1/export/status/${jobId}`,
      `/api/v1/queue/export/${jobId}`,
      `/api/v1/queue/job/${jobId}`,
    ]) {
      const res = await as(bob).get(p).expect(404);
      expect(res.body.success).toBe(false);
    }
    await as(bob).get(downloadUrl).expect(404);
    await as(bob).del(`/api/v1/export/${jobId}`).expect(404);
    const list = await as(bob).get('/api/v1/export').expect(200);
    expect(list.body.data.exports).toEqual([]);
    // Still there for its owner.
    await download(alice, downloadUrl).expect(200);
    await as(alice).get('/api/v1/export/status/12345').expect(404);
  });

  it('401 without a token on every export route', async () => {
    const paths: Array<['get' | 'post' | 'delete', string]> = [
      ['post', `/api/v1/export/export/${sessionId}?format=pdf`],
      ['get', `/api/v1/export/status/${jobId}`],
      ['get', downloadUrl],
      ['get', '/api/v1/export'],
      ['delete', `/api/v1/export/${jobId}`],
      ['get', `/api/v1/queue/export/${jobId}`],
    ];
    for (const [method, p] of paths) {
      const res = await request(t.app)[method](p).expect(401);
      expect(res.body.success).toBe(false);
    }
  });

  it('DELETE removes the record and its GridFS file', async () => {
    const [file] = await filesOf(jobId);
    expect(await chunksOf(file._id)).toBeGreaterThan(0);
    const res = await as(alice).del(`/api/v1/export/${jobId}`).expect(200);
    expect(res.body.data.deletedId).toBe(jobId);
    expect(await filesOf(jobId)).toEqual([]);
    expect(await chunksOf(file._id)).toBe(0);
    await as(alice).get(`/api/v1/export/status/${jobId}`).expect(404);
    await as(alice).get(downloadUrl).expect(404);
  });

  it('applies the per-user export rate limit (429 with Retry-After), other users unaffected', async () => {
    const carol = await registerAndLogin(t.app);
    const empty = await emptySession(carol);
    for (let i = 0; i < 8; i++) await as(carol).post(`/api/v1/export/export/${empty}?format=csv`).expect(400);
    const limited = await as(carol).post(`/api/v1/export/export/${empty}?format=csv`).expect(429);
    expect(limited.body.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await as(bob)
      .post(`/api/v1/export/export/${await emptySession(bob)}?format=csv`)
      .expect(400);
  });
});

describe('exports: retries, failures, expiry and cascades', () => {
  let u: TestUser;
  let sessionId: string;
  let hooks: typeof import('../../src/modules/exports/exports.jobs').exportTestHooks;
  beforeAll(async () => {
    ({ exportTestHooks: hooks } = await import('../../src/modules/exports/exports.jobs'));
    u = await registerAndLogin(t.app);
    sessionId = await sessionWithQuestions(u);
  });
  afterEach(() => {
    delete hooks.afterUpload;
  });

  it('a render that fails after its upload is retried and leaves exactly one file (no orphan)', async () => {
    const attempts: number[] = [];
    hooks.afterUpload = (_id, attempt) => {
      attempts.push(attempt);
      if (attempt === 1) throw Object.assign(new Error('storage hiccup'), { retryAfterMs: 20 });
    };
    const { jobId, done } = await exportAndWait(u, sessionId, 'pdf');
    expect(done.status).toBe('completed');
    expect(attempts).toEqual([1, 2]);
    const files = await filesOf(jobId);
    expect(files).toHaveLength(1);
    expect(files[0].metadata.attempt).toBe(2);
    const res = await download(u, done.downloadUrl).expect(200);
    expect(res.body.length).toBe(files[0].length);
    expect(await notificationsFor(u, jobId)).toHaveLength(1);
  });

  it('a render failing on every attempt ends failed with its error, no file and one failure notification', async () => {
    hooks.afterUpload = () => {
      throw Object.assign(new Error('disk on fire'), { retryAfterMs: 10 });
    };
    const { jobId, done } = await exportAndWait(u, sessionId, 'csv');
    expect(done).toMatchObject({
      success: false,
      status: 'failed',
      error: 'disk on fire',
      message: 'Export failed',
    });
    expect(await filesOf(jobId)).toEqual([]);
    const notes = await poll('failure notification', async () => {
      const n = await notificationsFor(u, jobId);
      return n.length ? n : undefined;
    });
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      type: 'job_failed',
      jobType: 'export-generation',
      error: 'disk on fire',
    });
    const anyJob = await as(u).get(`/api/v1/queue/job/${jobId}`).expect(200);
    expect(anyJob.body).toMatchObject({ success: false, status: 'failed', error: 'disk on fire' });
    // Both failed shapes are the documented ones (no field more, none less).
    const { exportJobStatusSchema } = await import('../../src/modules/exports/exports.schemas');
    const { jobStatusSchema } = await import('../../src/modules/queue/queue.schemas');
    expectMatchesSchema(exportJobStatusSchema, done);
    expectMatchesSchema(jobStatusSchema, anyJob.body);
  });

  it('an export deleted while it renders leaves no file behind', async () => {
    const { getQueue } = await import('../../src/infra/queues');
    let deleted = false;
    hooks.afterUpload = async (id) => {
      // The owner deletes the export between the upload and the record update.
      await as(u).del(`/api/v1/export/${id}`).expect(200);
      deleted = true;
    };
    const res = await as(u).post(`/api/v1/export/export/${sessionId}?format=csv`).expect(202);
    // Fetched again on each poll: a job object read before the move to `failed` has no failedReason.
    const job = await poll('the render to give up', async () => {
      const j = await getQueue('export-generation').getJob(res.body.jobId);
      return j && (await j.isFailed()) && j.failedReason ? j : undefined;
    });
    expect(deleted).toBe(true);
    expect(job.failedReason).toBe('Export was deleted while it was being rendered');
    expect(await filesOf(res.body.jobId)).toEqual([]);
    await as(u).get(`/api/v1/export/status/${res.body.jobId}`).expect(404);
  });

  it('expired exports are removed on read and by the sweep, records and files alike', async () => {
    const { sweepExpiredExports } = await import('../../src/modules/exports/exports.service');
    const { getQueue } = await import('../../src/infra/queues');
    const first = await exportAndWait(u, sessionId, 'csv');
    const second = await exportAndWait(u, sessionId, 'docx');
    expect(await filesOf(first.jobId)).toHaveLength(1);
    // The periodic sweep is scheduled as a repeatable job on the export queue.
    const repeat = await getQueue('export-generation').getRepeatableJobs();
    expect(repeat.map((r) => Number(r.every))).toContain(15 * 60_000);

    // Sweep as the worker would run it a day later: both gone (first via the sweep).
    const swept = await sweepExpiredExports(new Date(Date.now() + 25 * HOUR));
    expect(swept.records).toBeGreaterThanOrEqual(2);
    expect(await filesOf(first.jobId)).toEqual([]);
    expect(await filesOf(second.jobId)).toEqual([]);
    await as(u).get(`/api/v1/export/status/${first.jobId}`).expect(404);

    // On read: a fresh export seen from 25 hours later is gone from list, status and download.
    const third = await exportAndWait(u, sessionId, 'csv');
    jest.useFakeTimers({
      now: Date.now() + 25 * HOUR,
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'requestAnimationFrame',
        'cancelAnimationFrame',
        'requestIdleCallback',
        'cancelIdleCallback',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
    try {
      await as(u).get(third.done.downloadUrl).expect(404);
      const list = await as(u).get('/api/v1/export').expect(200);
      expect(list.body.data.exports).toEqual([]);
      await as(u).get(`/api/v1/export/status/${third.jobId}`).expect(404);
    } finally {
      jest.useRealTimers();
    }
    expect(await filesOf(third.jobId)).toEqual([]);
  });

  it('deleting a session removes its exports and files', async () => {
    const s2 = await sessionWithQuestions(u, false);
    const { jobId } = await exportAndWait(u, s2, 'pdf');
    expect(await filesOf(jobId)).toHaveLength(1);
    await as(u).del(`/api/v1/session/${s2}`).expect(200);
    expect(await filesOf(jobId)).toEqual([]);
    expect(
      await db()
        .collection('exports')
        .countDocuments({ session: new mongoose.Types.ObjectId(s2) }),
    ).toBe(0);
  });

  it('deleting the account removes every export and file of the user', async () => {
    const v = await registerAndLogin(t.app);
    const s = await sessionWithQuestions(v, false);
    const a = await exportAndWait(v, s, 'csv');
    const b = await exportAndWait(v, s, 'docx');
    await as(v).del('/api/v1/user/profile').send({ password: v.password }).expect(200);
    expect(await filesOf(a.jobId)).toEqual([]);
    expect(await filesOf(b.jobId)).toEqual([]);
    expect(
      await db()
        .collection('exports')
        .countDocuments({ user: new mongoose.Types.ObjectId(v.user._id) }),
    ).toBe(0);
    expect(await db().collection('exports.files').countDocuments({ 'metadata.userId': v.user._id })).toBe(0);
  });

  it('no "export ready" mail when the user turned export mails off (the notification still comes)', async () => {
    const { getQueue } = await import('../../src/infra/queues');
    const w = await registerAndLogin(t.app);
    await as(w)
      .put('/api/v1/user/profile')
      .send({ preferences: { emailNotifications: { export: false } } })
      .expect(200);
    const s = await sessionWithQuestions(w, false);
    const { jobId } = await exportAndWait(w, s, 'csv');
    expect(await notificationsFor(w, jobId)).toHaveLength(1);
    const job = await poll('the export mail job', async () => {
      const jobs = await getQueue('email-notifications').getCompleted();
      return jobs.find((j) => j.data.userId === w.user._id && j.data.template === 'job-finished');
    });
    expect(job.returnvalue).toEqual({ sent: false, reason: 'preference_off' });
    expect(t.smtp.mails.filter((m) => m.to === w.user.email && /export/i.test(m.subject))).toEqual([]);
  });
});
