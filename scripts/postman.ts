/**
 * The Postman collection (v2.1) of the API: docs/postman/intervai.postman_collection.json is written from
 * the requests below, which run top to bottom as one walkthrough against a fresh server (a new account
 * per run, ids captured from responses into collection variables, jobs polled until they finish).
 *
 *   npm run postman:build                      # rewrite the collection file from this script
 *   npm run postman                            # run it with newman against BASE_URL (http://localhost:8000)
 *   BASE_URL=http://localhost:9000 npm run postman
 *
 * tests/unit/postman-collection.test.ts keeps the file in step with this script and with the OpenAPI
 * document (every documented operation has a request; every request asserts its status).
 */
import fs from 'node:fs';
import path from 'node:path';

export const COLLECTION_FILE = path.join(
  __dirname,
  '..',
  'docs',
  'postman',
  'intervai.postman_collection.json',
);
export const DEFAULT_BASE_URL = 'http://localhost:8000';

/** A job is polled at most this many times (POLL_DELAY_MS apart) before the run fails. */
const MAX_POLLS = 60;
const POLL_DELAY_MS = 250;
/** An ObjectId nobody owns: requests that show a 404. */
const NOBODY = '000000000000000000000000';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestDef {
  name: string;
  method: Method;
  /** Path after {{baseUrl}}, with `{{variables}}` for path parameters. */
  path: string;
  query?: Record<string, string>;
  /** A JSON body (sent as raw JSON with Content-Type: application/json); a string is sent as is. */
  body?: unknown;
  /** Public routes send no bearer token. */
  public?: boolean;
  description: string;
  /** The expected status, or the accepted ones (e.g. 201 from the cache or 202 queued). */
  status: number | number[];
  /** Test script lines after the status assertion; `body` is the parsed JSON response when there is one. */
  test?: string;
  prerequest?: string;
  /** Parse the response as JSON before `test` (default: yes). */
  json?: boolean;
}

interface FolderDef {
  name: string;
  description: string;
  items: RequestDef[];
}

// ---------------------------------------------------------------------------------------------
// Script snippets

const set = (name: string, expr: string) => `pm.collectionVariables.set('${name}', ${expr});`;
const get = (name: string) => `pm.collectionVariables.get('${name}')`;

/** The standard error envelope with its code. */
const errorCode = (code: string | string[]) =>
  Array.isArray(code)
    ? `pm.test('error code is one of ${code.join(', ')}', function () {
  pm.expect(body.success).to.equal(false);
  pm.expect(body.code).to.be.oneOf(${JSON.stringify(code)});
  pm.expect(body.requestId).to.be.a('string');
});`
    : `pm.test('error code is ${code}', function () {
  pm.expect(body.success).to.equal(false);
  pm.expect(body.code).to.equal('${code}');
  pm.expect(body.requestId).to.be.a('string');
});`;

const success = (message?: string) =>
  message
    ? `pm.test('success envelope: "${message}"', function () {
  pm.expect(body.success).to.equal(true);
  pm.expect(body.message).to.equal(${JSON.stringify(message)});
});`
    : `pm.test('success envelope', function () {
  pm.expect(body.success).to.equal(true);
  pm.expect(body.message).to.be.a('string');
});`;

/** Captures a new token (login, refresh, password change): the Bearer auth of the collection uses it. */
const captureToken = `pm.test('a token is issued', function () {
  pm.expect(body.data.token).to.be.a('string').and.not.empty;
  pm.expect(body.data.expiresIn).to.exist;
});
${set('token', 'body.data.token')}`;

/**
 * Repeats the request (pm.execution.setNextRequest) until the job leaves the queue, at most MAX_POLLS times.
 * `onDone` runs once the status is `completed`. A 503 (`dependency_unavailable`, with Retry-After) is what
 * the API answers while MongoDB or Redis does not respond: a client polls again, so does this one.
 */
function pollUntilDone(counter: string, onDone: string): string {
  return `if (pm.response.code === 503) {
  pm.test('an outage is answered as retryable (polled again)', function () {
    pm.expect(body.code).to.equal('dependency_unavailable');
    pm.expect(pm.response.headers.get('Retry-After')).to.exist;
  });
} else {
  pm.test('job status is known', function () {
    pm.expect(body.status).to.be.oneOf(['waiting', 'active', 'delayed', 'completed', 'failed']);
    pm.expect(body.progress).to.be.a('number');
  });
}
if (body.status === 'completed') {
  pm.collectionVariables.unset('${counter}');
  ${onDone.split('\n').join('\n  ')}
} else if (body.status === 'failed') {
  pm.collectionVariables.unset('${counter}');
  pm.test('job completed', function () {
    pm.expect.fail('job failed: ' + body.error);
  });
} else {
  const polls = Number(${get(counter)} || 0) + 1;
  ${set(counter, 'polls')}
  pm.test('job finishes within ${MAX_POLLS} polls', function () {
    pm.expect(polls).to.be.below(${MAX_POLLS});
  });
  if (polls < ${MAX_POLLS}) pm.execution.setNextRequest(pm.info.requestName);
}`;
}

/** Waits between two polls (the sandbox waits for pending timers before it sends the request). */
const pollDelay = (counter: string) =>
  `if (Number(${get(counter)} || 0) > 0) setTimeout(function () {}, ${POLL_DELAY_MS});`;

/** The first request of a job-status pair that may have nothing to poll (served at once): a 404 stands in. */
const placeholderJob = (variable: string, flag: string) =>
  `${set(flag, `${get(variable)} ? 'yes' : 'no'`)}
if (!${get(variable)}) ${set(variable, `'${NOBODY}'`)}`;

// ---------------------------------------------------------------------------------------------
// The walkthrough

