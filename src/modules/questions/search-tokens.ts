/**
 * Pure text logic behind question search. No regex is ever built from user input: text is split into
 * words, and words into tokens that are stored on each question and matched with `$in`.
 *
 * Typo tolerance uses deletion neighbourhoods (the SymSpell idea, an n-gram family): every word of 4+
 * characters is stored together with each variant that has one character removed. Two words within one
 * edit (substitution, insertion, deletion or adjacent transposition: "closure" / "clousre" / "closre" /
 * "closures") always share at least one such token, which plain trigrams miss for short words. The
 * tokens live in three fields and a match is scored by weighted overlap:
 *   searchWords  exact words of the question, topic/category and tags   (weight 3)
 *   searchFuzzy  those words plus their one-deletion variants            (weight 1)
 *   answerWords  exact words of the answer                               (weight 1)
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

export const SCORE_WEIGHTS = { exact: 3, fuzzy: 1, answer: 1 } as const;

/**
 * Lower-cased words: runs of letters and digits, with a trailing `++` or `#` kept (c++, c#), every other
 * symbol dropped. Stop words and one-letter words (other than c++/c#-like ones) are dropped; duplicates go.
 */
export function tokenizeWords(text: string | undefined | null): string[] {
  if (!text) return [];
  const out = new Set<string>();
  const matches = text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+(?:\+\+|#)?/gu) ?? [];
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

export interface SearchFields {
  searchWords: string[];
  searchFuzzy: string[];
  answerWords: string[];
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
  for (const w of words) for (const v of fuzzyVariants(w)) fuzzy.add(v);
  return { searchWords: [...words], searchFuzzy: [...fuzzy], answerWords: tokenizeWords(q.answer) };
}

export interface SearchQueryTokens {
  words: string[];
  fuzzy: string[];
}

/** Tokens of a user query (at most 12 words: a search box, not a document). */
export function buildQueryTokens(q: string): SearchQueryTokens {
  const words = tokenizeWords(q).slice(0, 12);
  const fuzzy = new Set<string>();
  for (const w of words) for (const v of fuzzyVariants(w)) fuzzy.add(v);
  return { words, fuzzy: [...fuzzy] };
}

const overlap = (stored: readonly string[] | undefined, wanted: ReadonlySet<string>) => {
  let n = 0;
  for (const t of stored ?? []) if (wanted.has(t)) n++;
  return n;
};

/** Relevance of one question for a query: weighted token overlap (higher is better; 0 = no match). */
export function scoreQuestion(fields: Partial<SearchFields>, query: SearchQueryTokens): number {
  const words = new Set(query.words);
  const fuzzy = new Set(query.fuzzy);
  return (
    SCORE_WEIGHTS.exact * overlap(fields.searchWords, words) +
    SCORE_WEIGHTS.fuzzy * overlap(fields.searchFuzzy, fuzzy) +
    SCORE_WEIGHTS.answer * overlap(fields.answerWords, words)
  );
}
