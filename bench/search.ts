/**
 * Search latency at 10,000 questions per user (issue 5: p95 < 50 ms on this machine).
 *
 *   npx tsx bench/search.ts                 # embedded MongoDB-compatible server, in this process
 *   MONGODB_URI=mongodb://host:port npx tsx bench/search.ts   # any server (embedded child process, mongod)
 *
 * Seeds 10,000 questions for the measured user (200 sessions × 50, texts built from the offline bank
 * plus a phrase from another entry so the vocabulary is realistic) and 10,000 for a second user (noise
 * the user filter must skip), then times `searchQuestions()` — the service behind GET
 * /api/v1/question/search: token match + in-database overlap scoring + page load with session summary.
 * Query mix: single words, one-typo words, two-word queries, and filtered queries.
 */
import mongoose, { Types } from 'mongoose';

const PER_USER = Number(process.env.BENCH_QUESTIONS ?? 10_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 300);
/** Adds prefix queries ("mongo") and filter-only queries (no text) to the mix (not in builds before them). */
const PREFIXES = process.env.BENCH_PREFIX !== '0';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function typo(word: string, rand: () => number): string {
  const i = 1 + Math.floor(rand() * (word.length - 2));
  const kind = Math.floor(rand() * 3);
  if (kind === 0) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2); // transposition
  if (kind === 1) return word.slice(0, i) + word.slice(i + 1); // deletion
  return word.slice(0, i) + 'x' + word.slice(i + 1); // substitution
}

