import {
  buildQueryTokens,
  buildSearchFields,
  fuzzyVariants,
  SCORE_WEIGHTS,
  scoreQuestion,
  tokenizeWords,
  wordPrefixes,
} from '../../src/modules/questions/search-tokens';
import { questionFingerprint } from '../../src/modules/questions/fingerprint';
import { cacheKeyMaterial, generationCacheKey } from '../../src/modules/questions/generation-cache';

describe('tokenizeWords', () => {
  it('lower-cases, drops stop words, symbols and one-letter words, keeps c++ / c#', () => {
    expect(tokenizeWords('What is a Closure in JavaScript?')).toEqual(['closure', 'javascript']);
    expect(tokenizeWords('C++ vs C# vs .NET (a+)+$')).toEqual(['c++', 'vs', 'c#', 'net']);
    expect(tokenizeWords('.* [ \\ $regex a+')).toEqual(['regex']);
    expect(tokenizeWords('')).toEqual([]);
    expect(tokenizeWords(undefined)).toEqual([]);
  });
  it('de-duplicates and bounds word length', () => {
    expect(tokenizeWords('node node NODE')).toEqual(['node']);
    expect(tokenizeWords('x'.repeat(100))[0]).toHaveLength(40);
  });
});

describe('fuzzyVariants', () => {
  it('adds every one-deletion variant for words of 4+ characters', () => {
    expect(fuzzyVariants('node').sort()).toEqual(['node', 'ode', 'nde', 'noe', 'nod'].sort());
    expect(fuzzyVariants('css')).toEqual(['css']);
  });
  it.each([
    ['closure', 'clousre'], // transposition
    ['closure', 'closore'], // substitution
    ['closure', 'closre'], // deletion
    ['closure', 'closuree'], // insertion
    ['javascript', 'javscript'],
  ])('%s and %s share a token', (a, b) => {
    const va = new Set(fuzzyVariants(a));
    expect(fuzzyVariants(b).some((v) => va.has(v))).toBe(true);
  });
  it('unrelated words share none', () => {
    const va = new Set(fuzzyVariants('closure'));
    expect(fuzzyVariants('promise').some((v) => va.has(v))).toBe(false);
  });
});

