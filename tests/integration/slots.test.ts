import { trusted, Types } from 'mongoose';
import { Question } from '../../src/modules/questions/question.model';
import { releaseSlots, reserveSlots } from '../../src/modules/sessions/slots';
import { Session } from '../../src/modules/sessions/session.model';
import { bootApp, type TestApp } from '../support/app';

// What the questions module answers in production: how many of these slot ids hold a stored question.
const countStored = (held: Types.ObjectId[]) => Question.countDocuments({ _id: trusted({ $in: held }) });

// The per-session cap against the real database: atomic reservation, and a full-looking session whose
// slots are still in flight (reserved, not written) waits for them instead of refusing.
describe('question slots', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp();
  });
  afterAll(() => t.close());

  const newSession = () =>
    Session.create({
      user: new Types.ObjectId(),
      role: 'Backend Developer',
      experience: 'mid-level',
      topicsToFocus: ['Node.js'],
    });
  const ids = (n: number) => Array.from({ length: n }, () => new Types.ObjectId());
  const writeQuestions = (sessionId: Types.ObjectId, questionIds: Types.ObjectId[]) =>
    Question.collection.insertMany(
      questionIds.map((_id, i) => ({
        _id,
        session: sessionId,
        user: new Types.ObjectId(),
        question: `Question ${i}?`,
        answer: 'An answer.',
        fingerprint: `fp-${String(_id)}`,
      })),
    );

  it('grants what fits, never past the limit, even for concurrent callers', async () => {
    const s = await newSession();
    // each caller writes what it was granted, as insertQuestions does
    const reserveAndWrite = async () => {
      const got = await reserveSlots(s._id, ids(2), 5, countStored);
      if (got.length) await writeQuestions(s._id, got);
      return got;
    };
    const results = await Promise.all(Array.from({ length: 6 }, reserveAndWrite));
    const granted = results.flat();
    expect(granted).toHaveLength(5);
    const fresh = await Session.findById(s._id).lean();
    expect(fresh!.questions).toHaveLength(5);
  });

  it('a session full of written questions is refused at once', async () => {
    const s = await newSession();
    const held = ids(3);
    expect(await reserveSlots(s._id, held, 3, countStored)).toHaveLength(3);
    await writeQuestions(s._id, held);
    const started = Date.now();
    expect(await reserveSlots(s._id, ids(1), 3, countStored)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('a session full of in-flight slots waits for one to be given back', async () => {
    const s = await newSession();
    const held = ids(3);
    expect(await reserveSlots(s._id, held, 3, countStored)).toHaveLength(3);
    await writeQuestions(s._id, held.slice(0, 2)); // the third insert is still in flight…
    const waiting = reserveSlots(s._id, ids(1), 3, countStored);
    setTimeout(() => void releaseSlots(s._id, [held[2]!]), 150); // …and turns out a duplicate
    expect(await waiting).toHaveLength(1);
    const fresh = await Session.findById(s._id).lean();
    expect(fresh!.questions).toHaveLength(3);
  });

  it('an unknown session grants nothing', async () => {
    expect(await reserveSlots(new Types.ObjectId(), ids(2), 5, countStored)).toEqual([]);
  });
});