const auth: FolderDef = {
  name: 'Auth',
  description:
    'Accounts and tokens. Login sets the httpOnly cookie `token` and returns `data.token`; the collection sends it as `Authorization: Bearer {{token}}` (the server reads the cookie first, so both are kept in step: every request that issues a token updates both).',
  items: [
    {
      name: 'Register',
      method: 'POST',
      path: '/api/v1/user/register',
      public: true,
      description: 'Creates the account used by the whole run. The pre-request script picks a unique email.',
      prerequest: `const run = Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
${set('email', "'postman.' + run + '@example.com'")}
${set('password', "'Orbit-Lantern-' + run + '-Q7'")}
${set('newPassword', "'Harbor-Comet-' + run + '-Z3'")}
['token', 'jobId', 'explanationJobId', 'regenJobId'].forEach(function (v) { pm.collectionVariables.unset(v); });`,
      body: { fullname: 'Ada Postman', email: '{{email}}', password: '{{password}}' },
      status: 201,
      test: `${success('User registered successfully')}
pm.test('the new user is returned without secrets', function () {
  pm.expect(body.data.user.email).to.equal(${get('email')});
  pm.expect(body.data.user).to.not.have.property('password');
});`,
    },
    {
      name: 'Register the same email again (409)',
      method: 'POST',
      path: '/api/v1/user/register',
      public: true,
      description: 'A second registration with the same email is a conflict.',
      body: { fullname: 'Ada Postman', email: '{{email}}', password: '{{password}}' },
      status: 409,
      test: errorCode('email_taken'),
    },
    {
      name: 'Log in',
      method: 'POST',
      path: '/api/v1/user/login',
      public: true,
      description: 'Sets the `token` cookie and returns `data.token` (captured into `{{token}}`).',
      body: { email: '{{email}}', password: '{{password}}' },
      status: 200,
      test: `${success()}
${captureToken}
pm.test('the user and the cookie', function () {
  pm.expect(body.data.user._id).to.be.a('string');
  pm.expect(body.data.user.email).to.equal(${get('email')});
  pm.expect(pm.cookies.has('token')).to.equal(true);
});
${set('userId', 'body.data.user._id')}`,
    },
    {
      name: 'Get profile',
      method: 'GET',
      path: '/api/v1/user/profile',
      description: 'The signed-in user.',
      status: 200,
      test: `${success('User retrieved successfully')}
pm.test('data.user is me', function () {
  pm.expect(body.data.user._id).to.equal(${get('userId')});
  pm.expect(body.data.user.fullname).to.equal('Ada Postman');
});`,
    },
    {
      name: 'Update profile',
      method: 'PUT',
      path: '/api/v1/user/profile',
      description: 'Full name and email notification preferences.',
      body: { fullname: 'Ada Lovelace', preferences: { emailNotifications: { generation: false } } },
      status: 200,
      test: `${success('Profile updated successfully')}
pm.test('the name is changed', function () {
  pm.expect(body.data.user.fullname).to.equal('Ada Lovelace');
});`,
    },
    {
      name: 'Log in on a second device',
      method: 'POST',
      path: '/api/v1/user/login',
      public: true,
      description:
        'A second login is a second login session. From here on the run uses this newest token (cookie and Bearer).',
      body: { email: '{{email}}', password: '{{password}}' },
      status: 200,
      test: captureToken,
    },
    {
      name: 'List login sessions',
      method: 'GET',
      path: '/api/v1/user/sessions',
      description: 'Active logins with device, IP, created and last seen; `current` marks this one.',
      status: 200,
      test: `${success('Sessions retrieved successfully')}
const sessions = body.data.sessions;
pm.test('both logins are listed, one of them current', function () {
  pm.expect(sessions).to.be.an('array').with.lengthOf(2);
  pm.expect(body.count).to.equal(2);
  pm.expect(sessions.filter(function (s) { return s.current; })).to.have.lengthOf(1);
  sessions.forEach(function (s) {
    pm.expect(s).to.include.keys('id', 'device', 'ip', 'createdAt', 'lastSeenAt', 'expiresAt');
  });
});
const other = sessions.find(function (s) { return !s.current; });
if (other) ${set('otherLoginSessionId', 'other.id')}`,
    },
    {
      name: 'Revoke one login session',
      method: 'DELETE',
      path: '/api/v1/user/sessions/{{otherLoginSessionId}}',
      description: 'Signs out the first login (its token stops working at once).',
      status: 200,
      test: `${success('Session revoked successfully')}
pm.test('the other session is revoked, not this one', function () {
  pm.expect(body.data.sessionId).to.equal(${get('otherLoginSessionId')});
  pm.expect(body.data.current).to.equal(false);
});`,
    },
    {
      name: 'Revoke all other login sessions',
      method: 'DELETE',
      path: '/api/v1/user/sessions',
      description: 'Signs out every login but this one.',
      status: 200,
      test: `${success('Other sessions revoked successfully')}
pm.test('revokedCount is a number', function () {
  pm.expect(body.data.revokedCount).to.be.a('number');
});`,
    },
    {
      name: 'Refresh token',
      method: 'POST',
      path: '/api/v1/user/refresh-token',
      description: 'Rotates the token: the old one is revoked, the new one is set as cookie and returned.',
      status: 200,
      test: `${success('Token refreshed successfully')}
pm.test('the token changed', function () {
  pm.expect(body.data.token).to.not.equal(${get('token')});
});
${captureToken}`,
    },
    {
      name: 'Change password',
      method: 'POST',
      path: '/api/v1/user/change-password',
      description: 'Ends every other login; this device continues with the token returned.',
      body: { currentPassword: '{{password}}', newPassword: '{{newPassword}}' },
      status: 200,
      test: `${success()}
${captureToken}
${set('password', get('newPassword'))}`,
    },
    {
      name: 'Security history',
      method: 'GET',
      path: '/api/v1/user/history',
      query: { page: '1', limit: '20' },
      description: 'The audit trail: logins, revocations, password changes.',
      status: 200,
      test: `${success('History retrieved successfully')}
pm.test('events are listed and paginated', function () {
  pm.expect(body.data.events).to.be.an('array').that.is.not.empty;
  pm.expect(body.pagination).to.include.keys('page', 'limit', 'total', 'pages');
});`,
    },
    {
      name: 'Forgot password',
      method: 'POST',
      path: '/api/v1/user/forgot-password',
      public: true,
      description:
        'Mails a 6-digit code (locally written to `.data/outbox/`). The answer is the same for unknown emails.',
      body: { email: '{{email}}' },
      status: 200,
      test: `${success('If the email exists, an OTP has been sent')}
pm.test('the code lifetime is given', function () {
  pm.expect(body.data.expiresIn).to.be.a('string');
});`,
    },
    {
      name: 'Verify the reset code (wrong code, 400)',
      method: 'POST',
      path: '/api/v1/user/verify-otp',
      public: true,
      description:
        'Put the mailed code into the `otp` collection variable to verify it for real; the default `000000` shows the answer to a wrong code.',
      body: { email: '{{email}}', otp: '{{otp}}' },
      status: 400,
      test: `${errorCode('invalid_otp')}
pm.test('attempts remaining are given', function () {
  pm.expect(body.data.attemptsRemaining).to.be.a('number');
});`,
    },
    {
      name: 'Reset password (validation error, 400)',
      method: 'POST',
      path: '/api/v1/user/reset-password',
      public: true,
      description:
        'With the mailed code and a strong new password this resets the password and signs every login out; here a too-short password shows the validation envelope (`errors[]`).',
      body: { email: '{{email}}', otp: '{{otp}}', newPassword: 'short' },
      status: 400,
      test: `${errorCode('validation_error')}
pm.test('the field is named', function () {
  pm.expect(body.errors.map(function (e) { return e.field; })).to.include('newPassword');
});`,
    },
    {
      name: 'Resend email verification',
      method: 'POST',
      path: '/api/v1/user/resend-verification',
      public: true,
      description: 'Mails an email-verification code.',
      body: { email: '{{email}}' },
      status: 200,
      test: success('If the account exists and is not verified, a verification code has been sent'),
    },
    {
      name: 'Verify email (wrong code, 400)',
      method: 'POST',
      path: '/api/v1/user/verify-email',
      public: true,
      description: 'Put the mailed code into `otp` to verify the address; the default shows a wrong code.',
      body: { email: '{{email}}', otp: '{{otp}}' },
      status: 400,
      test: errorCode('invalid_otp'),
    },
    {
      name: 'Log out',
      method: 'POST',
      path: '/api/v1/user/logout',
      description: 'Clears the cookie and revokes the token server-side.',
      status: 200,
      test: success('Logged out successfully'),
    },
    {
      name: 'Profile after logout (401)',
      method: 'GET',
      path: '/api/v1/user/profile',
      description: 'The revoked token is refused.',
      status: 401,
      test: errorCode(['token_revoked', 'invalid_token', 'unauthenticated']),
    },
    {
      name: 'Log in again',
      method: 'POST',
      path: '/api/v1/user/login',
      public: true,
      description: 'A fresh token for the rest of the run.',
      body: { email: '{{email}}', password: '{{password}}' },
      status: 200,
      test: captureToken,
    },
  ],
};