async function main() {
  let stopServer: (() => Promise<unknown>) | undefined;
  let uri = process.env.MONGODB_URI;
  let where = uri ? `MONGODB_URI (${uri.replace(/\/\/[^@]*@/, '//***@')})` : '';
  if (!uri) {
    const { startEmbeddedMongo } = await import('@intervai/mongo-embedded');
    const server = await startEmbeddedMongo({ port: 0, quiet: true });
    uri = server.uri;
    stopServer = () => server.stop();
    where = 'embedded server, same process';
  }
  const url = new URL(uri);
  url.pathname = `/bench_search_${process.pid}`;
  await mongoose.connect(url.toString());
  const { Question, textFields } = await import('../src/modules/questions/question.model');
  const { Session } = await import('../src/modules/sessions/session.model');
  const { searchQuestions } = await import('../src/modules/questions/search.service');
  const { BANK } = await import('../src/ai/offline-bank');
  const { seededRandom } = await import('../src/ai/text');
  const { tokenizeWords } = await import('../src/modules/questions/search-tokens');
  await Promise.all([Question.init(), Session.init()]);
  const rand = seededRandom(42);

  const users = [new Types.ObjectId(), new Types.ObjectId()];
  const sessionsOf = new Map<string, Types.ObjectId[]>();
  const seedStart = Date.now();
  const vocabulary = new Set<string>();
  for (const user of users) {
    const sessionIds: Types.ObjectId[] = [];
    for (let s = 0; s < PER_USER / 50; s++) {
      const docs = [];
      const sessionId = new Types.ObjectId();
      sessionIds.push(sessionId);
      for (let k = 0; k < 50; k++) {
        const e = BANK[Math.floor(rand() * BANK.length)]!;
        const other = BANK[Math.floor(rand() * BANK.length)]!;
        const phrase = other.answer.split(/\s+/).slice(0, 6).join(' ');
        const question = `${e.question} ${phrase} (${s}.${k})`;
        const tags = [e.topicId, ...(rand() < 0.3 ? ['revise'] : [])];
        const difficulty = e.difficulty;
        if (user === users[0]) for (const w of tokenizeWords(question)) if (w.length >= 5) vocabulary.add(w);
        const created = new Date(Date.now() - Math.floor(rand() * 90 * 86400_000));
        docs.push({
          _id: new Types.ObjectId(),
          session: sessionId,
          user,
          question,
          answer: e.answer,
          notes: '',
          isPinned: rand() < 0.1,
          difficulty,
          category: e.topicLabel,
          tags,
          source: 'ai',
          isAnswered: true,
          ...textFields({ question, answer: e.answer, category: e.topicLabel, tags }),
          createdAt: created,
          updatedAt: created,
          __v: 0,
        });
      }
      await Question.collection.insertMany(docs, { ordered: false });
      await Session.collection.insertOne({
        _id: sessionId,
        user,
        role: 'Backend Developer',
        experience: 'mid-level',
        topicsToFocus: ['General'],
        questions: docs.map((d) => d._id),
        status: 'pending',
        duration: 60,
        description: '',
        createdAt: new Date(),
        updatedAt: new Date(),
      });
    }
    sessionsOf.set(String(user), sessionIds);
  }
  const seedMs = Date.now() - seedStart;

  const words = [...vocabulary];
  const pick = () => words[Math.floor(rand() * words.length)]!;
  const userId = String(users[0]);
  const mySessions = sessionsOf.get(userId)!;
  type Q = { label: string; q: string; extra?: Record<string, unknown> };
  const queries: Q[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const r = i % (PREFIXES ? 6 : 4);
    if (r === 4) {
      const w = pick();
      queries.push({ label: 'prefix', q: w.slice(0, Math.max(3, Math.ceil(w.length / 2))) });
    } else if (r === 5)
      queries.push({ label: 'no text', q: '', extra: { difficulty: 'hard', pinned: true } });
    else if (r === 0) queries.push({ label: 'word', q: pick() });
    else if (r === 1) queries.push({ label: 'typo', q: typo(pick(), rand) });
    else if (r === 2) queries.push({ label: 'two words', q: `${pick()} ${pick()}` });
    else
      queries.push({
        label: 'filtered',
        q: pick(),
        extra:
          rand() < 0.5
            ? { difficulty: 'hard' }
            : { sessionId: String(mySessions[Math.floor(rand() * mySessions.length)]) },
      });
  }
  const run = async (x: Q) => {
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    const res = await searchQuestions(userId, {
      page: 1,
      limit: 20,
      ...(x.q ? { q: x.q } : {}),
      ...(x.extra ?? {}),
    } as never);
    const c = process.cpuUsage(c0);
    // CPU time of this process (the embedded server runs in it): comparable on a busy shared machine,
    // where wall time mostly measures waiting for a core.
    return {
      ms: Number(process.hrtime.bigint() - t0) / 1e6,
      cpu: (c.user + c.system) / 1000,
      total: res.total,
    };
  };
  // BENCH_ONLY=label (e.g. "two words"): measure one query class only (for profiling it).
  if (process.env.BENCH_ONLY)
    queries.splice(0, queries.length, ...queries.filter((x) => x.label === process.env.BENCH_ONLY));
  for (const x of queries.slice(0, 30)) await run(x); // warm-up
  // BENCH_PROFILE=file.cpuprofile: CPU profile of the measured queries only (seeding excluded).
  const profiler = process.env.BENCH_PROFILE
    ? new (await import('node:inspector/promises')).Session()
    : undefined;
  if (profiler) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  const byLabel = new Map<string, number[]>();
  const cpuByLabel = new Map<string, number[]>();
  const all: number[] = [];
  const allCpu: number[] = [];
  let totalMatches = 0;
  for (const x of queries) {
    const { ms, cpu, total } = await run(x);
    all.push(ms);
    allCpu.push(cpu);
    cpuByLabel.set(x.label, [...(cpuByLabel.get(x.label) ?? []), cpu]);
    totalMatches += total;
    const list = byLabel.get(x.label) ?? [];
    list.push(ms);
    byLabel.set(x.label, list);
  }
  if (profiler) {
    const { profile } = await profiler.post('Profiler.stop');
    (await import('node:fs')).writeFileSync(process.env.BENCH_PROFILE!, JSON.stringify(profile));
  }
  const fmt = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return `p50 ${percentile(s, 50).toFixed(1)} ms, p95 ${percentile(s, 95).toFixed(1)} ms, max ${s[s.length - 1]!.toFixed(1)} ms (n=${s.length})`;
  };
  console.log(
    `search bench: ${PER_USER} questions for the measured user + ${PER_USER} for another user; ${where}`,
  );
  console.log(
    `seeded in ${(seedMs / 1000).toFixed(1)} s; mean matches per query ${(totalMatches / queries.length).toFixed(0)}`,
  );
  console.log(`all queries: ${fmt(all)}`);
  for (const [label, xs] of byLabel) console.log(`  ${label.padEnd(10)} ${fmt(xs)}`);
  console.log(`CPU time per query: ${fmt(allCpu)}`);
  for (const [label, xs] of cpuByLabel) console.log(`  ${label.padEnd(10)} ${fmt(xs)}`);
  await mongoose.connection.dropDatabase();
  await mongoose.disconnect();
  await stopServer?.();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
