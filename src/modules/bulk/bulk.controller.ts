import type { Request, Response } from 'express';
import type { z } from 'zod';
import { AppError } from '../../lib/errors';
import { toFieldErrors } from '../../http/validate';
import * as service from './bulk.service';
import { bulkDeleteBody, bulkDifficultyBody, bulkPinBody } from './bulk.schemas';

/**
 * Parses a bulk body. Bad ids give the old API's message and `invalidIds` (besides the usual
 * `errors`); other problems give the first field's message.
 */
function parseBulk<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  const body: unknown = req.body ?? {};
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const errors = toFieldErrors(result.error);
  const ids = (body as { questionIds?: unknown }).questionIds;
  const invalidIds = result.error.issues
    .filter((i) => i.path[0] === 'questionIds' && typeof i.path[1] === 'number')
    .map((i) => (ids as unknown[])[i.path[1] as number]);
  const message = invalidIds.length
    ? 'Invalid question IDs found'
    : (errors[0]?.message ?? 'Validation error');
  throw new AppError(400, 'validation_error', message, {
    errors,
    ...(invalidIds.length ? { invalidIds } : {}),
  });
}

const userId = (req: Request) => req.user!.id;

// Bulk answers keep the old top-level counts (`deletedCount` / `modifiedCount`) next to data.results.
const reply = (res: Response, message: string, countField: string, outcome: service.BulkOutcome) =>
  res.status(200).json({
    success: true,
    message,
    [countField]: outcome.count,
    data: { results: outcome.results },
  });

export async function remove(req: Request, res: Response) {
  const { questionIds } = parseBulk(bulkDeleteBody, req);
  const outcome = await service.deleteQuestions(userId(req), questionIds);
  reply(res, `Successfully deleted ${outcome.count} questions`, 'deletedCount', outcome);
}

export async function difficulty(req: Request, res: Response) {
  const { questionIds, difficulty } = parseBulk(bulkDifficultyBody, req);
  const outcome = await service.setDifficulty(userId(req), questionIds, difficulty);
  reply(res, `Successfully updated ${outcome.count} questions`, 'modifiedCount', outcome);
}

export async function togglePin(req: Request, res: Response) {
  const { questionIds, isPinned } = parseBulk(bulkPinBody, req);
  const outcome = await service.setPinned(userId(req), questionIds, isPinned);
  reply(
    res,
    `Successfully ${isPinned ? 'pinned' : 'unpinned'} ${outcome.count} questions`,
    'modifiedCount',
    outcome,
  );
}
