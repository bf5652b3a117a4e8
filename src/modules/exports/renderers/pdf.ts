import { once } from 'node:events';
import type { Readable } from 'node:stream';
import PDFDocument from 'pdfkit';
import { formatDate, type ExportMeta, type ExportQuestion, type Renderer } from './types';

/**
 * PDF (pdfkit): cover block, a vector bar chart of the difficulty breakdown, then each question with its
 * number, difficulty badge, a drawn pin marker, question, answer, notes and tags; "Page n" in every
 * footer. DejaVu Sans (a Unicode TrueType font from the `dejavu-fonts-ttf` package, subset-embedded)
 * draws Latin accents, Cyrillic and Greek, which the standard Helvetica cannot. Pages are flushed as
 * they are finished (no `bufferPages`), so memory stays flat however many questions there are.
 */
const FONT_FILES = {
  regular: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
  italic: 'dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf',
} as const;
type FontName = keyof typeof FONT_FILES;
let fontPaths: Record<FontName, string> | undefined;
const fonts = () =>
  (fontPaths ??= {
    regular: require.resolve(FONT_FILES.regular),
    bold: require.resolve(FONT_FILES.bold),
    italic: require.resolve(FONT_FILES.italic),
  });

const COLORS = {
  text: '#212529',
  muted: '#6c757d',
  faint: '#adb5bd',
  rule: '#dee2e6',
  track: '#f1f3f5',
  brand: '#3b5bdb',
  pin: '#d6336c',
  notesBar: '#ced4da',
  easy: '#2f9e44',
  medium: '#e67700',
  hard: '#c92a2a',
} as const;
const difficultyColor = (d?: string) =>
  d === 'easy' || d === 'medium' || d === 'hard' ? COLORS[d] : COLORS.muted;

const MARGIN = { top: 56, bottom: 60, left: 54, right: 54 };
/** Keep the pdf stream's unread backlog under this (the consumer is the GridFS upload). */
const BACKLOG_LIMIT = 1 << 20;
/** Height of one answer line: 10 pt DejaVu Sans plus the 2 pt line gap. */
const ANSWER_LINE = 13.6;

type Doc = InstanceType<typeof PDFDocument>;

class PdfWriter {
  private current: { font: FontName; size: number; color: string } = {
    font: 'regular',
    size: 10,
    color: COLORS.text,
  };
  private pageNo = 0;
  /** LETTER width minus the side margins. */
  readonly width = 612 - MARGIN.left - MARGIN.right;

  constructor(readonly doc: Doc) {
    for (const [name, file] of Object.entries(fonts())) doc.registerFont(name, file);
    doc.on('pageAdded', () => this.footer());
  }

  use(font: FontName, size: number, color: string = COLORS.text) {
    this.current = { font, size, color };
    this.doc.font(font).fontSize(size).fillColor(color);
    return this.doc;
  }

  get bottom() {
    return this.doc.page.height - MARGIN.bottom;
  }

  /** Footer of a new page; restores the font state a page break in the middle of a text needs. */
  private footer() {
    const { doc } = this;
    this.pageNo++;
    const saved = this.current;
    doc.page.margins.bottom = 0;
    this.use('regular', 8, COLORS.muted);
    doc.text(`Page ${this.pageNo}`, MARGIN.left, doc.page.height - 38, {
      width: this.width,
      align: 'center',
      lineBreak: false,
    });
    doc
      .moveTo(MARGIN.left, doc.page.height - 46)
      .lineTo(MARGIN.left + this.width, doc.page.height - 46)
      .lineWidth(0.5)
      .strokeColor(COLORS.rule)
      .stroke();
    doc.page.margins.bottom = MARGIN.bottom;
    this.use(saved.font, saved.size, saved.color);
    doc.x = MARGIN.left;
    doc.y = MARGIN.top;
  }

  rule(gapBefore = 8, gapAfter = 12) {
    const { doc } = this;
    doc.y += gapBefore;
    doc
      .moveTo(MARGIN.left, doc.y)
      .lineTo(MARGIN.left + this.width, doc.y)
      .lineWidth(0.75)
      .strokeColor(COLORS.rule)
      .stroke();
    doc.y += gapAfter;
  }

  cover(meta: ExportMeta) {
    const { doc } = this;
    const x = MARGIN.left;
    this.use('bold', 22).text('Interview Questions', x, doc.y, { width: this.width });
    this.use('regular', 12, COLORS.brand).text(meta.title, { width: this.width });
    doc.moveDown(0.8);

    const rows: Array<[string, string]> = [
      ['Role', meta.role],
      ['Experience', meta.experience],
      ['Topics', meta.topics.join(', ') || '—'],
      ['Date', formatDate(meta.generatedAt)],
      ['Questions', `${meta.total} (${meta.pinned} pinned)`],
    ];
    const labelW = 80;
    for (const [label, value] of rows) {
      const y = doc.y;
      this.use('bold', 10, COLORS.muted).text(label, x, y, { width: labelW });
      this.use('regular', 10).text(value, x + labelW, y, { width: this.width - labelW });
      doc.moveDown(0.25);
    }
    if (meta.description) {
      doc.moveDown(0.4);
      this.use('italic', 10, COLORS.muted).text(meta.description, x, doc.y, { width: this.width });
    }
    doc.moveDown(1);
    this.chart(meta);
    this.rule(10, 16);
  }

