import { AiError } from '../../../src/ai/errors';
import {
  extractJson,
  parseEvaluation,
  parseExplanation,
  parseGeneratedQuestions,
} from '../../../src/ai/parse';
import { normaliseDifficulty, parseScore, validateQuestionItem } from '../../../src/ai/schemas';

const q = (n: number, extra: Record<string, unknown> = {}) => ({
  question: `What is concept number ${n} in JavaScript?`,
  answer: `Concept ${n} is explained here with enough words to be a valid model answer.`,
  difficulty: 'medium',
  topic: 'JavaScript',
  ...extra,
});

const spec = { topics: ['JavaScript', 'React'], difficulty: undefined };

function expectBadOutput(fn: () => unknown): AiError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AiError);
    expect((err as AiError).kind).toBe('bad_output');
    expect((err as AiError).retryable).toBe(true);
    return err as AiError;
  }
  throw new Error('expected an AiError');
}

describe('extractJson', () => {
  it('parses plain JSON', () => {
    expect(extractJson('{"a":1}')).toEqual({ a: 1 });
  });

  it('parses JSON inside ```json fences with prose around', () => {
    const text = 'Sure! Here are your questions:\n```json\n{"questions":[1,2]}\n```\nGood luck!';
    expect(extractJson(text)).toEqual({ questions: [1, 2] });
  });

  it('parses JSON inside bare ``` fences', () => {
    expect(extractJson('```\n[{"x":"y"}]\n```')).toEqual([{ x: 'y' }]);
  });

  it('finds a balanced object embedded in prose, ignoring braces inside strings', () => {
    const text =
      'Here you go {"questions":[{"question":"Why use { and } in JS?"}]} — hope it helps {not json}';
    expect(extractJson(text)).toEqual({ questions: [{ question: 'Why use { and } in JS?' }] });
  });

  it('skips a broken candidate and takes the next valid one', () => {
    expect(extractJson('{broken: json} then {"ok":true}')).toEqual({ ok: true });
  });

  it('throws bad_output for empty output or no JSON at all', () => {
    expectBadOutput(() => extractJson('   '));
    expectBadOutput(() => extractJson('I cannot help with that.'));
    expectBadOutput(() => extractJson('{"questions": [ {"question": "truncated'));
  });
});

