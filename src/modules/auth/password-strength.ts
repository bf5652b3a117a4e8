import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

/**
 * Refuses passwords an attacker tries first: whitespace only, or (a case/l33t variant of) an entry of
 * zxcvbn's common-password list, or anything zxcvbn scores 0 (keyboard walks, short repeats). Longer
 * passwords that merely contain a common word ("password-before") stay allowed.
 */
let checker: ZxcvbnFactory | undefined;

/**
 * Where a host process may leave a checker it built itself (same library, same dictionaries): the Jest
 * environment (tests/support/quiet-environment.ts) builds one per worker instead of one per test file.
 */
export const SHARED_PASSWORD_CHECKER = Symbol.for('intervai.passwordChecker');

// Built on first use: loading the dictionaries and ranking them takes a few hundred milliseconds, so the
// modules are loaded only then.
export function buildPasswordChecker(): ZxcvbnFactory {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { ZxcvbnFactory: Factory } = require('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
  const { adjacencyGraphs, dictionary } =
    require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
  /* eslint-enable @typescript-eslint/no-require-imports */
  return new Factory({ dictionary, graphs: adjacencyGraphs });
}

const getChecker = () =>
  (checker ??=
    (globalThis as { [SHARED_PASSWORD_CHECKER]?: ZxcvbnFactory })[SHARED_PASSWORD_CHECKER] ??
    buildPasswordChecker());

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
