import type { Readable } from 'node:stream';

/** What every format shows about the session (cover block / metadata table). */
export interface ExportMeta {
  sessionId: string;
  title: string;
  role: string;
  experience: string;
  topics: string[];
  description?: string;
  generatedAt: Date;
  total: number;
  pinned: number;
  byDifficulty: { easy: number; medium: number; hard: number };
}

export interface ExportQuestion {
  question: string;
  answer: string;
  notes?: string;
  isPinned: boolean;
  difficulty?: string;
  category?: string;
  tags?: string[];
  createdAt: Date;
}

/**
 * A renderer turns the meta and the questions (an async iterable, in export order) into a byte stream.
 * `onQuestion(n)` is called after the n-th question was laid out (progress reporting).
 */
export type Renderer = (
  meta: ExportMeta,
  questions: AsyncIterable<ExportQuestion>,
  onQuestion?: (n: number) => void,
) => Readable;

export const formatDate = (d: Date) => d.toISOString().slice(0, 10);
