/**
 * Offline provider: no network, no key, deterministic. Questions come from the built-in bank
 * (./offline-bank), answers are scored by the heuristic in ./scoring, explanations are assembled from
 * bank entries and model answers.
 *
 * Question selection for a spec:
 * 1. Topics: each requested topic is normalised and matched against the bank vocabulary ("JS" →
 *    javascript, "node" → nodejs, "k8s" → kubernetes, "REST APIs" → api-design...); a topic no alias
 *    knows is replaced by its closest bank topic by meaning (offline-bank/similarity.ts), labelled with
 *    the bank topic's name. When no requested topic resolves, the role decides ("Backend Developer" → nodejs, sql, api-design, system-design);
 *    when the role says nothing either, a general mix is used.
 * 2. Difficulty: `spec.difficulty` when given; otherwise a mix from the experience level (entry/junior
 *    mostly easy, mid-level mostly medium, senior/lead/expert mostly hard), split proportionally.
 * 3. Picking: round-robin over the matched topics, exact difficulty first. When a topic runs dry the
 *    search widens: nearest difficulty in the matched topics, then related topics, then the whole bank.
 *    With an explicit difficulty, related topics at that difficulty come before matched topics at
 *    another difficulty. Questions in `spec.avoid` (compared case/punctuation-insensitively) are skipped.
 * 4. Determinism: the order is a seeded shuffle keyed by (role, experience, sorted topics, difficulty),
 *    so the same spec always yields the same questions.
 */
import { metrics } from '../infra/metrics';
import { AiError } from './errors';
import {
  BANK,
  type BankEntry,
  GENERAL_TOPICS,
  matchTopic,
  RELATED_TOPICS,
  TOPIC_BY_ID,
  topicsForRole,
} from './offline-bank';
import { closestTopic } from './offline-bank/similarity';
import type {
  AiProvider,
  Difficulty,
  Evaluation,
  EvaluationInput,
  Explanation,
  ExplanationInput,
  GeneratedQuestion,
  QuestionSpec,
} from './provider';
import { difficultyMix, difficultyPlan } from './difficulty';
import { LIMITS } from './prompts';
import { normaliseDifficulty } from './schemas';
import { contentTokens, scoreAnswer } from './scoring';
import { hash32, normaliseQuestionText, seededRandom, shuffled, splitSentences, stripControl } from './text';

export { difficultyMix, difficultyPlan } from './difficulty';

const NEAREST: Record<Difficulty, Difficulty[]> = {
  easy: ['easy', 'medium', 'hard'],
  medium: ['medium', 'easy', 'hard'],
  hard: ['hard', 'medium', 'easy'],
};

interface ResolvedTopic {
  id: string;
  /** Topic name reported on generated questions: the user's own wording when they asked for it. */
  display: string;
}

/** Matched topics (tier 1), related ones (tier 2) and the rest of the bank (tier 3). */
export function resolveTopics(spec: Pick<QuestionSpec, 'topics' | 'role'>): ResolvedTopic[][] {
  const label = (id: string) => TOPIC_BY_ID.get(id)?.label ?? id;
  const primary: ResolvedTopic[] = [];
  const has = (list: ResolvedTopic[], id: string) => list.some((t) => t.id === id);
  for (const raw of (spec.topics ?? []).slice(0, LIMITS.topics)) {
    const display = stripControl(String(raw ?? ''))
      .replace(/\s+/g, ' ')
      .slice(0, LIMITS.topic);
    if (!display) continue;
    const ids = matchTopic(display);
    for (const id of ids) if (!has(primary, id)) primary.push({ id, display });
    // A topic no alias knows: its closest bank topic by meaning, labelled as what it really is.
    const closest = ids.length ? undefined : closestTopic(display);
    if (closest && !has(primary, closest)) primary.push({ id: closest, display: label(closest) });
  }
  const roleTopics = topicsForRole(stripControl(String(spec.role ?? '')));
  if (primary.length === 0) {
    for (const id of roleTopics.length ? roleTopics : GENERAL_TOPICS)
      primary.push({ id, display: label(id) });
  }
  const secondary: ResolvedTopic[] = [];
  const addSecondary = (id: string) => {
    if (!has(primary, id) && !has(secondary, id) && TOPIC_BY_ID.has(id))
      secondary.push({ id, display: label(id) });
  };
  for (const t of primary) (RELATED_TOPICS[t.id] ?? []).forEach(addSecondary);
  roleTopics.forEach(addSecondary);
  const tertiary = [...TOPIC_BY_ID.keys()]
    .filter((id) => !has(primary, id) && !has(secondary, id))
    .map((id) => ({ id, display: label(id) }));
  return [primary, secondary, tertiary];
}

