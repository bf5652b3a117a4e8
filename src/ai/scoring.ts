/**
 * Deterministic answer scorer used by the offline provider (and for blank answers by every provider).
 *
 * How it scores (0..10):
 * - Concept coverage (70%): the model answer's content words (stop words removed, light stemming) are
 *   the key concepts; words that merely repeat the question weigh less, words the model answer stresses
 *   (repeats) weigh more, and matching two-word phrases earn a bonus. Covering ~65% of the weight counts
 *   as full coverage: a good answer does not need the model answer's exact words.
 * - Length (15%): relative to the model answer (about 60% of its length is enough); very short answers
 *   are penalised.
 * - Structure (15%): several sentences, a concrete example or code, and reasoning ("because", "so that").
 * An answer that shares almost nothing with the model answer is capped at 1-2 whatever its length.
 *
 * Behavioural questions ("Tell me about a time…") are scored differently: STAR structure 45% (a specific
 * situation, first-person actions, a result, a lesson), length 25%, overlap with the guidance 30%.
 */
import type { Evaluation } from './provider';
import { splitSentences, stripControl } from './text';

const STOP_WORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below ' +
    'between both but by can cannot could did do does doing down during each either else etc even ever every ' +
    'few for from further get gets got had has have having he her here hers him his how however i if in into ' +
    'is it its itself just least less let like made make makes many may me might more most much must my ' +
    'need needs no nor not now of off often on once one only or other others otherwise our ours out over ' +
    'own per rather really same see she should since so some something such than that the their theirs them ' +
    'then there these they thing things this those though through thus to too two under until up upon us ' +
    'use used uses using usually very via was way ways we well were what when where whether which while who ' +
    'whom whose why will with within without would yes yet you your yours eg ie vs basically simply means ' +
    'mean example examples instance typically generally called'
  ).split(' '),
);

/** Very light stemmer: enough to match "closures"/"closure", "indexing"/"index", "cached"/"cache". */
export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is'))
    w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

interface Token {
  stem: string;
  surface: string;
}

