import type { Request, Response } from 'express';
import { ValidationError } from '../../lib/errors';
import { accepted, created, ok, pagination } from '../../http/respond';
import { idParams } from '../../http/schemas';
import { parseBody, parseParams, parseQuery } from '../../http/validate';
import { consumeAiQuota } from '../usage/usage.service';
import * as generation from './generation.service';
import * as service from './questions.service';
import {
  customBody,
  generateBody,
  hasSearchCriteria,
  listQuery,
  searchQuery,
  sessionIdParams,
  updateBody,
} from './questions.schemas';
import { searchQuestions } from './search.service';
import { sessionPracticeStats, withMastery } from '../practice/practice.service';

const userId = (req: Request) => req.user!.id;
const SEARCH_REQUIRED = 'Please provide a search query (q parameter)';
// The hourly AI limit and the daily quota count only requests that reach the model (not cache hits).
const aiQuota = (req: Request) => ({ beforeModel: () => consumeAiQuota(req.user!) });

export async function generate(req: Request, res: Response) {
  const input = parseBody(generateBody, req);
  const outcome = await generation.requestGeneration(userId(req), input, req.id, aiQuota(req));
  if (outcome.cached) {
    const n = outcome.questions.length;
    created(
      res,
      `Successfully generated ${n} questions (from cache)`,
      { questions: outcome.questions, uncoveredTopics: outcome.uncoveredTopics },
      { count: n, cached: true },
    );
    return;
  }
  accepted(
    res,
    'Question generation queued. Check status using job ID',
    { uncoveredTopics: outcome.uncoveredTopics },
    {
      jobId: outcome.jobId,
      checkStatusUrl: generation.statusUrl(outcome.jobId),
      estimatedTime: outcome.estimate.text,
      estimatedSeconds: outcome.estimate.seconds,
    },
  );
}

export async function regenerate(req: Request, res: Response) {
  const { id } = parseParams(idParams, req);
  const outcome = await generation.requestRegeneration(userId(req), id, req.id, aiQuota(req));
  if (outcome.done) {
    ok(res, 'Question regenerated successfully', { question: outcome.question });
    return;
  }
  accepted(res, 'Question regeneration queued. Check status using job ID', undefined, {
    jobId: outcome.jobId,
    checkStatusUrl: generation.statusUrl(outcome.jobId),
  });
}

export async function listBySession(req: Request, res: Response) {
  const { sessionId } = parseParams(sessionIdParams, req);
  const q = parseQuery(listQuery, req);
  const listed = await service.listSessionQuestions(userId(req), sessionId, q);
  const questions = await withMastery(userId(req), listed.questions);
  const total = listed.total;
  ok(
    res,
    'Questions retrieved successfully',
    { questions },
    { count: questions.length, pagination: pagination(q.page, q.limit, total) },
  );
}

export async function pinned(req: Request, res: Response) {
  const { sessionId } = parseParams(sessionIdParams, req);
  const questions = await service.listPinned(userId(req), sessionId);
  ok(res, 'Pinned questions retrieved successfully', { questions }, { count: questions.length });
}

export async function stats(req: Request, res: Response) {
  const { sessionId } = parseParams(sessionIdParams, req);
  const stats = await service.sessionStats(userId(req), sessionId);
  const practice = await sessionPracticeStats(userId(req), sessionId);
  ok(res, 'Statistics retrieved successfully', { ...stats, stats: { ...stats.stats, practice } });
}

export async function search(req: Request, res: Response) {
  const q = parseQuery(searchQuery, req);
  if (!hasSearchCriteria(q))
    throw new ValidationError([{ field: 'q', message: SEARCH_REQUIRED }], SEARCH_REQUIRED);
  const { questions, total } = await searchQuestions(userId(req), q);
  ok(
    res,
    'Search completed successfully',
    { questions, searchQuery: q.q ?? '' },
    { count: questions.length, pagination: pagination(q.page, q.limit, total) },
  );
}

export async function get(req: Request, res: Response) {
  const { id } = parseParams(idParams, req);
  const [question] = await withMastery(userId(req), [await service.getQuestion(userId(req), id)]);
  ok(res, 'Question retrieved successfully', { question });
}

export async function custom(req: Request, res: Response) {
  const input = parseBody(customBody, req);
  const question = await service.addCustomQuestion(userId(req), input);
  created(res, 'Custom question added successfully', { question });
}

export async function update(req: Request, res: Response) {
  const { id } = parseParams(idParams, req);
  const input = parseBody(updateBody, req);
  ok(res, 'Question updated successfully', {
    question: await service.updateQuestion(userId(req), id, input),
  });
}

export async function togglePin(req: Request, res: Response) {
  const { id } = parseParams(idParams, req);
  const question = await service.togglePin(userId(req), id);
  ok(res, `Question ${question.isPinned ? 'pinned' : 'unpinned'} successfully`, {
    isPinned: question.isPinned,
    question,
  });
}

export async function remove(req: Request, res: Response) {
  const { id } = parseParams(idParams, req);
  const deletedId = await service.deleteQuestion(userId(req), id);
  ok(res, 'Question deleted successfully', { deletedId });
}
