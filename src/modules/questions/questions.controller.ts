import type { Request, Response } from 'express';
import { ValidationError } from '../../http/errors';
import { accepted, created, ok, pagination } from '../../http/respond';
import { idParams } from '../../http/schemas';
import { parseBody, parseParams, parseQuery } from '../../http/validate';
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

const userId = (req: Request) => req.user!.id;
const SEARCH_REQUIRED = 'Please provide a search query (q parameter)';

export async function generate(req: Request, res: Response) {
  const input = parseBody(generateBody, req);
  const outcome = await generation.requestGeneration(userId(req), input, req.id);
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
  const outcome = await generation.requestRegeneration(userId(req), id, req.id);
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
  const { questions, total } = await service.listSessionQuestions(userId(req), sessionId, q);
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
  ok(res, 'Statistics retrieved successfully', await service.sessionStats(userId(req), sessionId));
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
  ok(res, 'Question retrieved successfully', { question: await service.getQuestion(userId(req), id) });
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