describe('parseGeneratedQuestions', () => {
  it('accepts {"questions": [...]}', () => {
    const { questions, dropped } = parseGeneratedQuestions(JSON.stringify({ questions: [q(1), q(2)] }), spec);
    expect(questions).toHaveLength(2);
    expect(dropped).toBe(0);
    expect(questions[0]).toEqual({
      question: 'What is concept number 1 in JavaScript?',
      answer: 'Concept 1 is explained here with enough words to be a valid model answer.',
      difficulty: 'medium',
      topic: 'JavaScript',
    });
  });

  it('accepts a bare array', () => {
    expect(parseGeneratedQuestions(JSON.stringify([q(1), q(2), q(3)]), spec).questions).toHaveLength(3);
  });

  it('accepts fenced output with leading and trailing prose', () => {
    const text = `Here are the questions you asked for:\n\`\`\`json\n${JSON.stringify({ questions: [q(1)] }, null, 2)}\n\`\`\`\nLet me know if you need more.`;
    expect(parseGeneratedQuestions(text, spec).questions.map((x) => x.question)).toEqual([
      'What is concept number 1 in JavaScript?',
    ]);
  });

  it('accepts other wrapper keys and a single question object', () => {
    expect(parseGeneratedQuestions(JSON.stringify({ items: [q(1)] }), spec).questions).toHaveLength(1);
    expect(
      parseGeneratedQuestions(JSON.stringify({ data: { questions: [q(1), q(2)] } }), spec).questions,
    ).toHaveLength(2);
    expect(parseGeneratedQuestions(JSON.stringify(q(7)), spec).questions[0]?.question).toContain('number 7');
  });

  it('drops invalid items and keeps the valid ones', () => {
    const items = [
      q(1),
      { ...q(2), question: 'Why' }, // too short (< 5)
      { ...q(3), answer: 'short' }, // too short (< 10)
      { ...q(4), question: 'x'.repeat(2001) }, // too long
      { ...q(5), answer: 'y'.repeat(5001) },
      { question: 42, answer: 'not a string question at all' },
      'just a string',
      null,
      q(6),
    ];
    const { questions, dropped } = parseGeneratedQuestions(JSON.stringify({ questions: items }), spec);
    expect(questions.map((x) => x.question)).toEqual([
      'What is concept number 1 in JavaScript?',
      'What is concept number 6 in JavaScript?',
    ]);
    expect(dropped).toBe(7);
  });

  it('drops duplicates within the batch and questions listed in avoid (case/punctuation-insensitive)', () => {
    const text = JSON.stringify({ questions: [q(1), q(1), q(2), q(3)] });
    const { questions } = parseGeneratedQuestions(text, {
      topics: ['JavaScript'],
      avoid: ['what is CONCEPT number 2 in javascript'],
    });
    expect(questions.map((x) => x.question)).toEqual([
      'What is concept number 1 in JavaScript?',
      'What is concept number 3 in JavaScript?',
    ]);
  });

  it('normalises difficulty and fills defaults from the spec', () => {
    const items = [
      { ...q(1), difficulty: 'Advanced' },
      { ...q(2), difficulty: 'BEGINNER' },
      { ...q(3), difficulty: undefined, level: 'intermediate' },
      { ...q(4), difficulty: 'nonsense' },
      {
        question: 'How does React reconcile lists of elements?',
        answer: 'It matches children by key and diffs them.',
      },
    ];
    const { questions } = parseGeneratedQuestions(JSON.stringify(items), {
      topics: ['JavaScript', 'React'],
      difficulty: 'hard',
    });
    expect(questions.map((x) => x.difficulty)).toEqual(['hard', 'easy', 'medium', 'hard', 'hard']);
    // missing topic: the spec topic mentioned in the question wins, else the first spec topic
    expect(questions[4]?.topic).toBe('React');
  });

  it('uses medium when neither the item nor the spec says', () => {
    const { questions } = parseGeneratedQuestions(JSON.stringify([{ ...q(1), difficulty: undefined }]), {
      topics: [],
    });
    expect(questions[0]?.difficulty).toBe('medium');
  });

  it('strips control characters from the output', () => {
    const { questions } = parseGeneratedQuestions(
      JSON.stringify([{ ...q(1), question: 'What is\u0000 a \u0007closure?' }]),
      spec,
    );
    expect(questions[0]?.question).toBe('What is a closure?');
  });

  it('throws bad_output when nothing valid remains', () => {
    const err = expectBadOutput(() =>
      parseGeneratedQuestions(JSON.stringify({ questions: [{ question: 'x', answer: 'y' }] }), spec),
    );
    expect(err.message).toMatch(/none of them valid/);
    expectBadOutput(() => parseGeneratedQuestions(JSON.stringify({ questions: [] }), spec));
    expectBadOutput(() => parseGeneratedQuestions('{"answer": 42}', spec));
    expectBadOutput(() => parseGeneratedQuestions('not json at all', spec));
    expectBadOutput(() =>
      parseGeneratedQuestions(JSON.stringify([q(1)]), {
        topics: [],
        avoid: ['What is concept number 1 in JavaScript?'],
      }),
    );
  });
});

