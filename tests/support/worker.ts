import { registerAllProcessors } from '../../src/start-worker';

/**
 * Runs the real Bull processors inside the test process, against the same Redis (this file's Bull prefix)
 * and database as the app under test. Queues are closed by `TestApp.close()`.
 */
export function startTestWorker(concurrency = 2): void {
  registerAllProcessors(concurrency);
}
