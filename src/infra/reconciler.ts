import { config } from '../config';
import type { JobRecordKind } from './job-records';
import { logger } from './logger';
import { metrics } from './metrics';
import { getQueue, queueAttempts } from './queues';

/**
 * Job reconciler (runs in the worker, at start and every RECONCILE_INTERVAL_MS): a job record that is
 * still waiting or active in MongoDB must have a live job in the queue. When Redis lost the job (a restart
 * without persistence, a failover) or the queue failed it without the record hearing of it, the record
 * is repaired: enqueued again under the same id (jobs are idempotent) or, when its attempts are used up,
 * failed with exactly one notice. Several workers may reconcile at once: re-adding a job id is a no-op
 * for Bull and failing is idempotent.
 */
export type RepairAction = 'requeued' | 'failed';
export interface Repair {
  kind: string;
  id: string;
  action: RepairAction;
  reason: string;
}

const LIVE = new Set(['waiting', 'active', 'delayed', 'paused']);
const BATCH = 500;

export const LOST_JOB_MESSAGE = 'The job was lost by the queue and could not be retried';

async function reconcileKind(kind: JobRecordKind, before: Date): Promise<Repair[]> {
  const queue = getQueue(kind.queue);
  const maxAttempts = queueAttempts(kind.queue);
  const repairs: Repair[] = [];
  for (const rec of await kind.findOpen(before, BATCH)) {
    const job = await queue.getJob(rec.id);
    const state = job ? await job.getState() : 'missing';
    if (LIVE.has(state)) continue;
    if (state === 'failed') {
      if (await kind.fail(rec.id, job?.failedReason || 'The job failed'))
        repairs.push({ kind: kind.kind, id: rec.id, action: 'failed', reason: 'failed in queue' });
      continue;
    }
    if (rec.attempts >= maxAttempts) {
      if (await kind.fail(rec.id, LOST_JOB_MESSAGE))
        repairs.push({ kind: kind.kind, id: rec.id, action: 'failed', reason: `${state}, attempts used` });
      continue;
    }
    // Missing, or a leftover that blocks its id (`completed` without the record finishing, `stuck`).
    if (job) await job.remove();
    await queue.add(rec.data, { jobId: rec.id });
    repairs.push({ kind: kind.kind, id: rec.id, action: 'requeued', reason: state });
  }
  return repairs;
}

/** One pass over every kind; returns what it repaired. */
export async function reconcileJobs(
  kinds: readonly JobRecordKind[],
  now = Date.now(),
  graceMs = config.reliability.reconcileGraceMs,
): Promise<Repair[]> {
  const before = new Date(now - graceMs);
  const repairs: Repair[] = [];
  for (const kind of kinds) {
    try {
      repairs.push(...(await reconcileKind(kind, before)));
    } catch (err) {
      // Redis or MongoDB down: the next pass tries again.
      logger.warn('job reconciliation failed', { kind: kind.kind, error: (err as Error).message });
    }
  }
  for (const r of repairs) {
    metrics.reconcilerRepairs.inc({ kind: r.kind, action: r.action });
    logger.warn('job record repaired', { ...r });
  }
  return repairs;
}

/** Runs at once and then every `intervalMs`; returns a stop function (waits for a pass in progress). */
export function startReconciler(
  kinds: readonly JobRecordKind[],
  intervalMs = config.reliability.reconcileIntervalMs,
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    running = reconcileJobs(kinds).finally(() => {
      if (!stopped) timer = setTimeout(tick, intervalMs).unref();
    });
  };
  let timer = setTimeout(tick, 0).unref();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running.catch(() => undefined);
  };
}
