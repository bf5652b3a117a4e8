// mingo's expression evaluator and default operator implementations are not part of its public
// exports; the overrides need them (to evaluate arguments and to delegate), so load them by path.
import { createRequire } from 'node:module';
import path from 'node:path';

const mingoDir = path.dirname(require.resolve('mingo'));

export const loadMingo = (rel: string) =>
  createRequire(__filename)(path.join(mingoDir, rel)) as Record<string, never>;

const internal = loadMingo('core/_internal.js') as unknown as {
  evalExpr(obj: unknown, expr: unknown, options: unknown): unknown;
};

export const evalExpr = (obj: unknown, expr: unknown, options: unknown): unknown =>
  internal.evalExpr(obj, expr, options);

export type ExprOp = (obj: unknown, expr: unknown, options: Record<string, unknown>) => unknown;
export type AccOp = (coll: unknown[], expr: unknown, options: Record<string, unknown>) => unknown;

/** A default mingo operator implementation, e.g. baseOp('expression/arithmetic/add.js', '$add'). */
export function baseOp<T>(rel: string, name: string): T {
  const fn = (loadMingo(`operators/${rel}`) as unknown as Record<string, T>)[name];
  if (!fn) throw new Error(`mingo operator ${name} not found in ${rel}`);
  return fn;
}
