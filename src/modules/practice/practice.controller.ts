import type { Request, Response } from 'express';
import { NotFoundError } from '../../lib/errors';
import { accepted, ok, pagination } from '../../http/respond';
import { idParams } from '../../http/schemas';
import { parseBody, parseParams, parseQuery } from '../../http/validate';
import { z } from 'zod';
import { attemptBody, attemptsQuery, explainBody } from './practice.schemas';
import * as service from './practice.service';

const userId = (req: Request) => req.user!.id;

export async function submitAttempt(req: Request, res: Response) {
  const { id } = parseParams(idParams, req);
  const { answer } = parseBody(attemptBody, req);
  const { attempt, jobId } = await service.submitAttempt(userId(req), id, answer, req.id);
  accepted(
    res,
    'Answer submitted for evaluation. Check status using job ID',
    { attempt },
    { jobId, checkStatusUrl: service.evaluationStatusUrl(jobId) },
  );
}

export async function listAttempts(req: Request, res: Response) {
  const { id } = parseParams(idParams, req);
  const q = parseQuery(attemptsQuery, req);
  const { attempts, total, mastery } = await service.listAttempts(userId(req), id, q);
  ok(
    res,
    'Attempts retrieved successfully',
    { attempts, mastery },
    { count: attempts.length, pagination: pagination(q.page, q.limit, total) },
  );
}

export async function explain(req: Request, res: Response) {
  const { id } = parseParams(idParams, req);
  parseBody(explainBody, req);
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

const jobParams = z.object({ jobId: z.string().min(1).max(100) });

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
  const { jobId } = parseParams(jobParams, req);
  const v = await service.getEvaluationStatus(userId(req), jobId);
  if (!v) throw new NotFoundError('Job not found', 'job_not_found');
  sendJobStatus(res, v, 'Answer evaluated successfully', 'Answer evaluation failed', { attempt: v.attempt });
}

/** GET /api/v1/queue/explanation/:jobId */
export async function explanationStatus(req: Request, res: Response) {
  const { jobId } = parseParams(jobParams, req);
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
