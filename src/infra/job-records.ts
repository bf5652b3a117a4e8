import { trusted, type Model } from 'mongoose';
import type { BaseJobData, QueueName } from './queues';

/**
 * A kind of job record: a MongoDB document that tracks one queued job (its id is the Bull job id) and
 * outlives Redis. The reconciler (reconciler.ts) compares each kind's unfinished records with the queue.
 * A feature with async work describes its records once and lists the kind in `src/jobs.ts`.
 */
export interface OpenJobRecord {
  /** Record id = Bull job id. */
  id: string;
  /** Attempts already used, as recorded by the processor. */
  attempts: number;
  /** The payload to enqueue again (the job is idempotent). */
  data: BaseJobData;
}

export interface JobRecordKind {
  /** Label for logs and the `job_reconciler_repairs_total{kind}` metric, e.g. `question-generation`. */
  kind: string;
  queue: QueueName;
  /** Records not completed or failed, created before `before` (oldest first, at most `limit`). */
  findOpen(before: Date, limit: number): Promise<OpenJobRecord[]>;
  /** Marks the record failed and notifies its user, exactly once; false when it was already final. */
  fail(id: string, reason: string): Promise<boolean>;
}

/**
 * A kind's unfinished records (waiting, active or delayed) created before `before`, oldest first: the
 * query every `findOpen` runs, on the `{status, createdAt}` fields all job records share.
 */
export function findOpenRecords<T>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  model: Model<any>,
  before: Date,
  limit: number,
  fields: string,
): Promise<T[]> {
  return model
    .find({
      status: trusted({ $in: ['waiting', 'active', 'delayed'] }),
      createdAt: trusted({ $lte: before }),
    })
    .sort({ createdAt: 1 })
    .limit(limit)
    .select(fields)
    .lean<T[]>()
    .exec();
}
