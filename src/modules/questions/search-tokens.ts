/**
 * Pure text logic behind question search. No regex is ever built from user input: text is split into
 * words, and words into tokens that are stored on each question and matched with `$in`.
 *
 * Typo tolerance uses deletion neighbourhoods (the SymSpell idea, an n-gram family): every word of 4+
 * characters is stored together with each variant that has one character removed. Two words within one
 * edit (substitution, insertion, deletion or adjacent transposition: "closure" / "clousre" / "closre" /
 * "closures") always share at least one such token, which plain trigrams miss for short words. All
 * tokens live in one array, `searchTokens`, prefixed by kind, and a match is scored by weighted overlap:
 *   w:<word>     exact words of the question, topic/category and tags   (weight 3)
 *   f:<variant>  those words plus their one-deletion variants            (weight 1)
 *   p:<prefix>   proper prefixes (3+ characters) of those words          (weight 2)
 *   a:<word>     exact words of the answer                               (weight 1)
 * Prefixes make a word being typed find its completions ("mongo" → MongoDB, "repl" → replica set);
 * they are kept for question, category and tag words only, so answers do not bloat the index.
 * One array means one multikey index and a single `$in`, which every MongoDB-compatible planner
 * (including the embedded server's) can answer from the index.
 */

const STOP_WORDS = new Set(
  (
    'a an and are as at be been but by can could did do does for from had has have how i if in into is it its ' +
    'me my no not of on or our so such than that the their them then there these they this those to too was ' +
    'we were what when where which while who whom why will with would you your'
  ).split(' '),
);

/** Words longer than this are cut (keeps tokens bounded for pathological input). */
const MAX_WORD = 40;
/** Only words at least this long get fuzzy variants (shorter ones collide too often). */
export const FUZZY_MIN_LENGTH = 4;
/** Upper bounds on tokens per question, so one huge answer cannot bloat the index. */
const MAX_WORDS_PER_FIELD = 400;

export const SCORE_WEIGHTS = { exact: 3, prefix: 2, fuzzy: 1, answer: 1 } as const;

/** Shortest prefix that is indexed and searched ("re" would match half the vocabulary). */
export const MIN_PREFIX = 3;

/**
 * Lower-cased words: runs of letters and digits, with a trailing `++` or `#` kept (c++, c#), every other
 * symbol dropped. Stop words and one-letter words (other than c++/c#-like ones) are dropped; duplicates go.
 */
