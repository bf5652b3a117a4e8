import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import newman, { type NewmanRunSummary } from 'newman';
import { bootAuthApp, useApp } from './auth.helpers';

/**
 * The API's non-browser clients, end to end against the real app on a real port (HTTP → Bull → the real
 * processors → GridFS, offline AI provider, SMTP capture): the Postman collection run by newman, and the
 * curl walkthrough script. Both register their own account, so they share one app.
 */
const t = useApp(() =>
  bootAuthApp({
    // Both clients poll job status without pause limits of their own; limits have their own tests.
    RATE_LIMIT_GENERAL_MAX: '100000',
    RATE_LIMIT_AI_MAX: '1000',
  }),
);

let server: http.Server;
let baseUrl: string;

beforeAll(async () => {
  server = http.createServer(t.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const ROOT = path.join(__dirname, '..', '..');
const COLLECTION = path.join(ROOT, 'docs', 'postman', 'intervai.postman_collection.json');
const WALKTHROUGH = path.join(ROOT, 'docs', 'curl', 'walkthrough.sh');

function runCollection(): Promise<NewmanRunSummary> {
  return new Promise((resolve, reject) => {
    newman.run(
      {
        collection: JSON.parse(fs.readFileSync(COLLECTION, 'utf8')),
        envVar: [{ key: 'baseUrl', value: baseUrl }],
        reporters: process.env.NEWMAN_CLI ? ['cli'] : [],
        timeoutRequest: 15_000,
      },
      (err, summary) => (err ? reject(err) : resolve(summary)),
    );
  });
}

interface WalkthroughResult {
  code: number;
  stdout: string;
  stderr: string;
}

function runWalkthrough(): Promise<WalkthroughResult> {
  return new Promise((resolve) => {
    execFile(
      'bash',
      [WALKTHROUGH],
      { env: { ...process.env, BASE_URL: baseUrl }, timeout: 100_000 },
      (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

// Both clients run at once, each with its own account (they wait on jobs most of the time); each test
// then checks its own run.
let collectionRun: Promise<NewmanRunSummary>;
let walkthroughRun: Promise<WalkthroughResult>;
beforeAll(() => {
  collectionRun = runCollection();
  walkthroughRun = runWalkthrough();
  // Reported by the test that awaits it, not as an unhandled rejection.
  collectionRun.catch(() => undefined);
});

/** One line per failed assertion: which request, which test, why. */
const describeFailures = (summary: NewmanRunSummary) =>
  summary.run.failures.map(
    (f) => `${f.source?.name ?? '?'} › ${(f.error as { test?: string }).test ?? ''}: ${f.error.message}`,
  );

describe('Postman collection (newman)', () => {
  it('runs top to bottom against a fresh server with no failed assertion', async () => {
    const summary = await collectionRun;
    expect(describeFailures(summary)).toEqual([]);
    const names = summary.run.executions.map((e) => e.item.name);
    // The walkthrough really went through the job flows and ended with the account deletion.
    expect(names).toEqual(
      expect.arrayContaining([
        'Generate questions',
        'Poll the answer evaluation',
        'Poll the export',
        'Download the PDF',
        'Delete the account',
      ]),
    );
    expect(names[names.length - 1]).toBe('Profile after account deletion (401)');
    expect(summary.run.stats.assertions.total).toBeGreaterThan(200);
    expect(summary.run.stats.assertions.failed).toBe(0);
  }, 150_000);
});

describe('curl walkthrough (docs/curl/walkthrough.sh)', () => {
  it('runs every step and exits 0', async () => {
    const { code, stdout, stderr } = await walkthroughRun;
    expect({ code, stderr: code ? stderr : '' }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain('%PDF');
    expect(stdout).toMatch(/score \d+(\.\d+)?\/10/);
    expect(stdout).toContain('walkthrough complete');
    if (process.env.WALKTHROUGH_LOG) console.log(stdout);
  }, 150_000);
});
