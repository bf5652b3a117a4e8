import { Readable } from 'node:stream';
import { createObjectCsvStringifier } from 'csv-writer';
import type { ExportQuestion, Renderer } from './types';

/**
 * CSV: the old columns plus Tags and Notes; UTF-8 with a BOM (Excel then reads it as UTF-8), CRLF
 * records, RFC 4180 quoting by csv-writer. Streams one record per question.
 */
const HEADER = [
  { id: 'number', title: 'No.' },
  { id: 'question', title: 'Question' },
  { id: 'answer', title: 'Answer' },
  { id: 'pinned', title: 'Pinned' },
  { id: 'difficulty', title: 'Difficulty' },
  { id: 'category', title: 'Category' },
  { id: 'createdAt', title: 'Created At' },
  { id: 'tags', title: 'Tags' },
  { id: 'notes', title: 'Notes' },
];

/**
 * Formula-injection guard: a spreadsheet runs a cell starting with = + - @ (or tab / CR, which some
 * strip first) as a formula, so such text cells get a leading apostrophe and stay text.
 */
export function guardCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function toRecord(q: ExportQuestion, n: number) {
  return {
    number: n,
    question: guardCell(q.question),
    answer: guardCell(q.answer),
    pinned: q.isPinned ? 'Yes' : 'No',
    difficulty: guardCell(q.difficulty || 'N/A'),
    // Empty stays empty (the old version wrote "N/A", D-27).
    category: guardCell(q.category ?? ''),
    createdAt: q.createdAt.toISOString(),
    tags: guardCell((q.tags ?? []).join('; ')),
    notes: guardCell(q.notes ?? ''),
  };
}

export const renderCsv: Renderer = (_meta, questions, onQuestion) => {
  const stringifier = createObjectCsvStringifier({ header: HEADER, recordDelimiter: '\r\n' });
  async function* lines() {
    yield `\ufeff${stringifier.getHeaderString() ?? ''}`;
    let n = 0;
    let batch: ReturnType<typeof toRecord>[] = [];
    for await (const q of questions) {
      batch.push(toRecord(q, ++n));
      onQuestion?.(n);
      if (batch.length === 200) {
        yield stringifier.stringifyRecords(batch);
        batch = [];
      }
    }
    if (batch.length) yield stringifier.stringifyRecords(batch);
  }
  return Readable.from(lines(), { objectMode: false });
};
