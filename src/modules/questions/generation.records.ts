import { findOpenRecords, type JobRecordKind } from '../../infra/job-records';
import { GenerationJob, type GenerationJobDoc } from './generation-job.model';
import { GENERATION_QUEUE, type GenerationJobData } from './generation.service';
import { failGeneration } from './questions.jobs';

/** Generation records for the job reconciler (see infra/job-records.ts). */
export const generationJobRecords: JobRecordKind = {
  kind: 'question-generation',
  queue: GENERATION_QUEUE,
  async findOpen(before, limit) {
    const recs = await findOpenRecords<Pick<GenerationJobDoc, '_id' | 'user' | 'type' | 'attempts'>>(
      GenerationJob,
      before,
      limit,
      'user type attempts',
    );
    return recs.map((r) => {
      const data: GenerationJobData = {
        userId: String(r.user),
        generationJobId: String(r._id),
        kind: r.type,
      };
      return { id: String(r._id), attempts: r.attempts ?? 0, data };
    });
  },
  fail: failGeneration,
};