const sessions: FolderDef = {
  name: 'Sessions',
  description: 'Interview sessions: a role, an experience level and topics to focus on.',
  items: [
    {
      name: 'Create session',
      method: 'POST',
      path: '/api/v1/session/create',
      description: 'Topics from `GET /api/v1/meta/options` are covered by the offline question bank.',
      body: {
        role: 'Backend Developer',
        experience: 'mid-level',
        topicsToFocus: ['Node.js', 'MongoDB'],
        description: 'Postman walkthrough',
        duration: 45,
      },
      status: 201,
      test: `${success('Session created successfully')}
pm.test('the session is returned', function () {
  pm.expect(body.data.session._id).to.be.a('string');
  pm.expect(body.data.session.role).to.equal('Backend Developer');
  pm.expect(body.data.session.topicsToFocus).to.eql(['Node.js', 'MongoDB']);
});
${set('sessionId', 'body.data.session._id')}`,
    },
    {
      name: 'Create session with bad input (400)',
      method: 'POST',
      path: '/api/v1/session/create',
      description: 'Field errors come back in `errors[]`.',
      body: { role: 'x', experience: 'guru', topicsToFocus: [] },
      status: 400,
      test: `${errorCode('validation_error')}
pm.test('each bad field is named', function () {
  const fields = body.errors.map(function (e) { return e.field; });
  pm.expect(fields).to.include.members(['role', 'experience', 'topicsToFocus']);
});`,
    },
    {
      name: 'List sessions',
      method: 'GET',
      path: '/api/v1/session',
      query: { page: '1', limit: '10' },
      description: 'Newest first, each with `questionCount`; paginated.',
      status: 200,
      test: `${success()}
pm.test('the new session is listed', function () {
  pm.expect(body.count).to.be.a('number');
  pm.expect(body.pagination).to.include.keys('page', 'limit', 'total', 'pages');
  pm.expect(body.data.sessions.map(function (s) { return s._id; })).to.include(${get('sessionId')});
});`,
    },
    {
      name: 'Get session',
      method: 'GET',
      path: '/api/v1/session/{{sessionId}}',
      description: 'One session with its questions, pinned first.',
      status: 200,
      test: `${success()}
pm.test('data.session', function () {
  pm.expect(body.data.session._id).to.equal(${get('sessionId')});
  pm.expect(body.data.session.questions).to.be.an('array');
});`,
    },
    {
      name: 'Update session',
      method: 'PUT',
      path: '/api/v1/session/{{sessionId}}',
      description: 'Any of role, experience, topicsToFocus, status, duration, description.',
      body: { status: 'in-progress', description: 'Postman walkthrough, in progress' },
      status: 200,
      test: `${success()}
pm.test('the status changed', function () {
  pm.expect(body.data.session.status).to.equal('in-progress');
});`,
    },
    {
      name: 'Get a session that is not mine (404)',
      method: 'GET',
      path: `/api/v1/session/${NOBODY}`,
      description: 'Sessions of other users are simply not found.',
      status: 404,
      test: errorCode('session_not_found'),
    },
  ],
};

