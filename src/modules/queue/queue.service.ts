import { getGenerationStatus, type JobStatusView } from '../questions/generation.service';
import { getExportJobStatus } from '../exports/exports.service';

/**
 * Job status lookups by kind. `/queue/job/:jobId` asks every registered source in turn; a feature with
 * its own jobs (exports, practice evaluation) registers a source returning the user's job or null.
 */
export interface GenericJobStatus {
  jobId: string;
  type: string;
  status: string;
  progress: number;
  stage?: string;
  error?: string;
  result?: unknown;
  /** Extra top-level fields (e.g. `downloadUrl`). */
  extra?: Record<string, unknown>;
  message?: string;
}
export type JobStatusSource = (userId: string, jobId: string) => Promise<GenericJobStatus | null>;

const sources = new Map<string, JobStatusSource>();

export function registerJobStatusSource(name: string, source: JobStatusSource): void {
  sources.set(name, source);
}

export function questionJobStatus(userId: string, jobId: string): Promise<JobStatusView | null> {
  return getGenerationStatus(userId, jobId);
}

registerJobStatusSource('question-generation', async (userId, jobId) => {
  const v = await getGenerationStatus(userId, jobId);
  if (!v) return null;
  return {
    jobId: v.jobId,
    type: v.type,
    status: v.status,
    progress: v.progress,
    stage: v.stage,
    error: v.error,
    result: v.result,
  };
});

export async function anyJobStatus(userId: string, jobId: string): Promise<GenericJobStatus | null> {
  for (const source of sources.values()) {
    const found = await source(userId, jobId);
    if (found) return found;
  }
  return null;
}

registerJobStatusSource('export-generation', getExportJobStatus);
