/**
 * Export rendering: time and memory to render 50, 500 and 5,000 questions in each format (issue 10;
 * goal: 500 in under 0.8 s per format, 5,000 without failure and with memory growth under 50 MB).
 *
 *   npx tsx bench/exports.ts                     # every format × 50 / 500 / 5000
 *   BENCH_SIZES=500 BENCH_FORMATS=pdf npx tsx bench/exports.ts
 *
 * Each case runs in its own child process (`--expose-gc`), so one case's garbage never counts against
 * the next: the child warms up (renders 50 questions: module load, font parsing, JIT), collects
 * garbage, takes a baseline, then renders the case while sampling RSS and heap every 10 ms. The output
 * stream is consumed by a sink that counts bytes (what the GridFS upload does, minus the database),
 * so the numbers are the renderer's own. Questions are realistic in size: ~110-character questions,
 * ~650-character answers, notes on a third, tags, a pinned tenth, mixed scripts.
 */
import { spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import os from 'node:os';
import { RENDERERS, type ExportMeta, type ExportQuestion } from '../src/modules/exports/renderers';
import { EXPORT_FORMATS, type ExportFormat } from '../src/modules/exports/export.model';

const SIZES = (process.env.BENCH_SIZES ?? '50,500,5000').split(',').map(Number);
const FORMATS = (process.env.BENCH_FORMATS?.split(',') ?? EXPORT_FORMATS) as ExportFormat[];

const WORDS =
  'latency throughput cache index shard replica queue stream buffer closure promise event loop ' +
  'transaction isolation über café naïve замыкание поток κλείσιμο ουρά consistency partition'.split(' ');

function sentence(i: number, words: number): string {
  const out: string[] = [];
  for (let k = 0; k < words; k++) out.push(WORDS[(i * 7 + k * 13) % WORDS.length]);
  const s = out.join(' ');
  return s[0].toUpperCase() + s.slice(1) + '.';
}

function questions(n: number): { meta: ExportMeta; items: ExportQuestion[] } {
  const items: ExportQuestion[] = [];
  const diffs = ['easy', 'medium', 'hard'];
  for (let i = 0; i < n; i++) {
    items.push({
      question: `${sentence(i, 14)} How would you explain it in an interview?`.slice(0, 160),
      answer: [sentence(i + 1, 30), sentence(i + 2, 30), sentence(i + 3, 30)].join(' '),
      notes: i % 3 === 0 ? sentence(i + 4, 12) : '',
      isPinned: i % 10 === 0,
      difficulty: diffs[i % 3],
      category: i % 2 ? 'systems' : '',
      tags: i % 2 ? ['perf', 'design'] : [],
      createdAt: new Date(1_700_000_000_000 + i * 1000),
    });
  }
  const meta: ExportMeta = {
    sessionId: 'a'.repeat(24),
    title: 'Backend Developer · senior',
    role: 'Backend Developer',
    experience: 'senior',
    topics: ['Node.js', 'Databases', 'Системы'],
    generatedAt: new Date(),
    total: n,
    pinned: Math.ceil(n / 10),
    byDifficulty: { easy: Math.ceil(n / 3), medium: Math.ceil((n - 1) / 3), hard: Math.floor(n / 3) },
  };
  return { meta, items };
}

async function* iterate(items: ExportQuestion[]) {
  for (const q of items) yield q;
}

async function render(format: ExportFormat, n: number): Promise<number> {
  const { meta, items } = questions(n);
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      bytes += chunk.length;
      cb();
    },
  });
  await pipeline(RENDERERS[format](meta, iterate(items)), sink);
  return bytes;
}

async function runCase(format: ExportFormat, n: number) {
  const gc = (globalThis as { gc?: () => void }).gc;
  await render(format, 50); // warm-up
  gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 10);
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const bytes = await render(format, n);
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(timer);
  const end = process.memoryUsage();
  peakRss = Math.max(peakRss, end.rss);
  peakHeap = Math.max(peakHeap, end.heapUsed);
  const mb = (x: number) => Math.round((x / 1048576) * 10) / 10;
  process.stdout.write(
    JSON.stringify({
      format,
      n,
      ms: Math.round(ms),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      bytes,
      rssGrowthMB: mb(peakRss - base.rss),
      heapGrowthMB: mb(peakHeap - base.heapUsed),
    }) + '\n',
  );
}

function main() {
  console.log(`node ${process.version}, ${os.cpus().length} CPU(s): ${os.cpus()[0]?.model ?? '?'}`);
  console.log(
    '| format | questions | render time (wall) | CPU time | file size | peak RSS growth | peak heap growth |',
  );
  console.log(
    '| ------ | --------- | ----------------- | -------- | --------- | --------------- | ---------------- |',
  );
  for (const format of FORMATS) {
    for (const n of SIZES) {
      const child = spawnSync(
        process.execPath,
        [...process.execArgv, '--expose-gc', __filename, 'case', format, String(n)],
        { encoding: 'utf8', timeout: 120_000 },
      );
      const line = child.stdout.trim().split('\n').pop() ?? '';
      if (child.status !== 0 || !line.startsWith('{')) {
        console.log(`| ${format} | ${n} | FAILED (${child.status}) ${child.stderr.slice(0, 200)} | | | | |`);
        continue;
      }
      const r = JSON.parse(line) as Record<string, number>;
      console.log(
        `| ${format} | ${n} | ${r.ms} ms | ${r.cpuMs} ms | ${(r.bytes / 1024).toFixed(0)} KB | ${r.rssGrowthMB} MB | ${r.heapGrowthMB} MB |`,
      );
    }
  }
}

if (process.argv[2] === 'case') {
  runCase(process.argv[3] as ExportFormat, Number(process.argv[4])).catch((err) => {
    console.error(err);
    process.exit(1);
  });
} else {
  main();
}
