import type { Request, Response } from 'express';
import { NotFoundError } from '../../lib/errors';
import { inputOf } from '../../http/route-spec';
import { anyJobStatusRoute, questionJobStatusRoute } from './queue.schemas';
import { anyJobStatus, questionJobStatus } from './queue.service';

/** GET /api/v1/queue/question/:jobId — the old shape: state fields at the top level, result under data. */
export async function questionStatus(req: Request, res: Response) {
  const { jobId } = inputOf(req, questionJobStatusRoute).params;
  const v = await questionJobStatus(req.user!.id, jobId);
  if (!v) throw new NotFoundError('Job not found', 'job_not_found');
  const regen = v.type === 'question-regeneration';
  if (v.status === 'completed') {
    res.status(200).json({
      success: true,
      status: 'completed',
      progress: 100,
      jobId: v.jobId,
      type: v.type,
      message: regen ? 'Question regenerated successfully' : 'Questions generated successfully',
      data: v.result,
    });
    return;
  }
  if (v.status === 'failed') {
    res.status(200).json({
      success: false,
      status: 'failed',
      progress: v.progress,
      jobId: v.jobId,
      type: v.type,
      message: regen ? 'Question regeneration failed' : 'Question generation failed',
      error: v.error ?? 'Unknown error',
    });
    return;
  }
  res.status(200).json({
    success: true,
    status: v.status,
    progress: v.progress,
    stage: v.stage,
    jobId: v.jobId,
    type: v.type,
    message: `Job is ${v.status}`,
  });
}

/** GET /api/v1/queue/job/:jobId — any of the user's jobs, whatever its kind. */
export async function jobStatus(req: Request, res: Response) {
  const { jobId } = inputOf(req, anyJobStatusRoute).params;
  const v = await anyJobStatus(req.user!.id, jobId);
  if (!v) throw new NotFoundError('Job not found', 'job_not_found');
  const failed = v.status === 'failed';
  const body: Record<string, unknown> = {
    success: !failed,
    status: v.status,
    progress: v.status === 'completed' ? 100 : v.progress,
    jobId: v.jobId,
    type: v.type,
    message:
      v.message ??
      (v.status === 'completed' ? 'Job completed' : failed ? 'Job failed' : `Job is ${v.status}`),
    ...(v.stage ? { stage: v.stage } : {}),
    ...(v.extra ?? {}),
  };
  if (failed) body.error = v.error ?? 'Unknown error';
  if (v.status === 'completed' && v.result !== undefined) body.data = v.result;
  res.status(200).json(body);
}
