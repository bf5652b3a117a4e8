import type { Difficulty } from '../provider';

/** [difficulty, question, model answer] */
export type RawEntry = readonly [Difficulty, string, string];

export interface BankTopic {
  /** Canonical topic id (lower-case, hyphenated), e.g. "nodejs", "system-design". */
  id: string;
  /** Display name, e.g. "Node.js". */
  label: string;
  entries: readonly RawEntry[];
}