describe('scoreQuestion', () => {
  const closure = buildSearchFields({
    question: 'What is a closure?',
    answer: 'A function with its scope.',
    tags: ['functions'],
    category: 'JS',
  });
  const mention = buildSearchFields({
    question: 'Explain hoisting',
    answer: 'Not to be confused with a closure.',
  });
  it('scores exact question words above fuzzy matches above answer-only mentions', () => {
    const exact = scoreQuestion(closure, buildQueryTokens('closure'));
    const typo = scoreQuestion(closure, buildQueryTokens('clousre'));
    const answerOnly = scoreQuestion(mention, buildQueryTokens('closure'));
    expect(exact).toBeGreaterThan(typo);
    expect(typo).toBeGreaterThan(0);
    expect(answerOnly).toBeGreaterThan(0);
    expect(exact).toBeGreaterThan(answerOnly);
  });
  it('indexes tags and category as question words; no match scores 0', () => {
    expect(scoreQuestion(closure, buildQueryTokens('functions'))).toBeGreaterThan(0);
    expect(scoreQuestion(closure, buildQueryTokens('js'))).toBeGreaterThan(0);
    expect(scoreQuestion(closure, buildQueryTokens('kubernetes'))).toBe(0);
  });
  it('scores a multi-word query as the sum of its words, a shared typo variant counting for each', () => {
    const q = buildSearchFields({
      question: 'Closure scope and event loop',
      answer: 'The loop runs callbacks.',
    });
    const both = scoreQuestion(q, buildQueryTokens('closure loop'));
    expect(both).toBe(
      scoreQuestion(q, buildQueryTokens('closure')) + scoreQuestion(q, buildQueryTokens('loop')),
    );
    // "cost" and "cast" share the variant "cst": a question holding it earns it twice
    const cst = buildSearchFields({ question: 'cost', answer: 'n/a here' });
    const tokens = buildQueryTokens('cost cast');
    expect(scoreQuestion(cst, tokens)).toBe(
      scoreQuestion(cst, buildQueryTokens('cost')) + scoreQuestion(cst, buildQueryTokens('cast')),
    );
    expect(tokens.weighted.find((g) => g.tokens.includes('f:cst'))?.weight).toBe(2);
    // every matched token appears once in `all`, and in exactly one weight group
    const grouped = tokens.weighted.flatMap((g) => g.tokens);
    expect(new Set(grouped).size).toBe(grouped.length);
    expect([...grouped].sort()).toEqual([...tokens.all].sort());
  });
  it('caps query words at 12', () => {
    expect(buildQueryTokens(Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ')).words).toHaveLength(
      12,
    );
  });
});

describe('questionFingerprint', () => {
  it('folds case, punctuation, whitespace and Unicode forms', () => {
    expect(questionFingerprint('What is a closure?')).toBe(questionFingerprint('  what IS a   closure!! '));
    expect(questionFingerprint('ｗｈａｔ is a closure')).toBe(questionFingerprint('what is a closure'));
    expect(questionFingerprint('What is a closure?')).not.toBe(questionFingerprint('What is a promise?'));
    expect(questionFingerprint('x')).toMatch(/^[a-f0-9]{40}$/);
  });
});

describe('generation cache key', () => {
  const base = { role: 'Backend Developer', experience: 'senior', topics: ['Node.js', 'MongoDB'] };
  it('normalises case, whitespace and topic order, without touching the input', () => {
    const topics = ['  mongodb', 'NODE.JS ', 'MongoDB'];
    expect(generationCacheKey({ ...base, role: ' backend  developer ', topics })).toBe(
      generationCacheKey(base),
    );
    expect(topics).toEqual(['  mongodb', 'NODE.JS ', 'MongoDB']);
    expect(generationCacheKey(base)).toMatch(/^cache:generation:[a-f0-9]{40}$/);
  });
  it('differs by difficulty, experience and topics', () => {
    const k = generationCacheKey(base);
    expect(generationCacheKey({ ...base, difficulty: 'hard' })).not.toBe(k);
    expect(generationCacheKey({ ...base, experience: 'junior' })).not.toBe(k);
    expect(generationCacheKey({ ...base, topics: ['Node.js'] })).not.toBe(k);
    expect(cacheKeyMaterial({ ...base, difficulty: null })).toContain('"any"');
  });
});

describe('word prefixes', () => {
  it('stores proper prefixes of 3+ characters of question, category and tag words, not answer words', () => {
    expect(wordPrefixes('mongodb')).toEqual(['mon', 'mong', 'mongo', 'mongod']);
    expect(wordPrefixes('css')).toEqual([]);
    const f = buildSearchFields({
      question: 'Replica sets',
      answer: 'Elections pick a primary.',
      category: 'MongoDB',
      tags: ['availability'],
    });
    expect(f.searchTokens).toEqual(expect.arrayContaining(['p:repl', 'p:mongo', 'p:avail']));
    expect(f.searchTokens.filter((t) => t.startsWith('p:ele'))).toEqual([]);
  });

  it('a query word matches longer words it starts, weighted between exact and fuzzy', () => {
    const q = buildSearchFields({ question: 'How does MongoDB replication work?', answer: 'Oplog tailing.' });
    expect(scoreQuestion(q, buildQueryTokens('mongo'))).toBe(SCORE_WEIGHTS.prefix);
    expect(scoreQuestion(q, buildQueryTokens('repl'))).toBe(SCORE_WEIGHTS.prefix);
    expect(scoreQuestion(q, buildQueryTokens('mongodb'))).toBeGreaterThan(SCORE_WEIGHTS.prefix);
    expect(scoreQuestion(q, buildQueryTokens('re'))).toBe(0);
    expect(buildQueryTokens('go').all).not.toContain('p:go');
  });
});
