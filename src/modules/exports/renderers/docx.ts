import { Readable } from 'node:stream';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
} from 'docx';
import { formatDate, type ExportMeta, type ExportQuestion, type Renderer } from './types';

/**
 * DOCX (docx): title, a metadata table, then per question a heading (number, difficulty, pinned
 * marker), the question, answer paragraphs (one per line of the answer), notes in italics and tags;
 * "Page n of m" in the footer. The docx library assembles the whole document before zipping it, so
 * this format is the one that cannot stream (see bench/README.md for its memory cost).
 */
const DIFFICULTY_COLOR: Record<string, string> = { easy: '2F9E44', medium: 'E67700', hard: 'C92A2A' };
const FONT = 'Calibri';

function metaTable(meta: ExportMeta): Table {
  const rows: Array<[string, string]> = [
    ['Role', meta.role],
    ['Experience', meta.experience],
    ['Topics', meta.topics.join(', ') || '—'],
    ['Date', formatDate(meta.generatedAt)],
    ['Questions', `${meta.total} (${meta.pinned} pinned)`],
    [
      'Difficulty',
      `easy ${meta.byDifficulty.easy} · medium ${meta.byDifficulty.medium} · hard ${meta.byDifficulty.hard}`,
    ],
  ];
  const border = { style: BorderStyle.SINGLE, size: 4, color: 'DEE2E6' };
  const borders = { top: border, bottom: border, left: border, right: border };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(
      ([label, value]) =>
        new TableRow({
          children: [
            new TableCell({
              width: { size: 25, type: WidthType.PERCENTAGE },
              borders,
              shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F1F3F5' },
              children: [new Paragraph({ children: [new TextRun({ text: label, bold: true })] })],
            }),
            new TableCell({
              width: { size: 75, type: WidthType.PERCENTAGE },
              borders,
              children: [new Paragraph({ children: [new TextRun(value)] })],
            }),
          ],
        }),
    ),
  });
}

function questionBlock(q: ExportQuestion, n: number): Paragraph[] {
  const heading: TextRun[] = [new TextRun({ text: `Question ${n}` })];
  const difficulty = q.difficulty || 'n/a';
  heading.push(
    new TextRun({
      text: `  ${difficulty.toUpperCase()}`,
      size: 18,
      bold: true,
      color: DIFFICULTY_COLOR[difficulty] ?? '6C757D',
    }),
  );
  if (q.isPinned) heading.push(new TextRun({ text: '  ★ Pinned', size: 18, bold: true, color: 'D6336C' }));
  const out = [
    new Paragraph({
      heading: HeadingLevel.HEADING_2,
      spacing: { before: 240, after: 80 },
      children: heading,
    }),
    new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text: q.question, bold: true })] }),
    new Paragraph({
      spacing: { after: 40 },
      children: [new TextRun({ text: 'Answer', bold: true, size: 18, color: '6C757D' })],
    }),
    ...q.answer
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '')
      .map((line) => new Paragraph({ spacing: { after: 100 }, children: [new TextRun(line)] })),
  ];
  if (q.notes)
    out.push(
      new Paragraph({
        spacing: { after: 100 },
        children: [
          new TextRun({ text: 'Notes: ', italics: true, bold: true, color: '495057' }),
          new TextRun({ text: q.notes, italics: true, color: '495057' }),
        ],
      }),
    );
  const extra = [
    q.category ? `Category: ${q.category}` : '',
    q.tags?.length ? `Tags: ${q.tags.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('   ');
  if (extra)
    out.push(
      new Paragraph({
        spacing: { after: 100 },
        children: [new TextRun({ text: extra, size: 16, color: '6C757D' })],
      }),
    );
  return out;
}

async function build(
  meta: ExportMeta,
  questions: AsyncIterable<ExportQuestion>,
  onQuestion?: (n: number) => void,
): Promise<Buffer> {
  const children: FileChild[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun('Interview Questions')] }),
    new Paragraph({
      spacing: { after: 200 },
      children: [new TextRun({ text: meta.title, color: '3B5BDB', size: 26 })],
    }),
    metaTable(meta),
  ];
  if (meta.description)
    children.push(
      new Paragraph({
        spacing: { before: 160 },
        children: [new TextRun({ text: meta.description, italics: true, color: '6C757D' })],
      }),
    );
  let n = 0;
  for await (const q of questions) {
    children.push(...questionBlock(q, ++n));
    onQuestion?.(n);
  }
  const doc = new Document({
    creator: 'IntervAI',
    title: `Interview Questions: ${meta.title}`,
    styles: { default: { document: { run: { font: FONT, size: 21 } } } },
    sections: [
      {
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    size: 16,
                    color: '6C757D',
                    children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES],
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

export const renderDocx: Renderer = (meta, questions, onQuestion) => {
  // The document is assembled first; the returned stream starts once the zip is ready.
  const out = new Readable({ read() {} });
  build(meta, questions, onQuestion).then(
    (zip) => {
      out.push(zip);
      out.push(null);
    },
    (err: Error) => out.destroy(err),
  );
  return out;
};
