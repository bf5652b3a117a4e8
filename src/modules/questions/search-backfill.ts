import { trusted } from 'mongoose';
import { logger } from '../../infra/logger';
import { Question, textFields } from './question.model';
import { TOKENS_VERSION } from './search-tokens';

/**
 * Re-tokenises questions stored before the current search-token scheme (e.g. before word prefixes), in
 * batches, so old questions are found the same way as new ones. Idempotent and safe to run from several
 * workers at once (each write recomputes the same tokens). Returns how many questions were updated.
 */
export async function refreshSearchTokens(batchSize = 500): Promise<number> {
  let updated = 0;
  for (;;) {
    const batch = await Question.find({ searchTokens: trusted({ $ne: TOKENS_VERSION }) })
      .select('question answer category tags')
      .limit(batchSize)
      .lean();
    if (!batch.length) break;
    await Question.bulkWrite(
      batch.map((q) => ({
        updateOne: {
          filter: { _id: q._id },
          update: { $set: { searchTokens: textFields(q).searchTokens } },
        },
      })),
      { ordered: false },
    );
    updated += batch.length;
    if (batch.length < batchSize) break;
  }
  if (updated) logger.info('search tokens refreshed', { questions: updated });
  return updated;
}
