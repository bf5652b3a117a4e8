import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse as parseCsv } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import pdf from 'pdf-parse/lib/pdf-parse.js';
import { EXPORT_FILENAME } from '../../src/modules/exports/export.model';
import { guardCell } from '../../src/modules/exports/renderers/csv';
import { questionXml } from '../../src/modules/exports/renderers/docx';
import { RENDERERS, type ExportMeta, type ExportQuestion } from '../../src/modules/exports/renderers';

const meta: ExportMeta = {
  sessionId: 'a'.repeat(24),
  title: 'Backend Developer · senior',
  role: 'Backend Developer',
  experience: 'senior',
  topics: ['Node.js'],
  description: 'Team <Payments> & "Billing"',
  generatedAt: new Date('2026-01-02T03:04:05Z'),
  total: 2,
  pinned: 1,
  byDifficulty: { easy: 1, medium: 0, hard: 1 },
};
const q = (over: Partial<ExportQuestion> = {}): ExportQuestion => ({
  question: 'What is a closure?',
  answer: 'A function together with the variables it captured.',
  isPinned: false,
  difficulty: 'easy',
  createdAt: new Date('2026-01-01T00:00:00Z'),
  ...over,
});

async function render(format: 'pdf' | 'csv' | 'docx', items: ExportQuestion[]) {
  const chunks: Buffer[] = [];
  const progress: number[] = [];
  async function* it() {
    yield* items;
  }
  await pipeline(
    RENDERERS[format](meta, it(), (n) => progress.push(n)),
    new Writable({
      write(c: Buffer, _e, cb) {
        chunks.push(c);
        cb();
      },
    }),
  );
  return { buf: Buffer.concat(chunks), progress };
}

describe('export renderers (pure)', () => {
  it('guards cells a spreadsheet would run as formulas', () => {
    for (const s of ['=1+1', '+SUM(A1)', '-2', '@cmd', '\tx', '\rx']) expect(guardCell(s)).toBe(`'${s}`);
    for (const s of ['plain', '1=1', "'quoted", '']) expect(guardCell(s)).toBe(s);
  });

  it('accepts only the export filename scheme', () => {
    expect(EXPORT_FILENAME.test(`questions_${'ab'.repeat(12)}_1700000000000.pdf`)).toBe(true);
    for (const bad of [
      '../questions_x.pdf',
      `questions_${'ab'.repeat(12)}_1700000000000.pdf.exe`,
      `questions_${'zz'.repeat(12)}_1700000000000.csv`,
      `questions_${'ab'.repeat(12)}_17.docx`,
      `questions_${'ab'.repeat(12)}_1700000000000.PDF`,
    ])
      expect(EXPORT_FILENAME.test(bad)).toBe(false);
  });

  it('DOCX question XML escapes markup and drops characters XML forbids', () => {
    const xml = questionXml(q({ question: 'a < b && "c" \u0001\u0008 ok', isPinned: true, notes: 'n>1' }), 7);
    expect(xml).toContain('a &lt; b &amp;&amp; &quot;c&quot;  ok');
    // eslint-disable-next-line no-control-regex
    expect(xml).not.toMatch(/[\u0000-\u0008]/);
    expect(xml).toContain('Question 7');
    expect(xml).toContain('★ Pinned');
    expect(xml).toContain('n&gt;1');
  });

  it('each format renders, reports progress per question and contains the text', async () => {
    const items = [
      q({ isPinned: true }),
      q({ question: 'Что такое промис?', difficulty: 'hard', tags: ['js'] }),
    ];
    const csv = await render('csv', items);
    expect(csv.progress).toEqual([1, 2]);
    const rows = parseCsv(csv.buf.toString('utf8'), { bom: true }) as string[][];
    expect(rows.map((r) => r[1])).toEqual(['Question', 'What is a closure?', 'Что такое промис?']);

    const docx = await render('docx', items);
    expect(docx.progress).toEqual([1, 2]);
    const files = unzipSync(new Uint8Array(docx.buf));
    const xml = strFromU8(files['word/document.xml']);
    expect(xml).toContain('Что такое промис?');
    expect(xml).toContain('Team &lt;Payments&gt; &amp;');
    expect(xml).not.toContain('@@INTERVAI_QUESTIONS@@');

    const p = await render('pdf', items);
    expect(p.progress).toEqual([1, 2]);
    const { text } = await pdf(p.buf);
    expect(text.replace(/\s+/g, ' ')).toContain('Что такое промис?');
  });

  it('a failing question source fails the stream instead of producing a truncated file', async () => {
    async function* broken() {
      yield q();
      throw new Error('cursor died');
    }
    for (const format of ['pdf', 'csv', 'docx'] as const) {
      await expect(
        pipeline(RENDERERS[format](meta, broken()), new Writable({ write: (_c, _e, cb) => cb() })),
      ).rejects.toThrow('cursor died');
    }
  });
});
