import type { ProcessorDefinition } from './infra/queues';
import { emailProcessor } from './modules/email/email.jobs';
import { generationProcessor } from './modules/questions/questions.jobs';
import { practiceProcessor } from './modules/practice/practice.jobs';
import { exportProcessor } from './modules/exports/exports.jobs';

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
