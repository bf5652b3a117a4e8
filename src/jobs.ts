import type { JobRecordKind } from './infra/job-records';
import type { ProcessorDefinition } from './infra/queues';
import { emailProcessor } from './modules/email/email.jobs';
import { generationJobRecords } from './modules/questions/generation.records';
import { generationProcessor } from './modules/questions/questions.jobs';
import { evaluationJobRecords, practiceProcessor } from './modules/practice/practice.jobs';
import { exportJobRecords, exportProcessor } from './modules/exports/exports.jobs';

/**
 * Every Bull processor the worker runs. A feature with async work exports its definitions from
 * `<feature>.jobs.ts` and adds them here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const processors: ProcessorDefinition<any, any>[] = [
  emailProcessor,
  generationProcessor,
  practiceProcessor,
  exportProcessor,
];

/** Every kind of job record the worker's reconciler repairs (see infra/job-records.ts): one line each. */
export const jobRecordKinds: JobRecordKind[] = [generationJobRecords, exportJobRecords, evaluationJobRecords];
