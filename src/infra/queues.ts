import Bull, { type Job, type JobOptions, type Queue } from 'bull';
import type Redis from 'ioredis';
import { config } from '../config';
import { createRedisClient } from './redis';
import { logContext, logger } from './logger';
import { metrics } from './metrics';
import { DependencyError } from './dependencies';

export const QUEUE_NAMES = [
  'question-generation',
  'answer-evaluation',
  'export-generation',
  'email-notifications',
] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** Every job payload carries who asked and which request asked (for logs and ownership). */
export interface BaseJobData {
  userId: string;
  requestId?: string;
}

// Retention keeps Redis bounded; job status that must outlive it is stored in MongoDB by the feature.
const DEFAULT_JOB_OPTIONS: Record<QueueName, JobOptions> = {
  'question-generation': { attempts: 3, backoff: { type: 'smart', delay: 2000 }, timeout: 120_000 },
  'answer-evaluation': { attempts: 3, backoff: { type: 'smart', delay: 2000 }, timeout: 60_000 },
  'export-generation': { attempts: 3, backoff: { type: 'smart', delay: 3000 }, timeout: 120_000 },
  'email-notifications': { attempts: 5, backoff: { type: 'smart', delay: 5000 }, timeout: 30_000 },
};
const RETENTION = { removeOnComplete: { age: 24 * 3600, count: 1000 }, removeOnFail: { age: 7 * 24 * 3600 } };

/** Errors may say how long to wait (AI 429 `retry-after`) or that retrying is pointless. */
export interface RetryHints {
  retryable?: boolean;
  retryAfterMs?: number;
}

/** Backoff: honour an error's `retryAfterMs`, else exponential from the queue's base delay (capped). */
export function smartBackoff(attemptsMade: number, err: Error & RetryHints, baseDelay = 2000): number {
  if (typeof err?.retryAfterMs === 'number' && err.retryAfterMs >= 0)
    return Math.min(err.retryAfterMs, 120_000);
  return Math.min(baseDelay * 2 ** Math.max(0, attemptsMade - 1), 60_000);
}

const queues = new Map<QueueName, Queue>();
let shared: { client?: Redis; subscriber?: Redis } = {};
const blockingClients = new Set<Redis>();

function createQueue(name: QueueName): Queue {
  const baseDelay = Number((DEFAULT_JOB_OPTIONS[name].backoff as { delay?: number })?.delay ?? 2000);
  return new Bull(name, {
    prefix: config.redis.bullPrefix,
    // Bull needs three kinds of connection; `client` and `subscriber` can be shared between queues.
    createClient(type) {
      // Named connections: CLIENT LIST on the Redis server tells which process and role each one is.
      const options = {
        maxRetriesPerRequest: null,
        enableReadyCheck: false,
        connectionName: `${config.redis.bullPrefix}:${type}`,
      };
      if (type === 'client') return (shared.client ??= createRedisClient(options));
      if (type === 'subscriber') return (shared.subscriber ??= createRedisClient(options));
      // Bull does not track connections made by a custom createClient, so the blocking ones are
      // remembered here and closed in closeQueues (otherwise they keep the process alive). They stay
      // in the set after an 'end': queue.close() ends the blocking client to abort its BRPOPLPUSH and
      // then connects it again, so only closeQueues may forget it.
      const blocking = createRedisClient(options);
      blockingClients.add(blocking);
      return blocking;
    },
    defaultJobOptions: { ...DEFAULT_JOB_OPTIONS[name], ...RETENTION },
    settings: {
      backoffStrategies: {
        smart: (attemptsMade, err) => smartBackoff(attemptsMade, err as Error & RetryHints, baseDelay),
      },
      // A crashed worker's job restarts within lockDuration + 2 × stalledInterval (20 s by default): its
      // lock is renewed every third of its duration while the worker lives and expires soon after it
      // dies; Bull may skip every other stalled check (its marker key lives exactly one interval).
      lockDuration: config.reliability.queueLockDurationMs,
      lockRenewTime: Math.floor(config.reliability.queueLockDurationMs / 3),
      stalledInterval: config.reliability.queueStalledIntervalMs,
      maxStalledCount: 2,
    },
  });
}