const questions: FolderDef = {
  name: 'Questions',
  description:
    'AI generation (201 straight from the generation cache, or 202 with a job to poll), custom questions, pins, regeneration.',
  items: [
    {
      name: 'Generate questions',
      method: 'POST',
      path: '/api/v1/question/generate',
      description:
        '201 `{cached: true, data.questions}` when the generation cache can serve the request, otherwise 202 `{jobId, checkStatusUrl}`: poll `GET /api/v1/queue/question/:jobId` (next request) or listen on the socket.',
      body: { sessionId: '{{sessionId}}', count: 5 },
      status: [201, 202],
      test: `${success()}
if (pm.response.code === 201) {
  pm.test('served from the cache', function () {
    pm.expect(body.cached).to.equal(true);
    pm.expect(body.data.questions).to.be.an('array').that.is.not.empty;
    pm.expect(body.count).to.equal(body.data.questions.length);
  });
  pm.collectionVariables.unset('jobId');
  pm.execution.setNextRequest('List questions of the session');
} else {
  pm.test('queued with a job id', function () {
    pm.expect(body.jobId).to.be.a('string');
    pm.expect(body.checkStatusUrl).to.equal('/api/v1/queue/question/' + body.jobId);
  });
  ${set('jobId', 'body.jobId')}
}`,
    },
    {
      name: 'Poll the generation job',
      method: 'GET',
      path: '/api/v1/queue/question/{{jobId}}',
      description: 'Repeats itself until the job is completed (or fails the run after a cap).',
      prerequest: pollDelay('generationPolls'),
      status: [200, 503],
      test: pollUntilDone(
        'generationPolls',
        `pm.test('the generated questions', function () {
  pm.expect(body.data.count).to.be.at.least(1);
  pm.expect(body.data.questions).to.have.lengthOf(body.data.count);
  body.data.questions.forEach(function (q) { pm.expect(q.session).to.exist; });
});`,
      ),
    },
    {
      name: 'List questions of the session',
      method: 'GET',
      path: '/api/v1/question/session/{{sessionId}}',
      query: { page: '1', limit: '50' },
      description: 'Oldest first; filters `difficulty`, `pinned`, `category`, `tag`; paginated.',
      status: 200,
      test: `${success('Questions retrieved successfully')}
const qs = body.data.questions;
pm.test('the generated questions are listed', function () {
  pm.expect(qs).to.be.an('array').with.lengthOf.at.least(5);
  pm.expect(body.count).to.equal(qs.length);
  qs.forEach(function (q) {
    pm.expect(q).to.include.keys('_id', 'question', 'answer', 'difficulty', 'isPinned');
    pm.expect(q.session).to.exist;
  });
});
${set('questionId', 'qs[0]._id')}
${set('regenQuestionId', 'qs[1]._id')}
${set('bulkIds', 'JSON.stringify([qs[2]._id, qs[3]._id])')}
${set('deleteQuestionId', 'qs[4]._id')}`,
    },
    {
      name: 'Get question',
      method: 'GET',
      path: '/api/v1/question/{{questionId}}',
      description: 'One question; its session context is included.',
      status: 200,
      test: `${success('Question retrieved successfully')}
pm.test('data.question', function () {
  pm.expect(body.data.question._id).to.equal(${get('questionId')});
  pm.expect(body.data.question.question).to.be.a('string').and.not.empty;
  pm.expect(body.data.question.session).to.exist;
});`,
    },
    {
      name: 'Add a custom question',
      method: 'POST',
      path: '/api/v1/question/custom',
      description: 'A question of your own (5..2000 characters) with a model answer (10..5000).',
      body: {
        sessionId: '{{sessionId}}',
        question: 'How would you design idempotency keys for a payment API?',
        answer:
          'The client sends a unique key per operation; the server stores the key with the request fingerprint and the response, and replays the stored response for a retry with the same key.',
        difficulty: 'hard',
        category: 'REST & API Design',
        tags: ['payments', 'idempotency'],
      },
      status: 201,
      test: `${success('Custom question added successfully')}
pm.test('the question is stored', function () {
  pm.expect(body.data.question._id).to.be.a('string');
  pm.expect(body.data.question.difficulty).to.equal('hard');
  pm.expect(body.data.question.session).to.exist;
});
${set('customQuestionId', 'body.data.question._id')}`,
    },
    {
      name: 'Update question',
      method: 'PUT',
      path: '/api/v1/question/{{customQuestionId}}',
      description: 'Any of question, answer, notes, difficulty, category, tags.',
      body: { notes: 'Mention the storage TTL of the keys.', tags: ['payments', 'idempotency', 'api'] },
      status: 200,
      test: `${success('Question updated successfully')}
pm.test('notes and tags changed', function () {
  pm.expect(body.data.question.notes).to.equal('Mention the storage TTL of the keys.');
  pm.expect(body.data.question.tags).to.include('api');
});`,
    },
    {
      name: 'Pin a question',
      method: 'PATCH',
      path: '/api/v1/question/{{questionId}}/toggle-pin',
      description: 'Flips the pin.',
      status: 200,
      test: `${success('Question pinned successfully')}
pm.test('it is pinned', function () {
  pm.expect(body.data.isPinned).to.equal(true);
  pm.expect(body.data.question._id).to.equal(${get('questionId')});
});`,
    },
    {
      name: 'Pinned questions of the session',
      method: 'GET',
      path: '/api/v1/question/session/{{sessionId}}/pinned',
      description: 'Pinned only, newest first.',
      status: 200,
      test: `${success()}
pm.test('the pinned question is listed', function () {
  pm.expect(body.data.questions.map(function (q) { return q._id; })).to.include(${get('questionId')});
});`,
    },
    {
      name: 'Session question stats',
      method: 'GET',
      path: '/api/v1/question/session/{{sessionId}}/stats',
      description: 'Totals, pins, difficulty and practice figures.',
      status: 200,
      test: `${success('Statistics retrieved successfully')}
pm.test('the totals', function () {
  pm.expect(body.data.stats.total).to.be.at.least(6);
  pm.expect(body.data.stats.pinned).to.be.at.least(1);
  pm.expect(body.data.stats.unpinned).to.equal(body.data.stats.total - body.data.stats.pinned);
  pm.expect(body.data.session).to.exist;
});`,
    },
    {
      name: 'Regenerate a question',
      method: 'POST',
      path: '/api/v1/question/{{regenQuestionId}}/regenerate',
      description:
        'New question and answer from the AI, keeping pin, notes and difficulty: 200 when the worker is done within REGENERATE_WAIT_MS, otherwise 202 with a job id.',
      status: [200, 202],
      test: `${success()}
if (pm.response.code === 200) {
  pm.test('the same question, new text', function () {
    pm.expect(body.data.question._id).to.equal(${get('regenQuestionId')});
  });
} else {
  pm.test('queued with a job id', function () {
    pm.expect(body.jobId).to.be.a('string');
  });
  ${set('regenJobId', 'body.jobId')}
}`,
    },
    {
      name: 'Delete a question',
      method: 'DELETE',
      path: '/api/v1/question/{{deleteQuestionId}}',
      description: 'Deletes one question.',
      status: 200,
      test: `${success('Question deleted successfully')}
pm.test('the deleted id', function () {
  pm.expect(body.data.deletedId).to.equal(${get('deleteQuestionId')});
});`,
    },
    {
      name: 'Get the deleted question (404)',
      method: 'GET',
      path: '/api/v1/question/{{deleteQuestionId}}',
      description: 'Gone.',
      status: 404,
      test: errorCode('question_not_found'),
    },
  ],
};

const practice: FolderDef = {
  name: 'Practice',
  description: 'Answer a question and get it scored 0-10 by the AI; concept explanations.',
  items: [
    {
      name: 'Submit a practice answer',
      method: 'POST',
      path: '/api/v1/question/{{questionId}}/attempts',
      description: '202: the attempt is the job; poll `GET /api/v1/queue/evaluation/:jobId`.',
      body: {
        answer:
          'The event loop runs callbacks from its queues one at a time; slow work goes to the thread pool or another process so the loop stays free to serve requests.',
      },
      status: 202,
      test: `${success()}
pm.test('queued with a job id', function () {
  pm.expect(body.jobId).to.be.a('string');
  pm.expect(body.checkStatusUrl).to.equal('/api/v1/queue/evaluation/' + body.jobId);
  pm.expect(body.data.attempt._id).to.equal(body.jobId);
});
${set('attemptJobId', 'body.jobId')}`,
    },
    {
      name: 'Poll the answer evaluation',
      method: 'GET',
      path: '/api/v1/queue/evaluation/{{attemptJobId}}',
      description: 'Repeats itself until the score is in.',
      prerequest: pollDelay('evaluationPolls'),
      status: [200, 503],
      test: pollUntilDone(
        'evaluationPolls',
        `pm.test('the answer is scored', function () {
  pm.expect(body.data.attempt.score).to.be.within(0, 10);
  pm.expect(body.data.attempt.feedback).to.be.a('string').and.not.empty;
  pm.expect(body.data.attempt.strengths).to.be.an('array');
  pm.expect(body.data.attempt.improvements).to.be.an('array');
});`,
      ),
    },
    {
      name: 'List attempts',
      method: 'GET',
      path: '/api/v1/question/{{questionId}}/attempts',
      description: 'My attempts at a question, with its mastery.',
      status: 200,
      test: `${success('Attempts retrieved successfully')}
pm.test('the scored attempt is listed', function () {
  pm.expect(body.data.attempts.map(function (a) { return a._id; })).to.include(${get('attemptJobId')});
  pm.expect(body.data).to.have.property('mastery');
});`,
    },
    {
      name: 'Explain the concept',
      method: 'POST',
      path: '/api/v1/question/{{questionId}}/explain',
      description: '200 with the explanation (cached or done in time), or 202 with a job id to poll.',
      status: [200, 202],
      test: `${success()}
if (pm.response.code === 200) {
  pm.test('the explanation', function () {
    pm.expect(body.data.explanation).to.exist;
  });
  pm.collectionVariables.unset('explanationJobId');
} else {
  pm.test('queued with a job id', function () {
    pm.expect(body.jobId).to.be.a('string');
  });
  ${set('explanationJobId', 'body.jobId')}
}`,
    },
    {
      name: 'Explanation job status',
      method: 'GET',
      path: '/api/v1/queue/explanation/{{explanationJobId}}',
      description:
        'Polls the explanation job when one was queued; when the explanation came at once there is no job and a made-up id shows the 404.',
      prerequest: `${placeholderJob('explanationJobId', 'explanationQueued')}
${pollDelay('explanationPolls')}`,
      status: [200, 404],
      test: `if (${get('explanationQueued')} === 'yes') {
  pm.test('status 200 for the queued job', function () {
    pm.response.to.have.status(200);
  });
  ${pollUntilDone(
    'explanationPolls',
    `pm.test('the explanation', function () {
  pm.expect(body.data.explanation).to.exist;
});`,
  )
    .split('\n')
    .join('\n  ')}
} else {
  pm.test('status 404 for an unknown job', function () {
    pm.response.to.have.status(404);
  });
  ${errorCode('job_not_found').split('\n').join('\n  ')}
  pm.collectionVariables.unset('explanationJobId');
}`,
    },
  ],
};

