/**
 * Closest bank topic for a topic name no alias knows ("Apache Beam", "Elixir", "Kubernets"): by meaning,
 * never at random. Each bank topic has a curated vocabulary (its label, aliases and related `terms`) and
 * the content words of its own questions. A query word scores against a topic by
 * - its best match in the curated vocabulary: exact 1, a shared prefix of 4+ letters 0.85 ("microservice"
 *   / "microservices"), else character-trigram similarity when it is typo-close (≥ 0.6), and
 * - how characteristic it is of the topic's questions (its share of the word's occurrences across the
 *   bank, × 0.5): "goroutines" points at Go even if no curated term lists it.
 * The topic with the highest sum wins when it reaches MIN_SCORE; ties go to the topic listed first.
 */
import { ALIAS_TO_TOPIC, BANK_TOPICS, matchTopic, squash, TOPIC_BY_ID } from './index';

const MIN_SCORE = 0.5;
const CONTENT_WEIGHT = 0.5;

/** Words that say nothing about the subject ("Advanced Go programming" is about Go). */
const GENERIC = new Set(
  (
    'a an and or the of in on for to with without using use by at from into about basic basics advanced ' +
    'intro introduction fundamentals fundamental concepts concept principles interview interviews question ' +
    'questions development developer developers engineering engineer engineers programming programmer ' +
    'language languages framework frameworks skills skill knowledge general core modern best practices ' +
    'practice deep dive topics topic what how why is are be experience level'
  ).split(' '),
);

const STOP = new Set(
  (
    'what when where which while with would your you this that these those there their them they have ' +
    'does from into than then such some each other more most many much also only just like between ' +
    'difference differences explain describe work works working would could should about after before ' +
    'over under using used use make makes made give example examples'
  ).split(' '),
);

function queryWords(text: string): string[] {
  const out: string[] = [];
  for (const w of text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}+#]+/u)) {
    if (w.length >= 2 && !GENERIC.has(w) && !out.includes(w)) out.push(w);
  }
  return out;
}

function trigrams(word: string): Set<string> {
  const s = `  ${word} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= s.length; i++) out.add(s.slice(i, i + 3));
  return out;
}

function dice(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const g of a) if (b.has(g)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/** Similarity of a query word to a vocabulary term, 0..1. */
export function wordSimilarity(word: string, term: string, termGrams = trigrams(term)): number {
  if (word === term) return 1;
  if (Math.min(word.length, term.length) >= 4 && (word.startsWith(term) || term.startsWith(word)))
    return 0.85;
  if (Math.min(word.length, term.length) < 4) return 0;
  const d = dice(trigrams(word), termGrams);
  return d >= 0.6 ? d : 0;
}

interface Vocabulary {
  id: string;
  terms: Array<{ term: string; grams: Set<string> }>;
}

let vocabularies: Vocabulary[] | undefined;
/** word → (topic id → share of the word's occurrences in bank questions). */
let contentShare: Map<string, Map<string, number>> | undefined;

function build() {
  vocabularies = BANK_TOPICS.map((t) => {
    const set = new Set<string>();
    const add = (s: string) => {
      const sq = squash(s);
      if (sq.length >= 2) set.add(sq);
      for (const w of queryWords(s)) set.add(squash(w));
    };
    [t.id, t.label, ...t.aliases, ...t.terms].forEach(add);
    return { id: t.id, terms: [...set].filter(Boolean).map((term) => ({ term, grams: trigrams(term) })) };
  });
  const counts = new Map<string, Map<string, number>>();
  for (const t of BANK_TOPICS) {
    for (const e of t.entries) {
      for (const w of new Set(queryWords(e.question))) {
        if (w.length < 4 || STOP.has(w)) continue;
        const byTopic = counts.get(w) ?? new Map<string, number>();
        byTopic.set(t.id, (byTopic.get(t.id) ?? 0) + 1);
        counts.set(w, byTopic);
      }
    }
  }
  contentShare = new Map();
  for (const [w, byTopic] of counts) {
    const total = [...byTopic.values()].reduce((a, b) => a + b, 0);
    contentShare.set(w, new Map([...byTopic].map(([id, n]) => [id, n / total])));
  }
}

/** Scores of every topic for a free-text name, best first (only topics with a positive score). */
export function rankTopics(text: string): Array<{ id: string; score: number }> {
  if (!vocabularies || !contentShare) build();
  const words = queryWords(text);
  const scores = (vocabularies as Vocabulary[]).map((v) => {
    let score = 0;
    for (const w of words) {
      let best = 0;
      for (const { term, grams } of v.terms) {
        const s = wordSimilarity(w, term, grams);
        if (s > best) best = s;
        if (best === 1) break;
      }
      score += Math.max(
        best,
        CONTENT_WEIGHT * ((contentShare as Map<string, Map<string, number>>).get(w)?.get(v.id) ?? 0),
      );
    }
    return { id: v.id, score };
  });
  return scores.filter((s) => s.score > 0).sort((a, b) => b.score - a.score);
}

/** The closest bank topic id for a name no alias knows, or undefined when nothing is close enough. */
export function closestTopic(text: string): string | undefined {
  const whole = ALIAS_TO_TOPIC.get(squash(text));
  if (whole) return whole;
  const [best] = rankTopics(text);
  return best && best.score >= MIN_SCORE ? best.id : undefined;
}

export interface UncoveredTopic {
  /** The topic as the user wrote it. */
  topic: string;
  /** Label of the bank topic used instead, or null when none is close (the role then decides). */
  closestTopic: string | null;
}

export interface TopicCoverage {
  /** Requested topics the bank covers by name (an alias). */
  covered: string[];
  uncovered: UncoveredTopic[];
}

/** Which requested topics the offline bank covers, and what it uses for the others. */
export function topicCoverage(topics: readonly string[]): TopicCoverage {
  const covered: string[] = [];
  const uncovered: UncoveredTopic[] = [];
  for (const raw of topics) {
    const topic = String(raw ?? '').trim();
    if (!topic) continue;
    if (matchTopic(topic).length) covered.push(topic);
    else {
      const id = closestTopic(topic);
      uncovered.push({ topic, closestTopic: id ? (TOPIC_BY_ID.get(id)?.label ?? id) : null });
    }
  }
  return { covered, uncovered };
}
