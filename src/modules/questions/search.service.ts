import { trusted, Types, type PipelineStage } from 'mongoose';
import { Question } from './question.model';
import { SESSION_SUMMARY_FIELDS, withSessionSummary } from './questions.dto';
import type { SearchQuery } from './questions.schemas';
import { buildQueryTokens, type SearchQueryTokens } from './search-tokens';

/**
 * Search across the user's questions: token match on an indexed array (never a regex), scored in the
 * database by weighted overlap summed over the query's words (see search-tokens.ts), filtered, sorted
 * by relevance then recency, paginated. Only the page's documents are then loaded with their session
 * summary. Without text, the filters alone select (newest first).
 */
export async function searchQuestions(userId: string, q: SearchQuery) {
  const text = q.q?.trim() ?? '';
  const tokens = buildQueryTokens(text);
  if (text && !tokens.words.length) return { questions: [], total: 0 };

  const match: Record<string, unknown> = { user: new Types.ObjectId(userId) };
  if (q.sessionId) match.session = new Types.ObjectId(q.sessionId);
  if (q.difficulty) match.difficulty = q.difficulty;
  if (q.pinned !== undefined) match.isPinned = q.pinned;
  if (q.category !== undefined) match.category = q.category;
  if (q.tags?.length) {
    // The first tag as an equality (index-served), the rest as $all: the same set of questions.
    match.tags = q.tags[0];
    if (q.tags.length > 1) match.$and = [{ tags: { $all: q.tags } }];
  }
  if (q.from || q.to) {
    match.createdAt = { ...(q.from ? { $gte: q.from } : {}), ...(q.to ? { $lte: q.to } : {}) };
  }

  const page = text ? await rankInDatabase(match, tokens, q) : await filterOnly(match, q);
  const total = page.total;
  if (!page.items.length) return { questions: [], total };

  const docs = await Question.find({ _id: trusted({ $in: page.items.map((p) => p._id) }) })
    .populate('session', SESSION_SUMMARY_FIELDS)
    .lean();
  const byId = new Map(docs.map((d) => [String(d._id), d]));
  const questions = page.items.flatMap((p) => {
    const d = byId.get(String(p._id));
    if (!d) return [];
    return p.score === undefined ? [withSessionSummary(d)] : [{ ...withSessionSummary(d), score: p.score }];
  });
  return { questions, total };
}

type Ranked = { _id: Types.ObjectId; score?: number; createdAt: Date };

/** Filters only: the matching ids, newest first, and their count, in one pipeline. */
async function filterOnly(match: Record<string, unknown>, q: SearchQuery) {
  const [result] = await Question.aggregate<{ page: Ranked[]; total: Array<{ n: number }> }>([
    { $match: match },
    { $project: { createdAt: 1 } },
    { $sort: { createdAt: -1, _id: -1 } },
    {
      $facet: {
        page: [{ $skip: (q.page - 1) * q.limit }, { $limit: q.limit }],
        total: [{ $count: 'n' }],
      },
    },
  ]);
  return { items: result?.page ?? [], total: result?.total[0]?.n ?? 0 };
}

// Every candidate holds `searchTokens` (the $match requires one of them), so no $ifNull is needed.
// The stored array (~200 tokens) is intersected once with every query token (`$$hit`: the few tokens
// the question matched); the per-weight groups are then intersected with that short list. Each group
// is a subset of `all`, so |searchTokens ∩ group| = |hit ∩ group|: the same score as one intersection of
// the stored array per group, at one pass over it instead of one per distinct weight (two-word queries
// have 4-6 weights once exact, prefix, fuzzy and answer tokens of both words are credited).
const overlap = (values: string[]) => ({ $size: { $setIntersection: ['$$hit', values] } });
/** scoreQuestion() as an aggregation expression. */
const scoreExpr = (tokens: SearchQueryTokens) => ({
  $let: {
    vars: { hit: { $setIntersection: ['$searchTokens', tokens.all] } },
    in: {
      $add: tokens.weighted.map((g) =>
        g.weight === 1 ? overlap(g.tokens) : { $multiply: [g.weight, overlap(g.tokens)] },
      ),
    },
  },
});

// Aggregation pipelines are not run through Mongoose's filter sanitiser: every value in `match` is ours
// (tokens are plain strings, ids and dates parsed by zod), never a user-supplied object.
async function rankInDatabase(match: Record<string, unknown>, tokens: SearchQueryTokens, q: SearchQuery) {
  const pipeline: PipelineStage[] = [
    { $match: { ...match, searchTokens: { $in: tokens.all } } },
    { $project: { createdAt: 1, score: scoreExpr(tokens) } },
    { $sort: { score: -1, createdAt: -1, _id: -1 } },
    { $facet: { page: [{ $skip: (q.page - 1) * q.limit }, { $limit: q.limit }], total: [{ $count: 'n' }] } },
  ];
  const [result] = await Question.aggregate<{ page: Ranked[]; total: Array<{ n: number }> }>(pipeline);
  return { items: result?.page ?? [], total: result?.total[0]?.n ?? 0 };
}