export function tokenizeWords(text: string | undefined | null): string[] {
  if (!text) return [];
  const out = new Set<string>();
  const matches =
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+(?:\+\+|#)?/gu) ?? [];
  for (const raw of matches) {
    const word = raw.slice(0, MAX_WORD);
    if (STOP_WORDS.has(word)) continue;
    // One-letter words carry no meaning, except language names such as c++, c#, f#.
    if (word.length < 2 || (word.length === 2 && word.endsWith('+'))) continue;
    out.add(word);
    if (out.size >= MAX_WORDS_PER_FIELD) break;
  }
  return [...out];
}

/** The word itself and, for words of FUZZY_MIN_LENGTH+ characters, every one-deletion variant. */
export function fuzzyVariants(word: string): string[] {
  const chars = Array.from(word);
  if (chars.length < FUZZY_MIN_LENGTH) return [word];
  const out = new Set<string>([word]);
  for (let i = 0; i < chars.length; i++) out.add(chars.slice(0, i).join('') + chars.slice(i + 1).join(''));
  return [...out];
}

/** Proper prefixes of a word, MIN_PREFIX characters and longer ("mongodb" → mon, mong, mongo, mongod). */
export function wordPrefixes(word: string): string[] {
  const chars = Array.from(word);
  const out: string[] = [];
  for (let n = MIN_PREFIX; n < chars.length; n++) out.push(chars.slice(0, n).join(''));
  return out;
}

/** Token prefixes inside the one stored array (one multikey index serves every kind). */
export const PREFIX = { exact: 'w:', fuzzy: 'f:', prefix: 'p:', answer: 'a:' } as const;

/**
 * Marks tokens built by this version of the scheme; questions stored without it are re-tokenised by
 * refreshSearchTokens() (search-backfill.ts) when a worker starts. Bump it when the scheme changes.
 */
export const TOKENS_VERSION = 'v:2';

export interface SearchFields {
  searchTokens: string[];
}

export interface SearchableQuestion {
  question: string;
  answer: string;
  category?: string | null;
  tags?: readonly string[] | null;
}

/** Tokens stored on a question (recomputed whenever its text, category or tags change). */
export function buildSearchFields(q: SearchableQuestion): SearchFields {
  const words = new Set<string>([
    ...tokenizeWords(q.question),
    ...tokenizeWords(q.category ?? ''),
    ...(q.tags ?? []).flatMap((t) => tokenizeWords(t)),
  ]);
  const fuzzy = new Set<string>();
  const prefixes = new Set<string>();
  for (const w of words) {
    for (const v of fuzzyVariants(w)) fuzzy.add(v);
    for (const p of wordPrefixes(w)) prefixes.add(p);
  }
  return {
    searchTokens: [
      ...[...words].map((w) => PREFIX.exact + w),
      ...[...fuzzy].map((f) => PREFIX.fuzzy + f),
      ...[...prefixes].map((p) => PREFIX.prefix + p),
      ...tokenizeWords(q.answer).map((w) => PREFIX.answer + w),
      TOKENS_VERSION,
    ],
  };
}

export interface SearchQueryTokens {
  words: string[];
  /** Everything to match with `$in` (prefixed, as stored). */
  all: string[];
  /**
   * Tokens grouped by the weight a stored match earns. Each word is scored on its own and the scores
   * summed, so a token several words share (a fuzzy variant, say) earns the sum of its weights.
   * Grouping keeps the in-database score to one set intersection per distinct weight.
   */
  weighted: Array<{ weight: number; tokens: string[] }>;
}

function wordTokens(word: string) {
  return {
    exact: PREFIX.exact + word,
    // the word as the start of a longer stored word ("repl" → "replica")
    prefix: Array.from(word).length >= MIN_PREFIX ? [PREFIX.prefix + word] : [],
    fuzzy: fuzzyVariants(word).map((f) => PREFIX.fuzzy + f),
    answer: PREFIX.answer + word,
  };
}

/** Tokens of a user query (at most 12 words: a search box, not a document). */
export function buildQueryTokens(q: string): SearchQueryTokens {
  const words = tokenizeWords(q).slice(0, 12);
  const perWord = words.map(wordTokens);
  const weightOf = new Map<string, number>();
  const credit = (token: string, weight: number) => weightOf.set(token, (weightOf.get(token) ?? 0) + weight);
  for (const t of perWord) {
    credit(t.exact, SCORE_WEIGHTS.exact);
    for (const p of t.prefix) credit(p, SCORE_WEIGHTS.prefix);
    for (const f of t.fuzzy) credit(f, SCORE_WEIGHTS.fuzzy);
    credit(t.answer, SCORE_WEIGHTS.answer);
  }
  const groups = new Map<number, string[]>();
  for (const [token, weight] of weightOf) {
    const group = groups.get(weight);
    if (group) group.push(token);
    else groups.set(weight, [token]);
  }
  return {
    words,
    all: [...weightOf.keys()],
    weighted: [...groups].map(([weight, tokens]) => ({ weight, tokens })),
  };
}

/**
 * Relevance of one question for a query (higher is better; 0 = no match): the weighted token overlap,
 * summed over the query's words. The reference for the in-database score in search.service.ts.
 */
export function scoreQuestion(fields: Partial<SearchFields>, query: SearchQueryTokens): number {
  const stored = new Set(fields.searchTokens ?? []);
  return query.weighted.reduce((n, g) => n + g.weight * g.tokens.filter((t) => stored.has(t)).length, 0);
}