describe('schemas', () => {
  it('normaliseDifficulty maps words and numbers', () => {
    expect(normaliseDifficulty('Easy')).toBe('easy');
    expect(normaliseDifficulty(' moderate ')).toBe('medium');
    expect(normaliseDifficulty('expert-level')).toBe('hard');
    expect(normaliseDifficulty(3)).toBe('hard');
    expect(normaliseDifficulty('2')).toBe('medium');
    expect(normaliseDifficulty('impossible')).toBeUndefined();
    expect(normaliseDifficulty(null)).toBeUndefined();
  });

  it('validateQuestionItem accepts common key variants', () => {
    expect(
      validateQuestionItem({
        q: 'What is a mutex?',
        model_answer: 'A lock that gives one thread exclusive access.',
        level: 'hard',
        category: 'OS',
      }),
    ).toEqual({
      question: 'What is a mutex?',
      answer: 'A lock that gives one thread exclusive access.',
      difficulty: 'hard',
      topic: 'OS',
    });
  });

  it('parseScore handles numbers, numeric strings and fractions; out-of-range is NaN', () => {
    expect(parseScore(7)).toBe(7);
    expect(parseScore('7.5')).toBe(7.5);
    expect(parseScore('8/10')).toBe(8);
    expect(parseScore('6 out of 10')).toBe(6);
    expect(parseScore('85/100')).toBe(8.5);
    expect(parseScore(14)).toBeNaN();
    expect(parseScore(-3)).toBeNaN();
    expect(parseScore('12/10')).toBeNaN();
    expect(parseScore(10)).toBe(10);
    expect(parseScore(0)).toBe(0);
    expect(parseScore('great')).toBeNaN();
    expect(parseScore(undefined)).toBeNaN();
  });
});

describe('parseEvaluation', () => {
  it('parses a valid evaluation, coercing the score and string arrays', () => {
    const ev = parseEvaluation(
      '```json\n{"score":"8","feedback":"Good.","strengths":["clear", 3, ""],"improvements":"add an example"}\n```',
    );
    expect(ev).toEqual({
      score: 8,
      feedback: 'Good.',
      strengths: ['clear', '3'],
      improvements: ['add an example'],
    });
  });

  it('rejects out-of-range scores (bad_output, so the job retries) and defaults missing arrays', () => {
    expect(() => parseEvaluation('{"score": 12, "feedback": "Excellent"}')).toThrow(
      'AI provider returned an invalid evaluation',
    );
    expect(parseEvaluation('{"score": 10, "feedback": "Excellent"}')).toEqual({
      score: 10,
      feedback: 'Excellent',
      strengths: [],
      improvements: [],
    });
  });

  it('unwraps {"evaluation": {...}}', () => {
    expect(parseEvaluation('{"evaluation":{"score":3,"feedback":"Weak"}}').score).toBe(3);
  });

  it('rejects evaluations without a usable score or feedback', () => {
    expectBadOutput(() => parseEvaluation('{"score":"excellent","feedback":"x"}'));
    expectBadOutput(() => parseEvaluation('{"score":5}'));
    expectBadOutput(() => parseEvaluation('no json'));
  });
});

describe('parseExplanation', () => {
  it('parses explanation, keyPoints and example', () => {
    expect(
      parseExplanation('{"explanation":"Closures keep scope.","keyPoints":["a","b"],"example":"() => x"}'),
    ).toEqual({
      explanation: 'Closures keep scope.',
      keyPoints: ['a', 'b'],
      example: '() => x',
    });
  });

  it('omits an empty or non-string example', () => {
    expect(parseExplanation('{"explanation":"E","keyPoints":[],"example":""}')).toEqual({
      explanation: 'E',
      keyPoints: [],
    });
    expect(parseExplanation('{"explanation":"E","example":null}')).toEqual({
      explanation: 'E',
      keyPoints: [],
    });
  });

  it('rejects output without an explanation', () => {
    expectBadOutput(() => parseExplanation('{"keyPoints":["a"]}'));
  });
});

describe('topic defaults', () => {
  it('a long or dirty spec topic used as default still yields a valid item', () => {
    const longTopic = `\u0007${'Distributed systems '.repeat(10)}`;
    const { questions } = parseGeneratedQuestions(JSON.stringify([{ ...q(1), topic: undefined }]), {
      topics: [longTopic],
    });
    expect(questions).toHaveLength(1);
    expect(questions[0]?.topic.length).toBeLessThanOrEqual(100);
    expect(questions[0]?.topic.startsWith('Distributed systems')).toBe(true);
  });
});
