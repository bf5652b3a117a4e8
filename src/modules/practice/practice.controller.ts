import type { Request, Response } from 'express';
import { NotFoundError } from '../../lib/errors';
import { accepted, ok, pagination } from '../../http/respond';
import { inputOf } from '../../http/route-spec';
import {
  evaluationStatusRoute,
  explainRoute,
  explanationStatusRoute,
  listAttemptsRoute,
  submitAttemptRoute,
} from './practice.schemas';
import * as service from './practice.service';

const userId = (req: Request) => req.user!.id;

export async function submitAttempt(req: Request, res: Response) {
  const { params, body } = inputOf(req, submitAttemptRoute);
  const { attempt, jobId } = await service.submitAttempt(userId(req), params.id, body.answer, req.id);
  accepted(
    res,
    'Answer submitted for evaluation. Check status using job ID',
    { attempt },
    { jobId, checkStatusUrl: service.evaluationStatusUrl(jobId) },
  );
}

export async function listAttempts(req: Request, res: Response) {
  const { params, query } = inputOf(req, listAttemptsRoute);
  const { attempts, total, mastery } = await service.listAttempts(userId(req), params.id, query);
  ok(
    res,
    'Attempts retrieved successfully',
    { attempts, mastery },
    { count: attempts.length, pagination: pagination(query.page, query.limit, total) },
  );
}

export async function explain(req: Request, res: Response) {
  const { id } = inputOf(req, explainRoute).params;
  const outcome = await service.requestExplanation(userId(req), id, req.id);
  if (outcome.done) {
    ok(res, 'Explanation generated successfully', { explanation: outcome.explanation });
    return;
  }
  accepted(res, 'Explanation queued. Check status using job ID', undefined, {
    jobId: outcome.jobId,
    checkStatusUrl: service.explanationStatusUrl(outcome.jobId),
  });
}

interface JobView {
  jobId: string;
  type: string;
  status: string;
  progress: number;
  error?: string;
}

/** The job envelope every status endpoint shares: job fields at the top level, the result under data. */
function sendJobStatus(res: Response, v: JobView, done: string, failedText: string, data?: object) {
  const failed = v.status === 'failed';
  res.status(200).json({
    success: !failed,
    status: v.status,
    progress: v.progress,
    jobId: v.jobId,
    type: v.type,
    message: v.status === 'completed' ? done : failed ? failedText : `Job is ${v.status}`,
    ...(failed ? { error: v.error ?? 'Unknown error' } : {}),
    ...(data ? { data } : {}),
  });
}

/** GET /api/v1/queue/evaluation/:jobId */
export async function evaluationStatus(req: Request, res: Response) {
  const { jobId } = inputOf(req, evaluationStatusRoute).params;
  const v = await service.getEvaluationStatus(userId(req), jobId);
  if (!v) throw new NotFoundError('Job not found', 'job_not_found');
  sendJobStatus(res, v, 'Answer evaluated successfully', 'Answer evaluation failed', { attempt: v.attempt });
}

/** GET /api/v1/queue/explanation/:jobId */
export async function explanationStatus(req: Request, res: Response) {
  const { jobId } = inputOf(req, explanationStatusRoute).params;
  const v = await service.getExplanationStatus(userId(req), jobId);
  if (!v) throw new NotFoundError('Job not found', 'job_not_found');
  sendJobStatus(
    res,
    v,
    'Explanation generated successfully',
    'Explanation failed',
    v.explanation ? { explanation: v.explanation } : undefined,
  );
}
