import { once } from 'node:events';
import { Readable } from 'node:stream';
import { strFromU8, strToU8, unzipSync, Zip, ZipDeflate } from 'fflate';
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
 * DOCX: title, a metadata table, then per question a heading (number, difficulty, pinned marker), the
 * question, answer paragraphs (one per line of the answer), notes in italics, category and tags;
 * "Page n of m" in the footer.
 *
 * The docx library assembles a whole document in memory before zipping it (~45 KB of heap per question),
 * so it builds only the skeleton — cover, styles, footer and a marker paragraph — and the questions are
 * streamed into `word/document.xml` in its place, through fflate's streaming zip. Memory stays flat
 * however many questions there are. The question paragraphs use the same WordprocessingML the library
 * writes (compare its output for a Paragraph with these runs).
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

const MARKER = '@@INTERVAI_QUESTIONS@@';
const BACKLOG_LIMIT = 1 << 20;

/** XML text: escaped, and without the control characters XML 1.0 forbids (they would corrupt the file). */
const xmlText = (s: string) =>
  s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  color?: string;
  size?: number;
}
function run(text: string, st: RunStyle = {}): string {
  const props =
    (st.bold ? '<w:b/><w:bCs/>' : '') +
    (st.italics ? '<w:i/><w:iCs/>' : '') +
    (st.color ? `<w:color w:val="${st.color}"/>` : '') +
    (st.size ? `<w:sz w:val="${st.size}"/><w:szCs w:val="${st.size}"/>` : '');
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${xmlText(text)}</w:t></w:r>`;
}
function paragraph(runs: string, opts: { style?: string; before?: number; after?: number } = {}): string {
  const spacing =
    opts.before !== undefined || opts.after !== undefined
      ? `<w:spacing${opts.after !== undefined ? ` w:after="${opts.after}"` : ''}${opts.before !== undefined ? ` w:before="${opts.before}"` : ''}/>`
      : '';
  const style = opts.style ? `<w:pStyle w:val="${opts.style}"/>` : '';
  return `<w:p>${style || spacing ? `<w:pPr>${style}${spacing}</w:pPr>` : ''}${runs}</w:p>`;
}

/** One question's paragraphs as WordprocessingML. */
export function questionXml(q: ExportQuestion, n: number): string {
  const difficulty = q.difficulty || 'n/a';
  let heading =
    run(`Question ${n}`) +
    run(`  ${difficulty.toUpperCase()}`, {
      bold: true,
      size: 18,
      color: DIFFICULTY_COLOR[difficulty] ?? '6C757D',
    });
  if (q.isPinned) heading += run('  ★ Pinned', { bold: true, size: 18, color: 'D6336C' });
  let xml =
    paragraph(heading, { style: 'Heading2', before: 240, after: 80 }) +
    paragraph(run(q.question, { bold: true }), { after: 120 }) +
    paragraph(run('Answer', { bold: true, size: 18, color: '6C757D' }), { after: 40 });
  for (const line of q.answer.split(/\r?\n/)) {
    if (line.trim() !== '') xml += paragraph(run(line), { after: 100 });
  }
  if (q.notes)
    xml += paragraph(
      run('Notes: ', { italics: true, bold: true, color: '495057' }) +
        run(q.notes, { italics: true, color: '495057' }),
      { after: 100 },
    );
  const extra = [
    q.category ? `Category: ${q.category}` : '',
    q.tags?.length ? `Tags: ${q.tags.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('   ');
  if (extra) xml += paragraph(run(extra, { size: 16, color: '6C757D' }), { after: 100 });
  return xml;
}

/** The package built by the docx library, with a marker paragraph where the questions go. */
async function skeleton(meta: ExportMeta): Promise<Record<string, Uint8Array>> {
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
  children.push(new Paragraph({ children: [new TextRun(MARKER)] }));
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
  return unzipSync(new Uint8Array(await Packer.toBuffer(doc)));
}

async function backlogDrained(stream: Readable): Promise<void> {
  while (stream.readableLength > BACKLOG_LIMIT && !stream.destroyed) {
    await Promise.race([once(stream, 'data'), once(stream, 'close')]);
  }
}

export const renderDocx: Renderer = (meta, questions, onQuestion) => {
  const out = new Readable({ read() {} });
  const zip = new Zip((err, chunk, final) => {
    if (err) return void out.destroy(err);
    out.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if (final) out.push(null);
  });
  void (async () => {
    const files = await skeleton(meta);
    const documentXml = strFromU8(files['word/document.xml']);
    const at = documentXml.indexOf(MARKER);
    const start = documentXml.lastIndexOf('<w:p>', at);
    const end = documentXml.indexOf('</w:p>', at) + '</w:p>'.length;
    if (at < 0 || start < 0) throw new Error('docx skeleton: marker paragraph not found');
    for (const [name, data] of Object.entries(files)) {
      if (name === 'word/document.xml') continue;
      const entry = new ZipDeflate(name, { level: 6 });
      zip.add(entry);
      entry.push(data, true);
    }
    const body = new ZipDeflate('word/document.xml', { level: 6 });
    zip.add(body);
    body.push(strToU8(documentXml.slice(0, start)));
    let n = 0;
    let batch = '';
    for await (const q of questions) {
      batch += questionXml(q, ++n);
      onQuestion?.(n);
      if (batch.length > 64 * 1024) {
        body.push(strToU8(batch));
        batch = '';
        await backlogDrained(out);
      }
    }
    body.push(strToU8(batch + documentXml.slice(end)), true);
    zip.end();
  })().catch((err: Error) => out.destroy(err));
  return out;
};
