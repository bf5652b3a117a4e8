import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

/**
 * Refuses passwords an attacker tries first: whitespace only, or (a case/l33t variant of) an entry of
 * zxcvbn's common-password list, or anything zxcvbn scores 0 (keyboard walks, short repeats). Longer
 * passwords that merely contain a common word ("password-before") stay allowed.
 */
let checker: ZxcvbnFactory | undefined;
// Built on first use: loading the dictionaries takes a few hundred milliseconds.
const getChecker = () => (checker ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs }));

/** Why the password is refused, or undefined when it is acceptable. */
export function weakPasswordReason(password: string): string | undefined {
  if (password.trim() === '') return 'Password must not be only spaces';
  const result = getChecker().check(password);
  const wholeIsCommon =
    result.sequence.length === 1 &&
    result.sequence[0]?.pattern === 'dictionary' &&
    (result.sequence[0] as { dictionaryName?: string }).dictionaryName === 'passwords-common';
  if (result.score === 0 || wholeIsCommon) {
    return 'Password is too common: it appears on lists of passwords attackers try first';
  }
  return undefined;
}
