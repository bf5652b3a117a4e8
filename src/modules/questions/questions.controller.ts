import type { Request, Response } from 'express';
import { ValidationError } from '../../lib/errors';
import { accepted, created, ok, pagination } from '../../http/respond';
import { inputOf } from '../../http/route-spec';
import { consumeAiQuota } from '../usage/usage.service';
import * as generation from './generation.service';
import * as service from './questions.service';
import {
  customRoute,
  deleteQuestionRoute,
  generateRoute,
  getQuestionRoute,
  hasSearchCriteria,
  listBySessionRoute,
  pinnedRoute,
  regenerateRoute,
  searchRoute,
  statsRoute,
  togglePinRoute,
  updateQuestionRoute,
} from './questions.schemas';
import { searchQuestions } from './search.service';
import { sessionPracticeStats, withMastery } from '../practice/practice.service';

const userId = (req: Request) => req.user!.id;
const SEARCH_REQUIRED = 'Please provide a search query (q parameter)';
// The hourly AI limit and the daily quota count only requests that reach the model (not cache hits).
const aiQuota = (req: Request) => ({ beforeModel: () => consumeAiQuota(req.user!) });

/**
 * Questions that already existed carry the user's practice figures (one aggregation per response);
 * questions created by the request itself (custom, generate) have none yet, as their DTO says.
 */
const practised = <T extends { _id: string }>(req: Request, questions: T[]) =>
  withMastery(userId(req), questions);
const practisedOne = async <T extends { _id: string }>(req: Request, question: T) =>
  (await practised(req, [question]))[0]!;

export async function generate(req: Request, res: Response) {
  const { body } = inputOf(req, generateRoute);
  const outcome = await generation.requestGeneration(userId(req), body, req.id, aiQuota(req));
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
  const { id } = inputOf(req, regenerateRoute).params;
  const outcome = await generation.requestRegeneration(userId(req), id, req.id, aiQuota(req));
  if (outcome.done) {
    ok(res, 'Question regenerated successfully', { question: await practisedOne(req, outcome.question) });
    return;
  }
  accepted(res, 'Question regeneration queued. Check status using job ID', undefined, {
    jobId: outcome.jobId,
    checkStatusUrl: generation.statusUrl(outcome.jobId),
  });
}

export async function listBySession(req: Request, res: Response) {
  const { params, query } = inputOf(req, listBySessionRoute);
  const listed = await service.listSessionQuestions(userId(req), params.sessionId, query);
  const questions = await practised(req, listed.questions);
  ok(
    res,
    'Questions retrieved successfully',
    { questions },
    { count: questions.length, pagination: pagination(query.page, query.limit, listed.total) },
  );
}

export async function pinned(req: Request, res: Response) {
  const { sessionId } = inputOf(req, pinnedRoute).params;
  const questions = await practised(req, await service.listPinned(userId(req), sessionId));
  ok(res, 'Pinned questions retrieved successfully', { questions }, { count: questions.length });
}

export async function stats(req: Request, res: Response) {
  const { sessionId } = inputOf(req, statsRoute).params;
  const stats = await service.sessionStats(userId(req), sessionId);
  const practice = await sessionPracticeStats(userId(req), sessionId);
  ok(res, 'Statistics retrieved successfully', { ...stats, stats: { ...stats.stats, practice } });
}

export async function search(req: Request, res: Response) {
  const { query } = inputOf(req, searchRoute);
  if (!hasSearchCriteria(query))
    throw new ValidationError([{ field: 'q', message: SEARCH_REQUIRED }], SEARCH_REQUIRED);
  const found = await searchQuestions(userId(req), query);
  const questions = await practised(req, found.questions);
  ok(
    res,
    'Search completed successfully',
    { questions, searchQuery: query.q ?? '' },
    { count: questions.length, pagination: pagination(query.page, query.limit, found.total) },
  );
}

export async function get(req: Request, res: Response) {
  const { id } = inputOf(req, getQuestionRoute).params;
  const question = await practisedOne(req, await service.getQuestion(userId(req), id));
  ok(res, 'Question retrieved successfully', { question });
}

export async function custom(req: Request, res: Response) {
  const { body } = inputOf(req, customRoute);
  const question = await service.addCustomQuestion(userId(req), body);
  created(res, 'Custom question added successfully', { question });
}

export async function update(req: Request, res: Response) {
  const { params, body } = inputOf(req, updateQuestionRoute);
  const question = await practisedOne(req, await service.updateQuestion(userId(req), params.id, body));
  ok(res, 'Question updated successfully', { question });
}

export async function togglePin(req: Request, res: Response) {
  const { id } = inputOf(req, togglePinRoute).params;
  const question = await practisedOne(req, await service.togglePin(userId(req), id));
  ok(res, `Question ${question.isPinned ? 'pinned' : 'unpinned'} successfully`, {
    isPinned: question.isPinned,
    question,
  });
}

export async function remove(req: Request, res: Response) {
  const { id } = inputOf(req, deleteQuestionRoute).params;
  const deletedId = await service.deleteQuestion(userId(req), id);
  ok(res, 'Question deleted successfully', { deletedId });
}
