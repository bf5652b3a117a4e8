import { AiError } from '../../../src/ai/errors';
import { BANK, BANK_TOPICS, matchTopic, topicsForRole } from '../../../src/ai/offline-bank';
import {
  difficultyMix,
  difficultyPlan,
  OfflineProvider,
  resolveTopics,
} from '../../../src/ai/offline.provider';
import type { QuestionSpec } from '../../../src/ai/provider';
import { questionItemSchema } from '../../../src/ai/schemas';
import { blankAnswerEvaluation, scoreAnswer } from '../../../src/ai/scoring';
import { normaliseQuestionText, seededRandom } from '../../../src/ai/text';

const ai = new OfflineProvider();
const spec = (over: Partial<QuestionSpec> = {}): QuestionSpec => ({
  role: 'Full Stack Developer',
  experience: 'mid-level',
  topics: ['JavaScript'],
  count: 5,
  ...over,
});
const topicIdOf = (question: string) => BANK.find((e) => e.question === question)?.topicId;

describe('offline bank', () => {
  it('holds at least 300 entries', () => {
    expect(BANK.length).toBeGreaterThanOrEqual(300);
  });

  it('every entry is valid by the same schema as model output', () => {
    const invalid = BANK.filter(
      (e) =>
        !questionItemSchema.safeParse({
          question: e.question,
          answer: e.answer,
          difficulty: e.difficulty,
          topic: e.topicLabel,
        }).success,
    );
    expect(invalid.map((e) => e.id)).toEqual([]);
  });

  it('answers are substantial (at least two sentences and 150 characters)', () => {
    const thin = BANK.filter((e) => e.answer.length < 150 || !/[.!?]\s+\S+[\s\S]*[.!?]$/.test(e.answer));
    expect(thin.map((e) => e.id)).toEqual([]);
  });

  it('has no duplicate questions', () => {
    const keys = BANK.map((e) => normaliseQuestionText(e.question));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('covers the expected topics, each with easy, medium and hard questions', () => {
    const ids = BANK_TOPICS.map((t) => t.id);
    for (const id of [
      'javascript',
      'typescript',
      'nodejs',
      'react',
      'html-css',
      'python',
      'java',
      'sql',
      'mongodb',
      'api-design',
      'system-design',
      'dsa',
      'git',
      'docker',
      'kubernetes',
      'ci-cd',
      'cloud',
      'linux',
      'networking',
      'security',
      'testing',
      'devops',
      'machine-learning',
      'data-science',
      'behavioral',
    ]) {
      expect(ids).toContain(id);
    }
    for (const t of BANK_TOPICS) {
      const levels = new Set(t.entries.map((e) => e.difficulty));
      expect([t.id, [...levels].sort()]).toEqual([t.id, ['easy', 'hard', 'medium']]);
      expect(t.entries.length).toBeGreaterThanOrEqual(8);
    }
  });
});

describe('topic matching', () => {
  it.each([
    ['JS', 'javascript'],
    ['javascript', 'javascript'],
    ['ES6', 'javascript'],
    ['TS', 'typescript'],
    ['node', 'nodejs'],
    ['Node.js', 'nodejs'],
    ['Express.js', 'nodejs'],
    ['k8s', 'kubernetes'],
    ['K8S', 'kubernetes'],
    ['ReactJS', 'react'],
    ['React Hooks', 'react'],
    ['HTML5', 'html-css'],
    ['PostgreSQL', 'postgresql'],
    ['Databases', 'sql'],
    ['Mongo', 'mongodb'],
    ['REST APIs', 'api-design'],
    ['System Design', 'system-design'],
    ['Data Structures', 'dsa'],
    ['algorithms', 'dsa'],
    ['CI/CD', 'ci-cd'],
    ['GitHub Actions', 'ci-cd'],
    ['AWS', 'cloud'],
    ['bash', 'linux'],
    ['TCP/IP', 'networking'],
    ['OWASP', 'security'],
    ['unit testing', 'testing'],
    ['SRE', 'devops'],
    ['ML', 'machine-learning'],
    ['Deep Learning', 'machine-learning'],
    ['statistics', 'data-science'],
    ['Behavioural', 'behavioral'],
    ['soft skills', 'behavioral'],
  ])('%s → %s', (input, expected) => {
    expect(matchTopic(input)).toContain(expected);
  });

  it('matches several topics in one phrase and nothing for unknown text', () => {
    expect(matchTopic('Docker & Kubernetes')).toEqual(['docker', 'kubernetes']);
    expect(matchTopic('Underwater basket weaving')).toEqual([]);
  });

  it('maps roles to topics', () => {
    expect(topicsForRole('Backend Developer')).toEqual(['nodejs', 'sql', 'api-design', 'system-design']);
    expect(topicsForRole('Frontend Developer')).toEqual(
      expect.arrayContaining(['javascript', 'react', 'html-css']),
    );
    expect(topicsForRole('DevOps Engineer')).toEqual(
      expect.arrayContaining(['docker', 'kubernetes', 'ci-cd']),
    );
    expect(topicsForRole('Data Scientist')).toEqual(
      expect.arrayContaining(['data-science', 'machine-learning']),
    );
    expect(topicsForRole('Python Backend Engineer')[0]).toBe('python');
    expect(topicsForRole('interviewer')).toEqual([]);
  });

  it('resolveTopics falls back to the role, then to a general mix', () => {
    const [primary] = resolveTopics({ role: 'Backend Developer', topics: ['Quantum basket weaving'] });
    expect(primary?.map((t) => t.id)).toEqual(['nodejs', 'sql', 'api-design', 'system-design']);
    const [general] = resolveTopics({ role: 'practice', topics: ['???'] });
    expect(general?.map((t) => t.id)).toEqual(expect.arrayContaining(['javascript', 'dsa', 'system-design']));
  });
});

describe('OfflineProvider.generateQuestions', () => {
  it('returns the requested number of valid questions from the requested topic, labelled as asked', async () => {
    const qs = await ai.generateQuestions(spec({ topics: ['JS'], count: 5 }));
    expect(qs).toHaveLength(5);
    for (const q of qs) {
      expect(questionItemSchema.safeParse(q).success).toBe(true);
      expect(topicIdOf(q.question)).toBe('javascript');
      expect(q.topic).toBe('JS');
    }
    expect(new Set(qs.map((q) => q.question)).size).toBe(5);
  });

  it('is deterministic for the same spec and varies with the spec', async () => {
    const a = await ai.generateQuestions(spec({ topics: ['react', 'node'], count: 6 }));
    const b = await new OfflineProvider().generateQuestions(spec({ topics: ['react', 'node'], count: 6 }));
    expect(b).toEqual(a);
    // topic order and case do not change the seed
    const c = await ai.generateQuestions(spec({ topics: ['Node', 'React'], count: 6 }));
    expect(c.map((q) => q.question).sort()).toEqual(a.map((q) => q.question).sort());
    const d = await ai.generateQuestions(
      spec({ topics: ['react', 'node'], count: 6, role: 'Frontend Developer' }),
    );
    expect(d.map((q) => q.question)).not.toEqual(a.map((q) => q.question));
  });

  it('spreads questions across several requested topics', async () => {
    const qs = await ai.generateQuestions(spec({ topics: ['k8s', 'Python', 'Git'], count: 6 }));
    expect(new Set(qs.map((q) => topicIdOf(q.question)))).toEqual(new Set(['kubernetes', 'python', 'git']));
  });

  it('respects an explicit difficulty', async () => {
    for (const difficulty of ['easy', 'medium', 'hard'] as const) {
      const qs = await ai.generateQuestions(spec({ topics: ['SQL', 'MongoDB'], difficulty, count: 8 }));
      expect(qs).toHaveLength(8);
      expect(qs.every((q) => q.difficulty === difficulty)).toBe(true);
    }
  });

  it('maps experience to a difficulty mix', async () => {
    const junior = await ai.generateQuestions(
      spec({ topics: ['system design', 'sql'], experience: 'entry-level', count: 10 }),
    );
    const senior = await ai.generateQuestions(
      spec({ topics: ['system design', 'sql'], experience: 'expert', count: 10 }),
    );
    const n = (qs: typeof junior, d: string) => qs.filter((q) => q.difficulty === d).length;
    expect(n(junior, 'easy')).toBeGreaterThanOrEqual(5);
    expect(n(junior, 'hard')).toBeLessThanOrEqual(1);
    expect(n(senior, 'hard')).toBeGreaterThanOrEqual(5);
    expect(n(senior, 'easy')).toBeLessThanOrEqual(1);
  });

  it('skips questions in avoid, so repeated calls hand out new questions', async () => {
    const s = spec({ topics: ['Docker'], count: 4 });
    const first = await ai.generateQuestions(s);
    const second = await ai.generateQuestions({ ...s, avoid: first.map((q) => q.question.toUpperCase()) });
    expect(second).toHaveLength(4);
    const firstSet = new Set(first.map((q) => q.question));
    expect(second.some((q) => firstSet.has(q.question))).toBe(false);
  });

  it('widens to related topics when the requested topic is exhausted, never repeating', async () => {
    const docker = BANK.filter((e) => e.topicId === 'docker').map((e) => e.question);
    const qs = await ai.generateQuestions(spec({ topics: ['Docker'], count: 5, avoid: docker }));
    expect(qs).toHaveLength(5);
    expect(qs.every((q) => !docker.includes(q.question))).toBe(true);
    // Docker's related topics come first: kubernetes, ci-cd, linux, devops
    expect(
      qs.every((q) => ['kubernetes', 'ci-cd', 'linux', 'devops'].includes(topicIdOf(q.question) ?? '')),
    ).toBe(true);
  });

  it('uses role topics when no requested topic is known', async () => {
    const qs = await ai.generateQuestions(spec({ role: 'DevOps Engineer', topics: ['Zorblax'], count: 6 }));
    const devopsTopics = ['docker', 'kubernetes', 'ci-cd', 'linux', 'cloud', 'devops'];
    expect(qs.every((q) => devopsTopics.includes(topicIdOf(q.question) ?? ''))).toBe(true);
  });

  it('clamps count to 1..10', async () => {
    expect(await ai.generateQuestions(spec({ count: 50, topics: ['python'] }))).toHaveLength(10);
    expect(await ai.generateQuestions(spec({ count: 0, topics: ['python'] }))).toHaveLength(1);
  });

  it('fails with a non-retryable AiError when the whole bank is exhausted', async () => {
    const everything = BANK.map((e) => e.question);
    await expect(ai.generateQuestions(spec({ avoid: everything }))).rejects.toMatchObject({
      kind: 'bad_output',
      retryable: false,
    });
    await expect(ai.generateQuestions(spec({ avoid: everything }))).rejects.toBeInstanceOf(AiError);
  });
});

describe('difficulty planning', () => {
  it('splits a count proportionally', () => {
    const plan = difficultyPlan(10, difficultyMix('junior'), seededRandom(1));
    expect(plan).toHaveLength(10);
    expect(plan.filter((d) => d === 'easy')).toHaveLength(6);
    expect(plan.filter((d) => d === 'medium')).toHaveLength(4);
    expect(difficultyPlan(4, difficultyMix('mid-level'), seededRandom(2)).sort()).toEqual([
      'easy',
      'hard',
      'medium',
      'medium',
    ]);
  });
});

describe('OfflineProvider.evaluateAnswer', () => {
  const entry = BANK.find((e) => e.question.startsWith('What is a closure in JavaScript'))!;
  const good =
    'A closure is a function that keeps access to the variables of the scope where it was created, even after the outer ' +
    'function has returned. For example, a counter factory returns a function that increments a private variable n. ' +
    'Closures are useful for data privacy, function factories and memoisation, because the captured variables cannot be ' +
    'reached from outside. A classic pitfall is creating closures in a loop with var, where all callbacks share one variable.';
  const mediocre = 'A closure is when a function uses variables from outside of it.';
  const poor = 'It is a way to close the browser window.';

  it('scores a good answer higher than a mediocre one, and that higher than a poor one', async () => {
    const [g, m, p] = await Promise.all(
      [good, mediocre, poor].map((userAnswer) =>
        ai.evaluateAnswer({ question: entry.question, modelAnswer: entry.answer, userAnswer }),
      ),
    );
    expect(g!.score).toBeGreaterThanOrEqual(8);
    expect(g!.score).toBeGreaterThan(m!.score);
    expect(m!.score).toBeGreaterThan(p!.score);
    expect(p!.score).toBeLessThanOrEqual(2);
    for (const ev of [g!, m!, p!]) {
      expect(ev.score).toBeGreaterThanOrEqual(0);
      expect(ev.score).toBeLessThanOrEqual(10);
      expect(ev.feedback.length).toBeGreaterThan(20);
    }
    expect(g!.strengths.length).toBeGreaterThan(0);
    expect(p!.improvements.length).toBeGreaterThan(0);
  });

  it('is deterministic', async () => {
    const input = { question: entry.question, modelAnswer: entry.answer, userAnswer: mediocre };
    expect(await ai.evaluateAnswer(input)).toEqual(await ai.evaluateAnswer(input));
  });

  it('names missing points from the model answer as improvements', async () => {
    const ev = await ai.evaluateAnswer({
      question: entry.question,
      modelAnswer: entry.answer,
      userAnswer: mediocre,
    });
    expect(ev.improvements.join(' ')).toMatch(/model answer/);
  });

  it('gives 0 to a blank answer', async () => {
    const ev = await ai.evaluateAnswer({
      question: entry.question,
      modelAnswer: entry.answer,
      userAnswer: '  \n ',
    });
    expect(ev.score).toBe(0);
    expect(ev.improvements.length).toBeGreaterThan(0);
    expect(blankAnswerEvaluation('   ')).not.toBeNull();
    expect(blankAnswerEvaluation('an answer')).toBeNull();
  });

  it('rewards copying the model answer with a top score and a question echo with a low one', () => {
    expect(scoreAnswer(entry.question, entry.answer, entry.answer).score).toBe(10);
    expect(scoreAnswer(entry.question, entry.answer, entry.question).score).toBeLessThanOrEqual(2);
  });

  it('falls back to the bank answer when no model answer is given', async () => {
    const ev = await ai.evaluateAnswer({ question: entry.question, modelAnswer: '', userAnswer: good });
    expect(ev.score).toBeGreaterThanOrEqual(8);
  });
});

describe('OfflineProvider.explainConcept', () => {
  it('explains a bank question with key points, an example and related questions', async () => {
    const ex = await ai.explainConcept({ question: 'What is a closure in JavaScript?', topic: 'JavaScript' });
    expect(ex.explanation).toContain('A closure is a function bundled with references');
    expect(ex.explanation).toContain('Related questions worth reviewing in JavaScript');
    expect(ex.keyPoints.length).toBeGreaterThanOrEqual(3);
    expect(ex.example).toMatch(/counter/);
  });

  it('uses a provided answer (custom questions) and still finds related bank questions', async () => {
    const answer = 'An index is a B-tree over a column. It makes lookups fast. It slows down writes.';
    const ex = await ai.explainConcept({
      question: 'Why do database indexes speed up queries?',
      answer,
      topic: 'SQL',
    });
    expect(ex.explanation.startsWith(answer)).toBe(true);
    expect(ex.keyPoints).toEqual([
      'An index is a B-tree over a column.',
      'It makes lookups fast.',
      'It slows down writes.',
    ]);
    expect(ex.explanation).toMatch(/Related questions/);
  });

  it('says so honestly when it has nothing to explain from', async () => {
    const ex = await ai.explainConcept({ question: 'Describe the flux capacitor calibration routine?' });
    expect(ex.explanation).toMatch(/no model answer/);
    expect(ex.example).toBeUndefined();
  });
});

describe('defensive input handling', () => {
  it('normalises a loose difficulty value and ignores an unknown one', async () => {
    const loose = await ai.generateQuestions(
      spec({ topics: ['git'], count: 3, difficulty: 'Advanced' as unknown as 'hard' }),
    );
    expect(loose.every((q) => q.difficulty === 'hard')).toBe(true);
    const unknown = await ai.generateQuestions(
      spec({ topics: ['git'], count: 3, difficulty: 'bogus' as unknown as 'hard' }),
    );
    expect(unknown).toHaveLength(3);
  });
});

describe('behavioural answers', () => {
  const entry = BANK.find((e) => e.question.startsWith('Describe a time you failed'))!;
  const story =
    'Once at my last job I deployed a migration that locked a large table and caused 20 minutes of downtime. ' +
    'I took ownership, rolled it back and told the team what happened. The root cause was that we never tested ' +
    'migrations on production-sized data, so I added a staging step with a copy of production data and a checklist. ' +
    'We have not had a similar incident since, and I learned to always test changes against realistic data.';
  const vague = 'I am a perfectionist and I think mistakes are bad, so I try not to make them.';

  it('judges a STAR story above a vague answer, with structure-specific feedback', async () => {
    const good = await ai.evaluateAnswer({
      question: entry.question,
      modelAnswer: entry.answer,
      userAnswer: story,
    });
    const poor = await ai.evaluateAnswer({
      question: entry.question,
      modelAnswer: entry.answer,
      userAnswer: vague,
    });
    expect(good.score).toBeGreaterThanOrEqual(7);
    expect(poor.score).toBeLessThanOrEqual(4);
    expect(good.strengths).toEqual(
      expect.arrayContaining(['Describes what you personally did.', 'States the outcome of your actions.']),
    );
    expect(poor.improvements).toEqual(
      expect.arrayContaining(['Finish with a concrete, ideally measurable result.']),
    );
    expect(good.feedback).toMatch(/Story structure: situation, action, result, learning/);
  });
});