function specSeed(spec: QuestionSpec): number {
  const norm = (s: unknown) => normaliseQuestionText(String(s ?? ''));
  return hash32(
    JSON.stringify([
      norm(spec.role),
      norm(spec.experience),
      [...(spec.topics ?? [])].map(norm).sort(),
      normaliseDifficulty(spec.difficulty) ?? '',
    ]),
  );
}

export class OfflineProvider implements AiProvider {
  readonly name = 'offline' as const;
  private readonly byTopic = new Map<string, Map<Difficulty, BankEntry[]>>();
  private readonly byQuestion = new Map<string, BankEntry>();

  constructor(private readonly bank: readonly BankEntry[] = BANK) {
    for (const e of bank) {
      let levels = this.byTopic.get(e.topicId);
      if (!levels) this.byTopic.set(e.topicId, (levels = new Map()));
      const list = levels.get(e.difficulty) ?? [];
      list.push(e);
      levels.set(e.difficulty, list);
      this.byQuestion.set(normaliseQuestionText(e.question), e);
    }
  }

  async generateQuestions(spec: QuestionSpec): Promise<GeneratedQuestion[]> {
    return this.timed('generate', () => this.pickQuestions(spec));
  }

  async evaluateAnswer(input: EvaluationInput): Promise<Evaluation> {
    return this.timed('evaluate', () => {
      const reference =
        stripControl(input.modelAnswer ?? '') ||
        this.byQuestion.get(normaliseQuestionText(input.question ?? ''))?.answer ||
        input.question;
      const { breakdown: _breakdown, ...evaluation } = scoreAnswer(
        input.question ?? '',
        reference,
        input.userAnswer ?? '',
      );
      return evaluation;
    });
  }

  async explainConcept(input: ExplanationInput): Promise<Explanation> {
    return this.timed('explain', () => this.explain(input));
  }

  private async timed<T>(operation: string, fn: () => T): Promise<T> {
    const end = metrics.aiLatency.startTimer({ provider: this.name, operation });
    try {
      const value = fn();
      end({ outcome: 'success' });
      return value;
    } catch (err) {
      end({ outcome: err instanceof AiError ? err.kind : 'error' });
      throw err;
    }
  }

  private pickQuestions(spec: QuestionSpec): GeneratedQuestion[] {
    const count = Math.max(1, Math.min(LIMITS.count, Math.floor(spec.count) || 1));
    const rand = seededRandom(specSeed(spec));
    // The matched topics are sorted before the seeded shuffle, so their order in the request does not matter.
    const tiers = resolveTopics(spec).map((tier, i) =>
      i === 0
        ? shuffled(
            [...tier].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
            rand,
          )
        : tier,
    );
    // Seeded order of every topic's questions, per difficulty.
    const queues = new Map<string, Map<Difficulty, BankEntry[]>>();
    for (const tier of tiers) {
      for (const t of tier) {
        const levels = this.byTopic.get(t.id);
        if (!levels) continue;
        const q = new Map<Difficulty, BankEntry[]>();
        for (const d of ['easy', 'medium', 'hard'] as const) q.set(d, shuffled(levels.get(d) ?? [], rand));
        queues.set(t.id, q);
      }
    }
    const fixed = normaliseDifficulty(spec.difficulty);
    const plan = fixed
      ? Array<Difficulty>(count).fill(fixed)
      : difficultyPlan(count, difficultyMix(String(spec.experience ?? '')), rand);

    const used = new Set((spec.avoid ?? []).map((q) => normaliseQuestionText(String(q ?? ''))));
    const take = (topic: ResolvedTopic, difficulty: Difficulty): GeneratedQuestion | undefined => {
      const list = queues.get(topic.id)?.get(difficulty) ?? [];
      while (list.length) {
        const entry = list.shift() as BankEntry;
        const key = normaliseQuestionText(entry.question);
        if (used.has(key)) continue;
        used.add(key);
        return {
          question: entry.question,
          answer: entry.answer,
          difficulty: entry.difficulty,
          topic: topic.display,
        };
      }
      return undefined;
    };
    /** First available question from `topics` (starting at `start`, round-robin) at one of `levels`. */
    const search = (topics: ResolvedTopic[], levels: Difficulty[], start: number) => {
      for (const level of levels) {
        for (let k = 0; k < topics.length; k++) {
          const q = take(topics[(start + k) % topics.length] as ResolvedTopic, level);
          if (q) return q;
        }
      }
      return undefined;
    };

    const [primary = [], secondary = [], tertiary = []] = tiers;
    const out: GeneratedQuestion[] = [];
    plan.forEach((target, i) => {
      const others = NEAREST[target].slice(1);
      const current = primary.length ? [primary[i % primary.length] as ResolvedTopic] : [];
      const stages: Array<[ResolvedTopic[], Difficulty[]]> = fixed
        ? [
            [primary, [target]],
            [secondary, [target]],
            [primary, others],
            [secondary, others],
            [tertiary, NEAREST[target]],
          ]
        : [
            [current, [target]],
            [primary, [target]],
            [current, others],
            [primary, others],
            [secondary, NEAREST[target]],
            [tertiary, NEAREST[target]],
          ];
      for (const [topics, levels] of stages) {
        const q = search(topics, levels, topics === primary ? i : 0);
        if (q) {
          out.push(q);
          return;
        }
      }
    });
    if (out.length === 0) {
      throw new AiError(
        'bad_output',
        'The offline question bank has no new questions left for this request',
        {
          retryable: false,
        },
      );
    }
    return out;
  }

