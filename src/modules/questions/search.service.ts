import { trusted, Types, type PipelineStage } from 'mongoose';
import { Question } from './question.model';
import { toQuestionDto } from './questions.dto';
import type { SearchQuery } from './questions.schemas';
import { buildQueryTokens, SCORE_WEIGHTS } from './search-tokens';

/**
 * Search across the user's questions: token match on indexed fields (never a regex), scored in the
 * database by weighted overlap (see search-tokens.ts), filtered, sorted by relevance then recency,
 * paginated. Only the page's documents are then loaded with their session summary.
 */
export async function searchQuestions(userId: string, q: SearchQuery) {
  const tokens = buildQueryTokens(q.q);
  if (!tokens.words.length) return { questions: [], total: 0 };

  const match: Record<string, unknown> = {
    user: new Types.ObjectId(userId),
    searchTokens: { $in: tokens.all },
  };
  if (q.sessionId) match.session = new Types.ObjectId(q.sessionId);
  if (q.difficulty) match.difficulty = q.difficulty;
  if (q.pinned !== undefined) match.isPinned = q.pinned;
  if (q.category !== undefined) match.category = q.category;
  if (q.tags?.length) match.tags = { $all: q.tags };
  if (q.from || q.to) {
    match.createdAt = { ...(q.from ? { $gte: q.from } : {}), ...(q.to ? { $lte: q.to } : {}) };
  }

  const overlap = (values: string[]) => ({ $size: { $setIntersection: [{ $ifNull: ['$searchTokens', []] }, values] } });
  // Aggregation pipelines are not run through Mongoose's filter sanitiser: every value above is ours
  // (tokens are plain strings, ids and dates parsed by zod), never a user-supplied object.
  const pipeline: PipelineStage[] = [
    { $match: match },
    {
      $project: {
        createdAt: 1,
        score: {
          $add: [
            { $multiply: [SCORE_WEIGHTS.exact, overlap(tokens.exact)] },
            { $multiply: [SCORE_WEIGHTS.fuzzy, overlap(tokens.fuzzy)] },
            { $multiply: [SCORE_WEIGHTS.answer, overlap(tokens.answer)] },
          ],
        },
      },
    },
    { $sort: { score: -1, createdAt: -1, _id: -1 } },
    {
      $facet: {
        page: [{ $skip: (q.page - 1) * q.limit }, { $limit: q.limit }],
        total: [{ $count: 'n' }],
      },
    },
  ];
  const [result] = await Question.aggregate<{ page: Array<{ _id: Types.ObjectId; score: number }>; total: Array<{ n: number }> }>(
    pipeline,
  );
  const page = result?.page ?? [];
  const total = result?.total[0]?.n ?? 0;
  if (!page.length) return { questions: [], total };

  const docs = await Question.find({ _id: trusted({ $in: page.map((p) => p._id) }) })
    .populate('session', '_id role experience topicsToFocus')
    .lean();
  const byId = new Map(docs.map((d) => [String(d._id), d]));
  const questions = page.flatMap((p) => {
    const d = byId.get(String(p._id));
    return d ? [{ ...toQuestionDto(d), score: p.score }] : [];
  });
  return { questions, total };
}
