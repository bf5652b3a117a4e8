import type { Request, Response } from 'express';
import { inputOf } from '../../http/route-spec';
import * as service from './bulk.service';
import { bulkDeleteRoute, bulkDifficultyRoute, bulkPinRoute } from './bulk.schemas';

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
  const { questionIds } = inputOf(req, bulkDeleteRoute).body;
  const outcome = await service.deleteQuestions(userId(req), questionIds);
  reply(res, `Successfully deleted ${outcome.count} questions`, 'deletedCount', outcome);
}

export async function difficulty(req: Request, res: Response) {
  const { questionIds, difficulty } = inputOf(req, bulkDifficultyRoute).body;
  const outcome = await service.setDifficulty(userId(req), questionIds, difficulty);
  reply(res, `Successfully updated ${outcome.count} questions`, 'modifiedCount', outcome);
}

export async function togglePin(req: Request, res: Response) {
  const { questionIds, isPinned } = inputOf(req, bulkPinRoute).body;
  const outcome = await service.setPinned(userId(req), questionIds, isPinned);
  reply(
    res,
    `Successfully ${isPinned ? 'pinned' : 'unpinned'} ${outcome.count} questions`,
    'modifiedCount',
    outcome,
  );
}