const search: FolderDef = {
  name: 'Search',
  description: 'Fuzzy text search across all my questions, with filters; `q` is text, never a regex.',
  items: [
    {
      name: 'Search questions',
      method: 'GET',
      path: '/api/v1/question/search',
      query: { q: 'idempotency', limit: '10' },
      description: 'Results carry their session (`session` id; context in `sessionSummary`).',
      status: 200,
      test: `${success('Search completed successfully')}
pm.test('the custom question is found', function () {
  pm.expect(body.data.searchQuery).to.equal('idempotency');
  pm.expect(body.data.questions.map(function (q) { return q._id; })).to.include(${get('customQuestionId')});
  body.data.questions.forEach(function (q) { pm.expect(q.session).to.exist; });
  pm.expect(body.pagination).to.include.keys('page', 'limit', 'total', 'pages');
});`,
    },
    {
      name: 'Search with filters',
      method: 'GET',
      path: '/api/v1/question/search',
      query: { sessionId: '{{sessionId}}', pinned: 'true' },
      description:
        'Filters alone are a search too: `sessionId, difficulty, pinned, tags, category, from, to`.',
      status: 200,
      test: `${success()}
pm.test('the pinned question of the session', function () {
  const ids = body.data.questions.map(function (q) { return q._id; });
  pm.expect(ids).to.include(${get('questionId')});
  body.data.questions.forEach(function (q) { pm.expect(q.isPinned).to.equal(true); });
});`,
    },
    {
      name: 'Search without a query (400)',
      method: 'GET',
      path: '/api/v1/question/search',
      description: 'Text or at least one filter is required.',
      status: 400,
      test: errorCode('validation_error'),
    },
  ],
};

const exportsFolder: FolderDef = {
  name: 'Exports',
  description: 'PDF, CSV or DOCX of a session, rendered by the worker; files expire after EXPORT_TTL_HOURS.',
  items: [
    {
      name: 'Export the session as PDF',
      method: 'POST',
      path: '/api/v1/export/export/{{sessionId}}',
      query: { format: 'pdf' },
      description: '202 with the job; poll `GET /api/v1/export/status/:jobId`.',
      status: 202,
      test: `${success('Export queued successfully')}
pm.test('queued with a job id', function () {
  pm.expect(body.jobId).to.be.a('string');
  pm.expect(body.checkStatusUrl).to.equal('/api/v1/export/status/' + body.jobId);
});
${set('exportJobId', 'body.jobId')}`,
    },
    {
      name: 'Poll the export',
      method: 'GET',
      path: '/api/v1/export/status/{{exportJobId}}',
      description: 'Repeats itself until the file is ready; then `downloadUrl` is given.',
      prerequest: pollDelay('exportPolls'),
      status: [200, 503],
      test: pollUntilDone(
        'exportPolls',
        `pm.test('the download link', function () {
  pm.expect(body.downloadUrl).to.match(/^\\/api\\/v1\\/export\\/download\\/[^/]+$/);
  pm.expect(body.format).to.equal('pdf');
});
${set('downloadUrl', 'body.downloadUrl')}
${set('exportFilename', "body.downloadUrl.split('/').pop()")}`,
      ),
    },
    {
      name: 'Download the PDF',
      method: 'GET',
      path: '/api/v1/export/download/{{exportFilename}}',
      description: 'The file (`{{downloadUrl}}`), for its owner only.',
      status: 200,
      json: false,
      test: `pm.test('a PDF attachment', function () {
  pm.expect(pm.response.headers.get('Content-Type')).to.include('application/pdf');
  pm.expect(pm.response.headers.get('Content-Disposition')).to.include('attachment');
  pm.expect(pm.response.stream.slice(0, 4).toString()).to.equal('%PDF');
});`,
    },
    {
      name: 'List my exports',
      method: 'GET',
      path: '/api/v1/export',
      description: 'With status and expiry.',
      status: 200,
      test: `${success('Exports retrieved successfully')}
pm.test('the export is listed', function () {
  pm.expect(JSON.stringify(body.data.exports)).to.include(${get('exportJobId')});
});`,
    },
    {
      name: 'Export with an unknown format (400)',
      method: 'POST',
      path: '/api/v1/export/export/{{sessionId}}',
      query: { format: 'xls' },
      description: 'Formats: pdf, csv, docx.',
      status: 400,
      test: errorCode('validation_error'),
    },
  ],
};

const queue: FolderDef = {
  name: 'Queue',
  description: 'Job status by kind, or any of my jobs by id.',
  items: [
    {
      name: 'Any job status',
      method: 'GET',
      path: '/api/v1/queue/job/{{attemptJobId}}',
      description: 'Any of my jobs, whatever its kind (here the answer evaluation).',
      status: 200,
      test: `${success()}
pm.test('the finished evaluation', function () {
  pm.expect(body.jobId).to.equal(${get('attemptJobId')});
  pm.expect(body.type).to.equal('answer-evaluation');
  pm.expect(body.status).to.equal('completed');
  pm.expect(body.progress).to.equal(100);
});`,
    },
    {
      name: 'Export job status (queue path)',
      method: 'GET',
      path: '/api/v1/queue/export/{{exportJobId}}',
      description: 'Same answer as `GET /api/v1/export/status/:jobId`.',
      status: 200,
      test: `${success()}
pm.test('the finished export', function () {
  pm.expect(body.status).to.equal('completed');
  pm.expect(body.downloadUrl).to.equal(${get('downloadUrl')});
});`,
    },
    {
      name: 'Generation job status',
      method: 'GET',
      path: '/api/v1/queue/question/{{jobId}}',
      description:
        'The generation job of this run; when generation was served from the cache there is none and a made-up id shows the 404.',
      prerequest: placeholderJob('jobId', 'generationQueued'),
      status: [200, 404],
      test: `if (${get('generationQueued')} === 'yes') {
  pm.test('status 200, completed', function () {
    pm.response.to.have.status(200);
    pm.expect(body.status).to.equal('completed');
    pm.expect(body.type).to.equal('question-generation');
  });
} else {
  pm.test('status 404 for an unknown job', function () {
    pm.response.to.have.status(404);
  });
  ${errorCode('job_not_found').split('\n').join('\n  ')}
}`,
    },
    {
      name: 'Unknown job (404)',
      method: 'GET',
      path: `/api/v1/queue/job/${NOBODY}`,
      description: 'Jobs of other users are not found either.',
      status: 404,
      test: errorCode('job_not_found'),
    },
  ],
};