/** Content words of a text: lower-cased, stop words removed, stemmed. */
export function contentTokens(text: string): Token[] {
  const out: Token[] = [];
  for (const raw of text.toLowerCase().split(/[^a-z0-9+#]+/)) {
    const word = raw.replace(/^[+#]+|[+]+$/g, '');
    if (word.length < 2 || STOP_WORDS.has(word) || /^\d+$/.test(word)) continue;
    if (word.length < 3 && !/^(c#|c\+\+|io|ui|ux|ci|cd|os|ip|db|ml|ai|id|js|ts|k8)$/.test(word)) continue;
    out.push({ stem: stem(word), surface: word });
  }
  return out;
}

/** Share of the weighted key concepts that counts as complete coverage. */
const FULL_COVERAGE = 0.65;

const wordCount = (text: string) => (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;

const EXAMPLE_PATTERN =
  /\b(for example|for instance|e\.g\.|such as|imagine|suppose|consider)\b|`|=>|\(\)|[{};]\s|\bSELECT\b/i;
const REASONING_PATTERN =
  /\b(because|so that|therefore|which means|this means|as a result|whereas|instead|trade-?off|however|otherwise|in contrast|since)\b/i;

/** "Tell me about a time…", "Describe a situation…": answers are judged on STAR structure, not jargon. */
const BEHAVIOURAL_QUESTION =
  /^(tell me about (a|an|the) (time|situation|project|mistake|conflict)|describe (a|an) (time|situation|project)|give (me )?an example of|how (do|did|have) you (handle|deal|approach|manage)d?|have you ever|what would you do if)|\ba time (when|you)\b/i;

export function isBehaviouralQuestion(question: string): boolean {
  return BEHAVIOURAL_QUESTION.test(question.trim());
}

const STAR = {
  situation:
    /\b(once|when I|at my (last |previous |current )?(job|company|role|team)|in my (last|previous|current) (job|role|team|company)|on a project|our team|the team|a client|a customer|we had|there was|last year)\b/i,
  result:
    /\b(result(ed)?|outcome|as a result|reduc(ed|ing)|improv(ed|ing)|increas(ed|ing)|decreas(ed|ing)|sav(ed|ing)|deliver(ed)?|launch(ed)?|shipped|resolv(ed)?|fixed|succeeded|on time|since then|\d+(\.\d+)?\s?%|\d+\s?(x|times|minutes|hours|days|weeks|months|users|customers|ms|seconds))\b/i,
  learning:
    /\b(learn(ed|t)?|lesson|taught me|now I|since then|going forward|next time|would do differently|in hindsight|afterwards I|from then on)\b/i,
};

/** Counts first-person actions ("I rolled back", "I proposed"), ignoring "I am", "I think"... */
function firstPersonActions(text: string): number {
  return (
    text.match(
      /\bI\s+(?!am\b|was\b|think\b|would\b|like\b|love\b|guess\b|believe\b|feel\b|don't\b|do not\b)[a-z]+/gi,
    ) ?? []
  ).length;
}

/** The evaluation for an empty answer, or null when the answer has content. */
export function blankAnswerEvaluation(userAnswer: string | undefined | null): Evaluation | null {
  if (wordCount(stripControl(userAnswer ?? '')) > 0) return null;
  return {
    score: 0,
    feedback:
      'No answer was given, so there is nothing to score yet. Write your answer in your own words and try again.',
    strengths: [],
    improvements: [
      'Write an answer that addresses the question directly, then explain the reasoning behind it.',
    ],
  };
}

const list = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

export interface ScoreBreakdown {
  coverage: number;
  lengthScore: number;
  structureScore: number;
  behavioural?: boolean;
}

/** Scores `userAnswer` against `modelAnswer` for `question`. Pure and deterministic. */
export function scoreAnswer(
  question: string,
  modelAnswer: string,
  userAnswer: string,
): Evaluation & { breakdown: ScoreBreakdown } {
  const blank = blankAnswerEvaluation(userAnswer);
  if (blank) return { ...blank, breakdown: { coverage: 0, lengthScore: 0, structureScore: 0 } };
  const answer = stripControl(userAnswer);

  const questionStems = new Set(contentTokens(question).map((t) => t.stem));
  const modelTokens = contentTokens(modelAnswer);
  const userTokens = contentTokens(answer);
  const userStems = new Set(userTokens.map((t) => t.stem));

  // Weighted key concepts of the model answer.
  const weights = new Map<string, number>();
  const surface = new Map<string, string>();
  for (const t of modelTokens) {
    const base = questionStems.has(t.stem) ? 0.4 : 1;
    weights.set(t.stem, Math.min((weights.get(t.stem) ?? 0) + base, base * 2));
    if (!surface.has(t.stem)) surface.set(t.stem, t.surface);
  }
  const totalWeight = [...weights.values()].reduce((a, b) => a + b, 0) || 1;
  let covered = 0;
  for (const [s, w] of weights) if (userStems.has(s)) covered += w;

  // Two-word phrases shared with the model answer (order matters: "event loop", "primary key").
  const bigrams = (tokens: Token[]) => new Set(tokens.slice(1).map((t, i) => `${tokens[i]?.stem} ${t.stem}`));
  const modelBigrams = bigrams(modelTokens);
  const userBigrams = bigrams(userTokens);
  let sharedBigrams = 0;
  for (const b of userBigrams) if (modelBigrams.has(b)) sharedBigrams++;
  const phraseBonus = modelBigrams.size ? Math.min(0.15, (sharedBigrams / modelBigrams.size) * 0.3) : 0;

  const coverage = Math.min(1, covered / totalWeight + phraseBonus);
  const conceptScore = Math.min(1, coverage / FULL_COVERAGE);

  const userWords = wordCount(answer);
  const targetWords = Math.max(20, wordCount(modelAnswer) * 0.6);
  let lengthScore = Math.min(1, userWords / targetWords);
  if (userWords < 8) lengthScore *= 0.5;

  const sentences = splitSentences(answer);
  const hasExample = EXAMPLE_PATTERN.test(answer);
  const hasReasoning = REASONING_PATTERN.test(answer);
  const behavioural = isBehaviouralQuestion(question);
  const star = {
    situation: STAR.situation.test(answer),
    action: firstPersonActions(answer) >= 2,
    result: STAR.result.test(answer),
    learning: STAR.learning.test(answer),
  };
  const starScore = Object.values(star).filter(Boolean).length / 4;
  const structureScore = behavioural
    ? starScore
    : (sentences.length >= 2 ? 0.4 : 0) + (hasExample ? 0.3 : 0) + (hasReasoning ? 0.3 : 0);

  // Technical answers live or die by their concepts; behavioural answers by a concrete, complete story
  // (the model answer there is guidance, so its words matter less).
  let raw = behavioural
    ? 0.3 * conceptScore + 0.45 * structureScore + 0.25 * lengthScore
    : 0.7 * conceptScore + 0.15 * lengthScore + 0.15 * structureScore;
  if (behavioural ? coverage < 0.05 && starScore < 0.5 : coverage < 0.08) raw = Math.min(raw, 0.15);
  const score = Math.max(0, Math.min(10, Math.round(raw * 10)));

  // Strengths: the most important concepts the answer covers, plus form.
  const coveredTerms = [...weights.entries()]
    .filter(([s]) => userStems.has(s) && !questionStems.has(s))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 5)
    .map(([s]) => surface.get(s) ?? s);
  const strengths: string[] = [];
  if (behavioural) {
    // The model answer is guidance on how to answer; its words are not concepts to list back.
    if (star.situation) strengths.push('Grounds the answer in a specific, real situation.');
    if (star.action) strengths.push('Describes what you personally did.');
    if (star.result) strengths.push('States the outcome of your actions.');
    if (star.learning) strengths.push('Reflects on what you learned.');
  } else {
    if (coveredTerms.length >= 2) strengths.push(`Covers key concepts: ${list(coveredTerms)}.`);
    else if (coveredTerms.length === 1) {
      strengths.push(`Touches on ${coveredTerms[0]}, which is central to the answer.`);
    }
    if (lengthScore >= 0.9 && conceptScore >= 0.5) strengths.push('Gives a reasonable level of detail.');
    if (hasExample) strengths.push('Uses a concrete example or code to illustrate the point.');
    if (hasReasoning) strengths.push('Explains the reasoning, not just the facts.');
  }

  // Improvements: the model-answer sentences whose concepts are most missing, then form.
  const improvements: string[] = [];
  const missingBySentence = splitSentences(modelAnswer)
    .map((sentence, index) => {
      const stems = [...new Set(contentTokens(sentence).map((t) => t.stem))];
      const missing = stems.filter((s) => !userStems.has(s) && !questionStems.has(s));
      return { sentence, index, missing, ratio: stems.length ? missing.length / stems.length : 0 };
    })
    .filter((s) => s.missing.length >= 2 && s.ratio >= 0.5)
    .sort((a, b) => b.missing.length - a.missing.length || a.index - b.index)
    .slice(0, behavioural ? 1 : 2);
  if (behavioural) {
    if (!star.situation)
      improvements.push('Anchor the answer in one specific situation: where, when, what was at stake.');
    if (!star.action) improvements.push('Focus on what you personally did: say "I", not only "we".');
    if (!star.result) improvements.push('Finish with a concrete, ideally measurable result.');
    if (!star.learning) improvements.push('Close with what you learned or would do differently.');
  }
  for (const s of missingBySentence) {
    improvements.push(
      behavioural
        ? `Keep in mind the guidance for this question: "${s.sentence}"`
        : `Also cover this point from the model answer: "${s.sentence}"`,
    );
  }
  if (userWords < targetWords * 0.5) {
    improvements.push(
      behavioural
        ? 'Tell the story in more detail: situation, task, your actions and the result (STAR).'
        : 'Add more detail: explain how it works, not only what it is.',
    );
  }
  if (!behavioural && !hasExample) improvements.push('Support the answer with a short concrete example.');
  if (!behavioural && !hasReasoning && score < 9)
    improvements.push('Explain why: the trade-offs or the reason behind the behaviour.');

  let feedback: string;
  if (behavioural) {
    if (score >= 8) feedback = 'Strong answer: a specific story with clear actions and an outcome.';
    else if (score >= 5)
      feedback = 'A reasonable answer, but the story is missing parts an interviewer listens for.';
    else if (score >= 2)
      feedback = 'The answer needs a concrete example told as a story (situation, action, result).';
    else feedback = 'The answer does not address what the question asks.';
  } else if (score >= 8)
    feedback = 'Strong answer: it covers the essential points accurately and is well explained.';
  else if (score >= 6)
    feedback =
      'Good answer that gets the main idea right, but it misses some points an interviewer would expect.';
  else if (score >= 4)
    feedback = 'Partly correct: the answer touches the topic but leaves out important concepts.';
  else if (score >= 2) feedback = 'The answer is thin on the concepts this question is about.';
  else feedback = 'The answer does not address what the question asks.';
  if (behavioural) {
    const parts = (['situation', 'action', 'result', 'learning'] as const).filter((k) => star[k]);
    feedback += ` Story structure: ${parts.length ? parts.join(', ') : 'none of situation, action, result, learning'}.`;
  } else {
    feedback += ` It covers about ${Math.round(coverage * 100)}% of the key concepts in the model answer.`;
  }
  const next = improvements[0];
  if (next) feedback += ` Next step: ${next.charAt(0).toLowerCase()}${next.slice(1)}`;

  return {
    score,
    feedback,
    strengths,
    improvements: improvements.slice(0, 5),
    breakdown: { coverage: Math.round(coverage * 1000) / 1000, lengthScore, structureScore, behavioural },
  };
}
