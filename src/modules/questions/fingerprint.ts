import { createHash } from 'node:crypto';
import { normaliseQuestionText } from '../../ai/text';

/**
 * De-duplication fingerprint of a question text: case, punctuation, whitespace and Unicode forms folded,
 * then hashed. "What is a closure?" and "what is a CLOSURE" share one fingerprint. A unique index on
 * {session, fingerprint} makes "insert by fingerprint" idempotent.
 */
export function questionFingerprint(text: string): string {
  return createHash('sha1').update(normaliseQuestionText(text)).digest('hex');
}
