/** Small text helpers shared by prompts, parsing and the offline provider. */

// C0/C1 control characters except tab (\t) and newline (\n), plus bidi overrides/isolates and zero-width
// characters that can hide text from a human reviewer.
const CONTROL =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** Removes control characters (keeping \n and \t), normalises line endings, trims. */
export function stripControl(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, '').trim();
}

/** Trims to at most `max` characters (on a code-point boundary), marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars
    .slice(0, Math.max(0, max - 1))
    .join('')
    .trimEnd()}…`;
}

/**
 * Cleans user-provided text for a prompt: any value becomes a string, control characters go, length is
 * limited. `singleLine` also folds newlines and runs of whitespace into one space.
 */
export function cleanUserText(value: unknown, max: number, singleLine = false): string {
  let s = stripControl(typeof value === 'string' ? value : value == null ? '' : String(value));
  if (singleLine) s = s.replace(/\s+/g, ' ');
  else s = s.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n');
  return truncate(s, max);
}

/**
 * Canonical form of a question text for duplicate detection: case, punctuation and whitespace folded.
 * "What is a closure?" and "what is a CLOSURE" compare equal.
 */
export function normaliseQuestionText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** 32-bit FNV-1a hash of a string. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Deterministic PRNG (mulberry32): same seed, same sequence. Returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates shuffle of a copy, driven by `rand`. */
export function shuffled<T>(items: readonly T[], rand: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Splits prose into sentences (keeps abbreviations like "e.g." together well enough for our use). */
export function splitSentences(text: string): string[] {
  const protectedText = text.replace(/\b(e\.g|i\.e|etc|vs|approx)\./gi, (m) => m.replace(/\./g, '\uE000'));
  return protectedText
    .split(/(?<=[.!?])\s+(?=[A-Z0-9"'`(])/)
    .map((s) => s.replace(/\uE000/g, '.').trim())
    .filter((s) => s.length > 0);
}