const analytics: FolderDef = {
  name: 'Analytics',
  description: 'My progress, per session, and trending topics.',
  items: [
    {
      name: 'User analytics',
      method: 'GET',
      path: '/api/v1/analytics/user',
      description: 'Totals, recent sessions, practice figures (average score, mastery, activity).',
      status: 200,
      test: `${success('User analytics retrieved successfully')}
pm.test('the totals', function () {
  pm.expect(body.data.totalSessions).to.be.at.least(1);
  pm.expect(body.data.totalQuestions).to.be.at.least(1);
  pm.expect(body.data).to.include.keys('pinnedQuestions', 'averageQuestionsPerSession', 'recentSessions');
  pm.expect(body.data.averageScore).to.be.a('number');
});`,
    },
    {
      name: 'Session analytics',
      method: 'GET',
      path: '/api/v1/analytics/session/{{sessionId}}',
      description: 'One session: difficulty breakdown, answer length, practice figures.',
      status: 200,
      test: `${success('Session analytics retrieved successfully')}
pm.test('the session figures', function () {
  pm.expect(String(body.data.sessionId)).to.equal(${get('sessionId')});
  pm.expect(body.data.difficultyBreakdown).to.include.keys('easy', 'medium', 'hard');
  pm.expect(body.data.totalQuestions).to.be.at.least(1);
});`,
    },
    {
      name: 'Trending topics',
      method: 'GET',
      path: '/api/v1/analytics/trending',
      query: { limit: '5' },
      public: true,
      description: 'Topics asked for over the last 7 days (no login needed).',
      status: 200,
      test: `${success('Trending topics retrieved successfully')}
pm.test('topics with counts', function () {
  pm.expect(body.data.topics).to.be.an('array');
  pm.expect(body.count).to.equal(body.data.topics.length);
  body.data.topics.forEach(function (t) { pm.expect(t).to.include.keys('topic', 'count'); });
});`,
    },
  ],
};

const notifications: FolderDef = {
  name: 'Notifications',
  description:
    'History of job notifications (the last 100); live delivery is the socket.io `notification` event.',
  items: [
    {
      name: 'List notifications',
      method: 'GET',
      path: '/api/v1/notifications',
      query: { limit: '20' },
      description: 'Newest first, with `unreadCount`.',
      status: 200,
      test: `${success('Notifications retrieved successfully')}
const list = body.data.notifications;
pm.test('the finished jobs were notified', function () {
  pm.expect(list).to.be.an('array').that.is.not.empty;
  pm.expect(body.data.unreadCount).to.be.at.least(1);
  list.forEach(function (n) {
    pm.expect(n).to.include.keys('id', 'type', 'jobType', 'jobId', 'message', 'timestamp', 'read');
  });
  pm.expect(list.map(function (n) { return n.jobId; })).to.include(${get('exportJobId')});
});
if (list.length) ${set('notificationId', 'list[0].id')}`,
    },
    {
      name: 'Mark one notification read',
      method: 'POST',
      path: '/api/v1/notifications/read',
      description: '`{notificationIds: [...]}`.',
      body: '{ "notificationIds": ["{{notificationId}}"] }',
      status: 200,
      test: `${success('Notifications marked as read')}
pm.test('one marked', function () {
  pm.expect(body.data.marked).to.equal(1);
});`,
    },
    {
      name: 'Mark all notifications read',
      method: 'POST',
      path: '/api/v1/notifications/read',
      description: '`{all: true}`.',
      body: { all: true },
      status: 200,
      test: success('Notifications marked as read'),
    },
    {
      name: 'Clear notifications',
      method: 'DELETE',
      path: '/api/v1/notifications/clear',
      description: 'Removes all of my notifications.',
      status: 200,
      test: success('All notifications cleared'),
    },
  ],
};

const bulk: FolderDef = {
  name: 'Bulk',
  description:
    'Multi-select actions (1..500 ids). Ids that do not exist or are not mine fail with reason `not_found`.',
  items: [
    {
      name: 'Bulk set difficulty',
      method: 'POST',
      path: '/api/v1/bulk/difficulty',
      description: '`modifiedCount` at the top level, details in `data.results`.',
      body: '{ "questionIds": {{bulkIds}}, "difficulty": "hard" }',
      status: 200,
      test: `${success()}
pm.test('both succeeded (modifiedCount counts those that were not hard yet)', function () {
  pm.expect(body.modifiedCount).to.be.within(0, 2);
  pm.expect(body.data.results).to.include({ requested: 2, succeeded: 2, failed: 0 });
});`,
    },
    {
      name: 'Bulk pin',
      method: 'POST',
      path: '/api/v1/bulk/toggle-pin',
      description: 'Sets (not flips) the pin.',
      body: '{ "questionIds": {{bulkIds}}, "isPinned": true }',
      status: 200,
      test: `${success('Successfully pinned 2 questions')}
pm.test('both pinned', function () {
  pm.expect(body.modifiedCount).to.equal(2);
});`,
    },
    {
      name: 'Bulk delete (one id is not mine)',
      method: 'POST',
      path: '/api/v1/bulk/delete',
      description: 'Deletes mine, reports the rest.',
      prerequest: `${set('bulkDeleteIds', `JSON.stringify(JSON.parse(${get('bulkIds')}).concat(['${NOBODY}']))`)}`,
      body: '{ "questionIds": {{bulkDeleteIds}} }',
      status: 200,
      test: `${success('Successfully deleted 2 questions')}
pm.test('two deleted, one not found', function () {
  pm.expect(body.deletedCount).to.equal(2);
  pm.expect(body.data.results).to.include({ requested: 3, succeeded: 2, failed: 1 });
  pm.expect(body.data.results.failures).to.eql([{ id: '${NOBODY}', reason: 'not_found' }]);
});`,
    },
  ],
};

