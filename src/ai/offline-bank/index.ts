/**
 * The offline question bank: real interview questions with model answers, by topic and difficulty, plus
 * the vocabulary used to match free-text topics and roles to bank topics. The content is data
 * (data/<topic>.json, listed in catalog.ts), validated once when this module loads: a malformed file
 * fails the process at start, not a request later.
 *
 * Each topic file: { id, label, aliases[], related[], terms[], entries[{difficulty, question, answer}] }
 * - aliases: exact names of the topic, "squashed" (see squash()): "nodejs", "k8s", "restapis".
 * - related: topic ids an interviewer for this topic would plausibly ask about too (used when it runs dry).
 * - terms: related words (tools, concepts) used to find the closest topic for a name no alias knows.
 */
import { z } from 'zod';
import type { Difficulty } from '../provider';
import { TOPIC_FILES } from './catalog';

const entrySchema = z.object({
  difficulty: z.enum(['easy', 'medium', 'hard']),
  question: z.string().min(10).max(2000),
  answer: z.string().min(80).max(5000),
});

const topicSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  label: z.string().min(1).max(60),
  aliases: z.array(z.string().min(1)),
  related: z.array(z.string()),
  terms: z.array(z.string().min(2)),
  entries: z.array(entrySchema).min(1),
});

export interface BankTopic {
  /** Canonical topic id (lower-case, hyphenated), e.g. "nodejs", "system-design". */
  id: string;
  /** Display name, e.g. "Node.js". */
  label: string;
  aliases: readonly string[];
  related: readonly string[];
  terms: readonly string[];
  entries: ReadonlyArray<{ difficulty: Difficulty; question: string; answer: string }>;
}

export const BANK_TOPICS: readonly BankTopic[] = TOPIC_FILES.map((raw, i) => {
  const parsed = topicSchema.safeParse(raw);
  if (!parsed.success)
    throw new Error(`offline bank file #${i} is invalid: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
  return parsed.data;
});

export interface BankEntry {
  /** Stable id: `<topic>-<n>`. */
  id: string;
  topicId: string;
  topicLabel: string;
  difficulty: Difficulty;
  question: string;
  answer: string;
}

export const BANK: readonly BankEntry[] = BANK_TOPICS.flatMap((t) =>
  t.entries.map(({ difficulty, question, answer }, i) => ({
    id: `${t.id}-${i + 1}`,
    topicId: t.id,
    topicLabel: t.label,
    difficulty,
    question,
    answer,
  })),
);

export const TOPIC_BY_ID: ReadonlyMap<string, BankTopic> = new Map(BANK_TOPICS.map((t) => [t.id, t]));

/** "Node.js" → "nodejs", "CI/CD" → "cicd", "C#" → "c#". */
export function squash(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}+#]+/gu, '');
}

/** Alias → topic id. A topic's own id and label are aliases too ("SQL & Databases" → sql). */
export const ALIAS_TO_TOPIC: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const t of BANK_TOPICS)
    for (const a of [squash(t.id), squash(t.label), ...t.aliases.map(squash)])
      if (!map.has(a)) map.set(a, t.id);
  return map;
})();

/** Topic ids to fall back on when a requested topic's bank runs dry. */
export const RELATED_TOPICS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  BANK_TOPICS.map((t) => [t.id, t.related.filter((id) => TOPIC_BY_ID.has(id))]),
);
const ROLE_RULES: Array<{ pattern: RegExp; topics: string[] }> = [
  { pattern: /full[\s-]?stack/i, topics: ['javascript', 'react', 'nodejs', 'api-design', 'sql'] },
  {
    pattern: /front[\s-]?end|\bui\b|web develop/i,
    topics: ['javascript', 'react', 'html-css', 'typescript'],
  },
  { pattern: /back[\s-]?end|\bserver|\bapis?\b/i, topics: ['nodejs', 'sql', 'api-design', 'system-design'] },
  {
    pattern: /devops|\bsre\b|site reliability|platform|infrastructure|cloud/i,
    topics: ['docker', 'kubernetes', 'ci-cd', 'linux', 'cloud', 'devops', 'observability'],
  },
  {
    pattern: /data scien|data analy|analyst|statistic/i,
    topics: ['data-science', 'python', 'machine-learning', 'sql'],
  },
  {
    pattern: /machine learning|\bml\b|\bai\b|deep learning/i,
    topics: ['machine-learning', 'mlops', 'python', 'data-science'],
  },
  {
    pattern: /data engineer|\betl\b|analytics engineer/i,
    topics: ['data-engineering', 'sql', 'python', 'kafka'],
  },
  { pattern: /security|appsec|penetration|cyber/i, topics: ['security', 'networking', 'linux'] },
  { pattern: /\bqa\b|\btest|\bquality/i, topics: ['testing', 'ci-cd', 'javascript'] },
  { pattern: /mobile|android|\bios\b/i, topics: ['mobile', 'api-design', 'testing'] },
  {
    pattern: /architect|principal|staff/i,
    topics: ['system-design', 'microservices', 'api-design', 'cloud'],
  },
  { pattern: /product (manager|owner|lead)|\bpm\b/i, topics: ['product-sense', 'behavioral'] },
  { pattern: /\bmanager|\blead\b|\bhead of/i, topics: ['behavioral', 'system-design'] },
];

/** When nothing else matches (roles such as "interviewer", "practice", "mock-interview"). */
export const GENERAL_TOPICS = ['javascript', 'dsa', 'system-design', 'api-design', 'sql', 'behavioral'];

/** Topic ids mentioned by a free-text topic: the whole text, then its words and word pairs. */
export function matchTopic(text: string): string[] {
  const whole = ALIAS_TO_TOPIC.get(squash(text));
  if (whole) return [whole];
  const words = text
    .toLowerCase()
    .split(/[\s,/&|;:()-]+|\band\b/)
    .map(squash)
    .filter(Boolean);
  const found: string[] = [];
  const add = (id: string | undefined) => {
    if (id && !found.includes(id)) found.push(id);
  };
  for (let i = 0; i < words.length; i++) {
    add(ALIAS_TO_TOPIC.get(`${words[i]}${words[i + 1] ?? ''}`));
    add(ALIAS_TO_TOPIC.get(words[i] ?? ''));
    // plural / singular ("databases", "containers", "APIs")
    const w = words[i] ?? '';
    if (w.endsWith('s')) add(ALIAS_TO_TOPIC.get(w.slice(0, -1)));
  }
  return found;
}

/** Topic ids for a role: explicit technology words first ("Java Developer"), then role families. */
export function topicsForRole(role: string): string[] {
  const out: string[] = [];
  const add = (id: string) => {
    if (!out.includes(id)) out.push(id);
  };
  // Technology words in the role ("Java Developer", "Python Backend Engineer"). The words back-end,
  // front-end and full-stack are left to the role rules below, which cover them more broadly.
  const techWords = role.replace(/\b(back|front|full)[\s-]?(end|stack)\b/gi, ' ');
  for (const id of matchTopic(techWords)) add(id);
  for (const rule of ROLE_RULES) if (rule.pattern.test(role)) rule.topics.forEach(add);
  return out;
}