/** Queues are created on first use, so a process only opens connections for queues it touches. */
export function getQueue(name: QueueName): Queue {
  let queue = queues.get(name);
  if (!queue) {
    queue = createQueue(name);
    queue.on('error', (err) => logger.warn('queue error', { queue: name, error: err.message }));
    queues.set(name, queue);
  }
  return queue;
}

export interface ProcessorDefinition<T extends BaseJobData = BaseJobData, R = unknown> {
  queue: QueueName;
  concurrency?: number;
  handle(job: Job<T>): Promise<R>;
  /**
   * Called after the last attempt failed (or the error was not retryable), and also when the queue
   * failed the job by itself (stalled more than maxStalledCount, e.g. it crashed its worker each time).
   * Several workers may call it for the same job: it must finalise (mark failed, notify) exactly once,
   * e.g. with a conditional update of the job's record.
   */
  onFinalFailure?(job: Job<T>, err: Error): Promise<void>;
}

/** The jobs this process is running now (for a graceful drain at shutdown). */
const activeJobs = new Set<Job>();

/** Bull's reason for a job it failed by itself in its stalled-job check. */
const STALLED_LIMIT_REASON = 'job stalled more than allowable limit';

export function isFinalAttempt(job: Job, err: Error & RetryHints): boolean {
  const attempts = job.opts.attempts ?? 1;
  return err.retryable === false || job.attemptsMade + 1 >= attempts;
}

/** Registers a processor with logging context, metrics, non-retryable discard and final-failure hook. */
export function registerProcessor<T extends BaseJobData, R>(
  def: ProcessorDefinition<T, R>,
  concurrency: number,
) {
  const queue = getQueue(def.queue);
  void queue.process(def.concurrency ?? concurrency, async (job: Job<T>) => {
    const started = process.hrtime.bigint();
    const ctx = {
      jobId: String(job.id),
      queue: def.queue,
      userId: job.data.userId,
      requestId: job.data.requestId,
    };
    activeJobs.add(job);
    return logContext.run(ctx, async () => {
      try {
        const result = await def.handle(job);
        observe(def.queue, 'completed', started);
        return result;
      } catch (error) {
        const err = error as Error & RetryHints;
        const final = isFinalAttempt(job, err);
        observe(def.queue, final ? 'failed' : 'retried', started);
        logger.warn(`job ${final ? 'failed' : 'will retry'}`, {
          error: err.message,
          attempt: job.attemptsMade + 1,
        });
        if (err.retryable === false) await job.discard();
        if (final && def.onFinalFailure) {
          await def
            .onFinalFailure(job, err)
            .catch((e: Error) => logger.error('onFinalFailure failed', { error: e.message }));
        }
        throw err;
      } finally {
        activeJobs.delete(job);
      }
    });
  });
  // Failures that did not pass through the handler above (Bull's stalled check moved the job to failed
  // inside its script) are finalised here. The event is published to every worker; finalising is
  // idempotent, so the job ends `failed` with exactly one notice whichever worker gets there first.
  if (def.onFinalFailure) {
    const finalize = def.onFinalFailure.bind(def);
    queue.on('global:failed', (jobId: string | number) => {
      void finalizeQueueFailure(queue, def.queue, String(jobId), finalize);
    });
  }
  return queue;
}

async function finalizeQueueFailure<T extends BaseJobData>(
  queue: Queue,
  name: QueueName,
  jobId: string,
  finalize: (job: Job<T>, err: Error) => Promise<void>,
): Promise<void> {
  try {
    const job = (await queue.getJob(jobId)) as Job<T> | null;
    if (!job || !(await job.isFailed())) return;
    if (job.failedReason !== STALLED_LIMIT_REASON) return; // the handler's own failures are finalised there
    metrics.jobsTotal.inc({ queue: name, outcome: 'failed' });
    await finalize(job, new Error('The job was interrupted too many times and has been stopped'));
  } catch (e) {
    logger.warn('could not finalise a failed job', { queue: name, jobId, error: (e as Error).message });
  }
}