const templates: FolderDef = {
  name: 'Templates',
  description: 'Reusable session settings: share them, make them public, apply them to start a session.',
  items: [
    {
      name: 'Create template',
      method: 'POST',
      path: '/api/v1/templates',
      description: 'Name, role, experience, topics; optional question count and difficulty mix.',
      prerequest: set('templateName', "'Backend screen ' + Date.now().toString(36)"),
      body: {
        name: '{{templateName}}',
        description: 'Node.js and MongoDB screening',
        role: 'Backend Developer',
        experience: 'senior',
        topicsToFocus: ['Node.js', 'MongoDB'],
        questionCount: 3,
        difficultyMix: { easy: 20, medium: 50, hard: 30 },
      },
      status: 201,
      test: `${success('Template created successfully')}
pm.test('the template', function () {
  pm.expect(body.data.template._id).to.be.a('string');
  pm.expect(body.data.template.name).to.equal(${get('templateName')});
});
${set('templateId', 'body.data.template._id')}`,
    },
    {
      name: 'List my templates',
      method: 'GET',
      path: '/api/v1/templates',
      description: 'Mine and those shared with me; paginated.',
      status: 200,
      test: `${success('Templates retrieved successfully')}
pm.test('the new template is listed', function () {
  pm.expect(body.data.templates.map(function (t) { return t._id; })).to.include(${get('templateId')});
});`,
    },
    {
      name: 'Get template',
      method: 'GET',
      path: '/api/v1/templates/{{templateId}}',
      description: 'One template.',
      status: 200,
      test: `${success('Template retrieved successfully')}
pm.test('data.template', function () {
  pm.expect(body.data.template._id).to.equal(${get('templateId')});
});`,
    },
    {
      name: 'Update template',
      method: 'PUT',
      path: '/api/v1/templates/{{templateId}}',
      description: 'Any of its fields.',
      body: { description: 'Node.js, MongoDB and system design', questionCount: 4 },
      status: 200,
      test: `${success('Template updated successfully')}
pm.test('changed', function () {
  pm.expect(body.data.template.questionCount).to.equal(4);
});`,
    },
    {
      name: 'Make the template public',
      method: 'POST',
      path: '/api/v1/templates/{{templateId}}/share',
      description: '`{isPublic}` or `{email}` (share with one person).',
      body: { isPublic: true },
      status: 200,
      test: `${success('Template is now public')}
pm.test('public', function () {
  pm.expect(body.data.template.isPublic).to.equal(true);
});`,
    },
    {
      name: 'Public templates',
      method: 'GET',
      path: '/api/v1/templates/public',
      description: "Everyone's public templates.",
      status: 200,
      test: `${success('Public templates retrieved successfully')}
pm.test('a list', function () {
  pm.expect(body.data.templates).to.be.an('array');
  pm.expect(body.pagination).to.include.keys('page', 'limit', 'total', 'pages');
});`,
    },
    {
      name: 'Apply the template',
      method: 'POST',
      path: '/api/v1/templates/{{templateId}}/apply',
      description:
        'Creates a session from it; `{generate: true}` also generates its questions (201 cached / 202 job).',
      body: { generate: false },
      status: 201,
      test: `${success('Session created from template')}
pm.test('a new session with the template settings', function () {
  pm.expect(body.data.session._id).to.be.a('string');
  pm.expect(body.data.session.experience).to.equal('senior');
});
${set('templateSessionId', 'body.data.session._id')}`,
    },
    {
      name: 'Delete template',
      method: 'DELETE',
      path: '/api/v1/templates/{{templateId}}',
      description: 'Sessions created from it stay.',
      status: 200,
      test: `${success('Template deleted successfully')}
pm.test('the deleted id', function () {
  pm.expect(body.data.deletedId).to.equal(${get('templateId')});
});`,
    },
  ],
};

const usageMeta: FolderDef = {
  name: 'Usage/Meta',
  description: 'AI quota and the choices a frontend needs for its forms.',
  items: [
    {
      name: 'AI usage today',
      method: 'GET',
      path: '/api/v1/user/usage',
      description: 'Daily AI quota used and left (answers from the generation cache do not count).',
      status: 200,
      test: `${success('AI usage retrieved successfully')}
pm.test('used, limit, remaining', function () {
  pm.expect(body.data.used).to.be.at.least(1);
  pm.expect(body.data.limit).to.be.a('number');
  pm.expect(body.data.remaining).to.equal(Math.max(0, body.data.limit - body.data.used));
  pm.expect(body.data.resetsAt).to.be.a('string');
});`,
    },
    {
      name: 'Form options',
      method: 'GET',
      path: '/api/v1/meta/options',
      public: true,
      description: 'Roles, experience levels, statuses, difficulties, export formats, offline-bank topics.',
      status: 200,
      test: `${success('Options retrieved successfully')}
pm.test('the choices', function () {
  pm.expect(body.data.experienceLevels).to.include('mid-level');
  pm.expect(body.data.difficulties).to.eql(['easy', 'medium', 'hard']);
  pm.expect(body.data.exportFormats).to.include('pdf');
  pm.expect(body.data.roles).to.include('Backend Developer');
  pm.expect(body.data.topics).to.include('Node.js');
});`,
    },
  ],
};

const ops: FolderDef = {
  name: 'Ops',
  description:
    'API info, liveness, readiness, metrics, the OpenAPI document; admin routes need role `admin`.',
  items: [
    {
      name: 'API info',
      method: 'GET',
      path: '/',
      public: true,
      description: 'Name, version and the main paths.',
      status: 200,
      test: `pm.test('Interview Prep API, running', function () {
  pm.expect(body.message).to.equal('Interview Prep API');
  pm.expect(body.status).to.equal('Running');
  pm.expect(body.endpoints.health).to.equal('/health');
});`,
    },
    {
      name: 'Health (liveness)',
      method: 'GET',
      path: '/health',
      public: true,
      description: '200 while the process can serve; dependency state in the body.',
      status: 200,
      test: `pm.test('status and dependencies', function () {
  pm.expect(body.status).to.be.oneOf(['OK', 'DEGRADED']);
  pm.expect(body.database).to.include.keys('status', 'connected');
  pm.expect(body.redis).to.include.keys('status', 'connected');
});`,
    },
    {
      name: 'Readiness',
      method: 'GET',
      path: '/ready',
      public: true,
      description: '503 while MongoDB, Redis or a queue is down.',
      status: 200,
      test: `pm.test('ready', function () {
  pm.expect(body.status).to.equal('ready');
});`,
    },
    {
      name: 'Prometheus metrics',
      method: 'GET',
      path: '/metrics',
      public: true,
      json: false,
      description:
        'Open to everyone in development; with METRICS_TOKEN set (always in production) send `Authorization: Bearer <METRICS_TOKEN>`, else 401.',
      status: [200, 401],
      test: `if (pm.response.code === 200) {
  pm.test('Prometheus text', function () {
    pm.expect(pm.response.text()).to.include('http_request_duration_seconds');
  });
} else {
  pm.test('the metrics token is required', function () {
    pm.expect(pm.response.json().code).to.equal('metrics_token_required');
  });
}`,
    },
    {
      name: 'OpenAPI document',
      method: 'GET',
      path: '/openapi.json',
      public: true,
      description: 'The OpenAPI 3.1 document (Swagger UI at /api-docs).',
      status: 200,
      test: `pm.test('OpenAPI 3.1 with the API paths', function () {
  pm.expect(body.openapi).to.equal('3.1.0');
  pm.expect(body.paths).to.have.property('/api/v1/session/create');
});`,
    },
    {
      name: 'Swagger UI',
      method: 'GET',
      path: '/api-docs',
      public: true,
      json: false,
      description:
        'Interactive documentation (served in development; in production only with API_DOCS=true).',
      status: 200,
      test: `pm.test('the Swagger UI page', function () {
  pm.expect(pm.response.text()).to.include('swagger-ui');
});`,
    },
    {
      name: 'Admin: list users (403 for a normal user)',
      method: 'GET',
      path: '/api/v1/admin/users',
      description: 'Admins only (`npm run user:promote -- <email>`).',
      status: 403,
      test: errorCode('forbidden'),
    },
    {
      name: 'Admin: update a user (403 for a normal user)',
      method: 'PATCH',
      path: '/api/v1/admin/users/{{userId}}',
      description: 'Disable an account or change its role (admins only).',
      body: { role: 'admin' },
      status: 403,
      test: errorCode('forbidden'),
    },
    {
      name: 'Admin: stats (403 for a normal user)',
      method: 'GET',
      path: '/api/v1/admin/stats',
      description: 'Users, sessions, questions, queues, cache hit rate, AI use (admins only).',
      status: 403,
      test: errorCode('forbidden'),
    },
  ],
};