  /** Horizontal bars, one per difficulty, scaled to the largest count. */
  private chart(meta: ExportMeta) {
    const { doc } = this;
    const x = MARGIN.left;
    this.use('bold', 11).text('Difficulty breakdown', x, doc.y, { width: this.width });
    doc.y += 6;
    const labelW = 60;
    const barMax = this.width - labelW - 60;
    const barH = 12;
    const max = Math.max(1, meta.byDifficulty.easy, meta.byDifficulty.medium, meta.byDifficulty.hard);
    for (const d of ['easy', 'medium', 'hard'] as const) {
      const count = meta.byDifficulty[d];
      const y = doc.y;
      this.use('regular', 9).text(d[0].toUpperCase() + d.slice(1), x, y + 1.5, {
        width: labelW,
        lineBreak: false,
      });
      doc.roundedRect(x + labelW, y, barMax, barH, 3).fill(COLORS.track);
      const w = (barMax * count) / max;
      if (count > 0) doc.roundedRect(x + labelW, y, Math.max(w, 4), barH, 3).fill(COLORS[d]);
      this.use('bold', 9).text(String(count), x + labelW + barMax + 8, y + 1.5, {
        width: 50,
        lineBreak: false,
      });
      doc.x = x;
      doc.y = y + barH + 5;
    }
  }

  private badge(text: string, x: number, y: number, color: string): number {
    const { doc } = this;
    this.use('bold', 7.5, '#ffffff');
    const w = doc.widthOfString(text) + 10;
    doc.roundedRect(x, y, w, 13, 6.5).fill(color);
    doc.fillColor('#ffffff').text(text, x + 5, y + 2.6, { lineBreak: false });
    return w;
  }

  /** A push-pin drawn with paths (head, collar, needle), then the word "Pinned". */
  private pin(x: number, y: number): number {
    const { doc } = this;
    doc.save();
    doc.circle(x + 5, y + 4, 3.6).fill(COLORS.pin);
    doc.rect(x + 3.6, y + 6.6, 2.8, 2.6).fill(COLORS.pin);
    doc
      .moveTo(x + 5, y + 9)
      .lineTo(x + 5, y + 13.5)
      .lineWidth(1)
      .strokeColor(COLORS.pin)
      .stroke();
    doc.restore();
    this.use('bold', 8, COLORS.pin).text('Pinned', x + 12, y + 2.4, { lineBreak: false });
    return 12 + doc.widthOfString('Pinned');
  }

  question(q: ExportQuestion, n: number) {
    const { doc } = this;
    const x = MARGIN.left;
    // Never start a question at the foot of a page: its header, text and the first answer lines must fit.
    // (Three answer lines are assumed rather than measured: laying the answer out twice costs ~25 %.)
    // The question's height is estimated from its width (one line of slack) instead of wrapping it twice.
    this.use('bold', 12);
    const qHeight = (Math.ceil(doc.widthOfString(q.question) / this.width) + 1) * doc.currentLineHeight(true);
    if (doc.y + 20 + qHeight + 16 + 3 * ANSWER_LINE > this.bottom && doc.y > MARGIN.top + 1) doc.addPage();

    const top = doc.y;
    this.use('bold', 11, COLORS.brand).text(`Q${n}`, x, top + 1, { lineBreak: false });
    let cx = x + doc.widthOfString(`Q${n}`) + 8;
    const diff = (q.difficulty || 'n/a').toUpperCase();
    cx += this.badge(diff, cx, top, difficultyColor(q.difficulty)) + 8;
    if (q.isPinned) cx += this.pin(cx, top) + 8;
    if (q.category) {
      this.use('regular', 8, COLORS.muted).text(q.category, cx, top + 2.6, {
        width: x + this.width - cx,
        align: 'right',
        lineBreak: false,
        ellipsis: true,
        height: 12,
      });
    }
    doc.x = x;
    doc.y = top + 20;

    this.use('bold', 12).text(q.question, x, doc.y, { width: this.width });
    doc.y += 6;
    this.use('bold', 7.5, COLORS.muted).text('ANSWER', x, doc.y, { characterSpacing: 0.6 });
    doc.y += 2;
    this.use('regular', 10).text(q.answer, x, doc.y, { width: this.width, lineGap: 2 });

    if (q.notes) {
      doc.y += 6;
      const y = doc.y;
      this.use('italic', 9.5, COLORS.muted).text(`Notes: ${q.notes}`, x + 10, y, {
        width: this.width - 10,
        lineGap: 1.5,
      });
      // The bar is drawn only when the notes stayed on one page.
      if (doc.y > y) doc.rect(x, y, 2.5, doc.y - y).fill(COLORS.notesBar);
    }
    if (q.tags?.length) {
      doc.y += 4;
      this.use('regular', 8, COLORS.muted).text(`Tags: ${q.tags.join(', ')}`, x, doc.y, {
        width: this.width,
      });
    }
    this.rule(10, 12);
  }
}

async function backlogDrained(stream: Readable): Promise<void> {
  while (stream.readableLength > BACKLOG_LIMIT && !stream.destroyed) {
    await Promise.race([once(stream, 'data'), once(stream, 'close')]);
  }
}

export const renderPdf: Renderer = (meta, questions, onQuestion) => {
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: MARGIN,
    autoFirstPage: false,
    info: {
      Title: `Interview Questions: ${meta.title}`,
      Author: 'IntervAI',
      Subject: meta.topics.join(', '),
      CreationDate: meta.generatedAt,
    },
  });
  const w = new PdfWriter(doc);
  void (async () => {
    doc.addPage();
    w.cover(meta);
    let n = 0;
    for await (const q of questions) {
      w.question(q, ++n);
      onQuestion?.(n);
      await backlogDrained(doc);
    }
    doc.end();
  })().catch((err: Error) => doc.destroy(err));
  return doc;
};