  /** Closest bank entry to a question: exact text, else the best content-word overlap (≥ 50%). */
  findEntry(question: string, topic?: string): BankEntry | undefined {
    const exact = this.byQuestion.get(normaliseQuestionText(question));
    if (exact) return exact;
    const target = new Set(contentTokens(question).map((t) => t.stem));
    if (target.size === 0) return undefined;
    const topicIds = topic ? matchTopic(topic) : [];
    let best: { entry: BankEntry; score: number } | undefined;
    for (const entry of this.bank) {
      const words = new Set(contentTokens(entry.question).map((t) => t.stem));
      let shared = 0;
      for (const w of words) if (target.has(w)) shared++;
      const score =
        shared / (target.size + words.size - shared) + (topicIds.includes(entry.topicId) ? 0.05 : 0);
      if (!best || score > best.score) best = { entry, score };
    }
    return best && best.score >= 0.5 ? best.entry : undefined;
  }

  private explain(input: ExplanationInput): Explanation {
    const question = stripControl(input.question ?? '');
    const entry = this.findEntry(question, input.topic);
    const answer = stripControl(input.answer ?? '') || entry?.answer || '';
    const topicIds = input.topic ? matchTopic(input.topic) : entry ? [entry.topicId] : matchTopic(question);
    const topicLabel =
      TOPIC_BY_ID.get(topicIds[0] ?? entry?.topicId ?? '')?.label ?? stripControl(input.topic ?? '');

    // Related questions from the same topic, most similar first, to point the learner further.
    const related = this.relatedEntries(question, topicIds, entry).slice(0, 3);
    const relatedText = related.length
      ? `\n\nRelated questions worth reviewing${topicLabel ? ` in ${topicLabel}` : ''}: ${related.map((r) => `"${r.question}"`).join('; ')}.`
      : '';

    if (!answer) {
      return {
        explanation:
          `The offline assistant has no model answer for this question${topicLabel ? ` (${topicLabel})` : ''}, ` +
          'so it cannot explain it in detail. Add a model answer to the question, or configure an AI provider, ' +
          `for a full explanation.${relatedText}`,
        keyPoints: related.map((r) => splitSentences(r.answer)[0] ?? r.answer).slice(0, 3),
      };
    }

    const sentences = splitSentences(answer);
    const explanation = `${answer}${relatedText}`;
    const keyPoints = (sentences.length > 1 ? sentences : answer.split(/;\s+/))
      .map((s) => s.trim())
      .filter((s) => s.length > 0)
      .slice(0, 6);
    const example = sentences.find((s) =>
      /\b(for example|for instance|e\.g\.|such as)\b|`|=>|\bSELECT\b|\(\)/i.test(s),
    );
    return example ? { explanation, keyPoints, example } : { explanation, keyPoints };
  }

  private relatedEntries(question: string, topicIds: string[], self?: BankEntry): BankEntry[] {
    if (topicIds.length === 0) return [];
    const target = new Set(contentTokens(question).map((t) => t.stem));
    return this.bank
      .filter((e) => topicIds.includes(e.topicId) && e !== self)
      .map((e) => {
        let shared = 0;
        for (const t of contentTokens(e.question)) if (target.has(t.stem)) shared++;
        return { e, shared };
      })
      .filter((x) => x.shared > 0)
      .sort((a, b) => b.shared - a.shared || (a.e.id < b.e.id ? -1 : 1))
      .map((x) => x.e);
  }
}