const cleanup: FolderDef = {
  name: 'Cleanup',
  description: 'Deletes what the run created, then the account.',
  items: [
    {
      name: 'Delete the export',
      method: 'DELETE',
      path: '/api/v1/export/{{exportJobId}}',
      description: 'The file and its record.',
      status: 200,
      test: `${success('Export deleted successfully')}
pm.test('the deleted id', function () {
  pm.expect(body.data.deletedId).to.equal(${get('exportJobId')});
});`,
    },
    {
      name: "Delete the template's session",
      method: 'DELETE',
      path: '/api/v1/session/{{templateSessionId}}',
      description: 'Deletes a session and everything under it.',
      status: 200,
      test: success(),
    },
    {
      name: 'Delete the session',
      method: 'DELETE',
      path: '/api/v1/session/{{sessionId}}',
      description: 'Questions, attempts, exports and caches go with it.',
      status: 200,
      test: success(),
    },
    {
      name: 'Get the deleted session (404)',
      method: 'GET',
      path: '/api/v1/session/{{sessionId}}',
      description: 'Gone.',
      status: 404,
      test: errorCode('session_not_found'),
    },
    {
      name: 'Delete the account',
      method: 'DELETE',
      path: '/api/v1/user/profile',
      description: 'Deletes the account and all its data; the password confirms it.',
      body: { password: '{{password}}' },
      status: 200,
      test: success('Account deleted successfully'),
    },
    {
      name: 'Profile after account deletion (401)',
      method: 'GET',
      path: '/api/v1/user/profile',
      description: 'The token died with the account.',
      status: 401,
      test: errorCode(['token_revoked', 'invalid_token', 'unauthenticated']),
    },
  ],
};

export const FOLDERS: FolderDef[] = [
  auth,
  sessions,
  questions,
  practice,
  search,
  exportsFolder,
  queue,
  analytics,
  notifications,
  bulk,
  templates,
  usageMeta,
  ops,
  cleanup,
];

// ---------------------------------------------------------------------------------------------
// Collection v2.1

const lines = (src: string) => src.split('\n');

function statusAssertion(status: number | number[]): string {
  return Array.isArray(status)
    ? `pm.test('status is ${status.join(' or ')}', function () {
  pm.expect(pm.response.code).to.be.oneOf(${JSON.stringify(status)});
});`
    : `pm.test('status is ${status}', function () {
  pm.response.to.have.status(${status});
});`;
}

function testScript(r: RequestDef): string {
  const parse =
    r.json === false
      ? ''
      : `\nlet body = {};
pm.test('a JSON body', function () {
  body = pm.response.json();
});`;
  return `${statusAssertion(r.status)}${parse}${r.test ? `\n${r.test}` : ''}`;
}

function toItem(r: RequestDef) {
  const segments = r.path.split('/').filter(Boolean);
  const query = Object.entries(r.query ?? {}).map(([key, value]) => ({ key, value }));
  const qs = query.length ? `?${query.map((q) => `${q.key}=${q.value}`).join('&')}` : '';
  const body =
    r.body === undefined
      ? undefined
      : {
          mode: 'raw',
          raw: typeof r.body === 'string' ? r.body : JSON.stringify(r.body, null, 2),
          options: { raw: { language: 'json' } },
        };
  const event = [
    ...(r.prerequest
      ? [{ listen: 'prerequest', script: { type: 'text/javascript', exec: lines(r.prerequest) } }]
      : []),
    { listen: 'test', script: { type: 'text/javascript', exec: lines(testScript(r)) } },
  ];
  return {
    name: r.name,
    event,
    request: {
      ...(r.public ? { auth: { type: 'noauth' } } : {}),
      method: r.method,
      header: body ? [{ key: 'Content-Type', value: 'application/json' }] : [],
      ...(body ? { body } : {}),
      url: {
        raw: `{{baseUrl}}${r.path === '/' ? '/' : `/${segments.join('/')}`}${qs}`,
        host: ['{{baseUrl}}'],
        path: segments.length ? segments : [''],
        ...(query.length ? { query } : {}),
      },
      description: r.description,
    },
    response: [],
  };
}

export function buildCollection() {
  return {
    info: {
      name: 'IntervAI API',
      description: [
        'The IntervAI REST API as one walkthrough: run the collection top to bottom against a fresh server (`npm start`, offline AI provider) and every request checks its answer.',
        '',
        '- `{{baseUrl}}` defaults to http://localhost:8000 (set it in an environment to point elsewhere).',
        '- Each run registers a new account (unique email) and ends by deleting it.',
        '- Ids are captured from responses into collection variables (`token`, `sessionId`, `questionId`, `jobId`, `attemptJobId`, `exportJobId`, `downloadUrl`, ...).',
        '- Generation, evaluation and export jobs are polled: the status request repeats itself (pm.execution.setNextRequest) until the job is completed, at most 60 times.',
        '- A run makes about 90 requests: the default general limit (300 requests / 15 min per IP) allows three runs in a row.',
        '',
        'Generated by `npm run postman:build` from scripts/postman.ts; run it with `npm run postman` (newman).',
      ].join('\n'),
      schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    },
    auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{token}}', type: 'string' }] },
    variable: [
      { key: 'baseUrl', value: DEFAULT_BASE_URL, type: 'string' },
      { key: 'otp', value: '000000', type: 'string' },
      { key: 'token', value: '', type: 'string' },
    ],
    item: FOLDERS.map((f) => ({ name: f.name, description: f.description, item: f.items.map(toItem) })),
  };
}

async function writeCollection(): Promise<void> {
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(COLLECTION_FILE)) ?? {};
  const text = await prettier.format(JSON.stringify(buildCollection()), { ...options, parser: 'json' });
  fs.mkdirSync(path.dirname(COLLECTION_FILE), { recursive: true });
  fs.writeFileSync(COLLECTION_FILE, text);
  console.log(`wrote ${path.relative(process.cwd(), COLLECTION_FILE)}`);
}

async function runCollection(baseUrl: string): Promise<void> {
  const newman = await import('newman');
  console.log(`running the collection against ${baseUrl}`);
  await new Promise<void>((resolve, reject) => {
    newman.run(
      {
        collection: COLLECTION_FILE,
        envVar: [{ key: 'baseUrl', value: baseUrl }],
        reporters: ['cli'],
      },
      (err, summary) => {
        if (err) return reject(err);
        const failures = summary.run.failures.length;
        if (failures) return reject(new Error(`${failures} assertion(s) failed`));
        resolve();
      },
    );
  });
}

if (require.main === module) {
  const command = process.argv[2];
  const job =
    command === 'build'
      ? writeCollection()
      : command === 'run'
        ? runCollection(process.env.BASE_URL ?? DEFAULT_BASE_URL)
        : Promise.reject(new Error('usage: tsx scripts/postman.ts build|run'));
  job.catch((err: Error) => {
    console.error(err.message);
    process.exitCode = 1;
  });
}
