import { readdirSync } from 'node:fs';
import path from 'node:path';
import {
  ALIAS_TO_TOPIC,
  BANK,
  BANK_TOPICS,
  matchTopic,
  squash,
  topicsForRole,
} from '../../../src/ai/offline-bank';
import { closestTopic, rankTopics, topicCoverage } from '../../../src/ai/offline-bank/similarity';
import { OfflineProvider } from '../../../src/ai/offline.provider';
import { normaliseQuestionText } from '../../../src/ai/text';

describe('offline bank integrity (data files)', () => {
  it('every data file is listed in the catalog and loaded', () => {
    const dir = path.join(__dirname, '../../../src/ai/offline-bank/data');
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -5))
      .sort();
    expect(BANK_TOPICS.map((t) => t.id).sort()).toEqual(files);
  });

  it('has at least 40 topics and 500 entries', () => {
    expect(BANK_TOPICS.length).toBeGreaterThanOrEqual(40);
    expect(BANK.length).toBeGreaterThanOrEqual(500);
  });

  it('has no duplicate questions, across topics too', () => {
    const seen = new Map<string, string>();
    const dups: string[] = [];
    for (const e of BANK) {
      const key = normaliseQuestionText(e.question);
      if (seen.has(key)) dups.push(`${seen.get(key)} / ${e.id}`);
      seen.set(key, e.id);
    }
    expect(dups).toEqual([]);
  });

  it('every answer is non-trivial: 150+ characters, several sentences, not a restatement of the question', () => {
    const bad = BANK.filter(
      (e) =>
        e.answer.length < 150 ||
        e.answer.split(/[.!?](\s|$)/).filter((s) => s.trim().length > 10).length < 2 ||
        normaliseQuestionText(e.answer).startsWith(normaliseQuestionText(e.question)),
    );
    expect(bad.map((e) => e.id)).toEqual([]);
  });

  it('every difficulty is valid and every topic has easy, medium and hard entries', () => {
    expect(BANK.filter((e) => !['easy', 'medium', 'hard'].includes(e.difficulty))).toEqual([]);
    const missing = BANK_TOPICS.filter(
      (t) => new Set(t.entries.map((e) => e.difficulty)).size !== 3 || t.entries.length < 8,
    );
    expect(missing.map((t) => t.id)).toEqual([]);
  });

  it('no alias is claimed by two topics, and related ids exist', () => {
    const owners = new Map<string, string[]>();
    for (const t of BANK_TOPICS)
      for (const a of t.aliases.map(squash)) owners.set(a, [...(owners.get(a) ?? []), t.id]);
    expect([...owners].filter(([, ids]) => ids.length > 1)).toEqual([]);
    const ids = new Set(BANK_TOPICS.map((t) => t.id));
    expect(BANK_TOPICS.flatMap((t) => t.related.filter((r) => !ids.has(r)))).toEqual([]);
    // every topic's own label resolves to it (regenerate re-asks for a question's category)
    for (const t of BANK_TOPICS)
      expect([t.label, ALIAS_TO_TOPIC.get(squash(t.label))]).toEqual([t.label, t.id]);
  });
});

describe('new topics and free-text names', () => {
  it.each([
    ['Spark', 'data-engineering'],
    ['Airflow', 'data-engineering'],
    ['Golang', 'go'],
    ['Go', 'go'],
    ['Kafka', 'kafka'],
    ['Rust', 'rust'],
    ['Redis', 'redis'],
    ['PostgreSQL', 'postgresql'],
    ['GraphQL', 'graphql'],
    ['Microservices', 'microservices'],
    ['OpenTelemetry', 'observability'],
    ['C#', 'csharp-dotnet'],
    ['.NET', 'csharp-dotnet'],
    ['Laravel', 'php'],
    ['Rails', 'ruby-rails'],
    ['Spring Boot', 'spring'],
    ['Angular', 'angular'],
    ['Vue', 'vue'],
    ['iOS', 'mobile'],
    ['SwiftUI', 'mobile'],
    ['MLOps', 'mlops'],
    ['Product Management', 'product-sense'],
  ])('%s → %s', (text, id) => {
    expect(matchTopic(text)).toContain(id);
  });

  it.each([
    ['Channels and select statements', 'go'],
    ['Kubernets', 'kubernetes'],
    ['Apache Beam', 'data-engineering'],
    ['Borrow checker', 'rust'],
    ['Event sourcing and CQRS', 'microservices'],
    ['Leaderboards with sorted sets', 'redis'],
    ['Error budgets and SLOs', 'observability'],
  ])('closest topic by meaning: %s → %s', (text, id) => {
    expect(matchTopic(text)).toEqual([]);
    expect(closestTopic(text)).toBe(id);
  });

  it('a name with nothing close resolves to no topic (the role decides, never a random one)', () => {
    expect(closestTopic('Underwater basket weaving')).toBeUndefined();
    expect(rankTopics('zzqx')).toEqual([]);
  });

  it('topicCoverage reports what the bank does not cover, with the closest topic used', () => {
    expect(topicCoverage(['SQL', 'Spark', 'Borrow checker', 'Quantum knitting', '  '])).toEqual({
      covered: ['SQL', 'Spark'],
      uncovered: [
        { topic: 'Borrow checker', closestTopic: 'Rust' },
        { topic: 'Quantum knitting', closestTopic: null },
      ],
    });
  });

  it('roles map to the new topics', () => {
    expect(topicsForRole('Data Engineer')[0]).toBe('data-engineering');
    expect(topicsForRole('iOS Developer')).toContain('mobile');
    expect(topicsForRole('Go Backend Engineer')[0]).toBe('go');
  });

  it('"SQL, Spark" yields questions from both topics; an uncovered topic uses its closest one, labelled as such', async () => {
    const ai = new OfflineProvider();
    const qs = await ai.generateQuestions({
      role: 'Data Engineer',
      experience: 'mid-level',
      topics: ['SQL', 'Spark'],
      count: 10,
    });
    const topics = new Set(qs.map((q) => q.topic));
    expect(topics).toEqual(new Set(['SQL', 'Spark']));
    const bankTopic = (q: string) => BANK.find((e) => e.question === q)?.topicId;
    expect(new Set(qs.map((q) => bankTopic(q.question)))).toEqual(new Set(['sql', 'data-engineering']));

    const rust = await ai.generateQuestions({
      role: 'interviewee',
      experience: 'mid-level',
      topics: ['Borrow checker'],
      count: 3,
    });
    expect(rust.map((q) => [q.topic, bankTopic(q.question)])).toEqual([
      ['Rust', 'rust'],
      ['Rust', 'rust'],
      ['Rust', 'rust'],
    ]);
  });
});