/**
 * Graceful stop for a worker: take no new jobs, wait up to `timeoutMs` for the running ones, then hand
 * back whatever is still running (its lock is released, so another worker's stalled check restarts it
 * within stalledInterval instead of after the lock expires), and close.
 */
export async function drainQueues(timeoutMs: number): Promise<void> {
  const all = [...queues.values()];
  await Promise.all(all.map((q) => withDeadline(q.pause(true, true), 2000).catch(() => undefined)));
  const deadline = Date.now() + timeoutMs;
  if (activeJobs.size) logger.info('waiting for active jobs', { jobs: activeJobs.size, timeoutMs });
  while (activeJobs.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const unfinished = [...activeJobs];
  if (unfinished.length) {
    await Promise.all(unfinished.map((job) => withDeadline(job.releaseLock(), 2000).catch(() => undefined)));
    logger.warn('handed back unfinished jobs', {
      jobs: unfinished.map((j) => `${j.queue.name}:${String(j.id)}`),
    });
  }
  await closeQueues(true);
}

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref()),
  ]);
}

/**
 * Adds a job from the request path, failing fast when Redis is down. Bull's own connections must keep
 * retrying forever (maxRetriesPerRequest null), so without this an add would wait for Redis to return;
 * here it is refused at once while the queue's connection is not ready, and after
 * REDIS_COMMAND_TIMEOUT_MS otherwise. The error is a Redis dependency error (503).
 */
export async function addJob<T extends BaseJobData>(
  name: QueueName,
  data: T,
  opts: JobOptions = {},
): Promise<Job<T>> {
  const queue = getQueue(name);
  const status = (queue.client as Redis | undefined)?.status;
  if (status && status !== 'ready' && status !== 'connecting' && status !== 'connect')
    throw new DependencyError('redis', `Queue ${name} is not connected (${status})`);
  try {
    return (await withDeadline(queue.add(data, opts), config.redis.commandTimeoutMs)) as Job<T>;
  } catch (err) {
    if ((err as Error).message === 'timeout')
      throw new DependencyError('redis', `Queue ${name} did not accept the job in time`, { cause: err });
    throw err;
  }
}

/** The attempts a queue gives each job (the reconciler fails records that used them all). */
export function queueAttempts(name: QueueName): number {
  return DEFAULT_JOB_OPTIONS[name].attempts ?? 1;
}

function observe(queue: QueueName, outcome: string, started: bigint) {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  metrics.jobsTotal.inc({ queue, outcome });
  metrics.jobDuration.observe({ queue, outcome }, seconds);
}

export async function queueHealth(): Promise<
  Record<string, { status: 'up' | 'down'; waiting?: number; active?: number; failed?: number }>
> {
  const out: Record<string, { status: 'up' | 'down'; waiting?: number; active?: number; failed?: number }> =
    {};
  await Promise.all(
    QUEUE_NAMES.map(async (name) => {
      try {
        const counts = await Promise.race([
          getQueue(name).getJobCounts(),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 1500).unref()),
        ]);
        out[name] = { status: 'up', waiting: counts.waiting, active: counts.active, failed: counts.failed };
      } catch {
        out[name] = { status: 'down' };
      }
    }),
  );
  return out;
}

/** Closes every queue; with `doNotWaitJobs=false` Bull waits for active jobs of this process to finish. */
export async function closeQueues(doNotWaitJobs = false): Promise<void> {
  const all = [...queues.values()];
  queues.clear();
  await Promise.all(all.map((q) => q.close(doNotWaitJobs).catch(() => undefined)));
  const { client, subscriber } = shared;
  shared = {};
  for (const c of [client, subscriber, ...blockingClients]) c?.disconnect();
  blockingClients.clear();
}
