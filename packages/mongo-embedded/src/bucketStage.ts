// `$bucket` with mongod's semantics (mingo's own put a value equal to an inner boundary in the bucket
// below it, emitted empty buckets and emitted `_id` last). mongod rewrites $bucket into $group + $sort:
// - a document goes to the bucket whose lower boundary <= value < the next boundary (lower-inclusive,
//   upper-exclusive), compared in BSON order; anything else (other types, null, missing, out of range)
//   goes to `default`, and without `default` the stage fails with 40066;
// - only non-empty buckets are emitted, sorted by `_id` (the default bucket sorts among them by its
//   value), each as `{ _id, ...output }` in the output specification's order (`{count: {$sum: 1}}`
//   when there is none).
import { Lazy } from 'mingo/lazy';
import { fail } from './errors';
import { evalExpr } from './mingoInternal';
import { compareValues, isPlainObject, typeRank, type Doc } from './values';

interface Collection {
  transform(f: (xs: unknown[]) => unknown): unknown;
}

const ALLOWED = new Set(['groupBy', 'boundaries', 'default', 'output']);

function validate(spec: unknown): { groupBy: unknown; bounds: unknown[]; output: Doc; hasDefault: boolean } {
  if (!isPlainObject(spec))
    fail(40201, `Argument to $bucket stage must be an object, but found type: ${typeof spec}.`);
  for (const k of Object.keys(spec))
    if (!ALLOWED.has(k)) fail(40197, `Unrecognized option to $bucket: ${k}.`);
  if (!('groupBy' in spec) || !('boundaries' in spec))
    fail(40198, "$bucket requires 'groupBy' and 'boundaries' to be specified.");
  const groupBy = spec.groupBy;
  if (!(typeof groupBy === 'string' && groupBy.startsWith('$')) && !isPlainObject(groupBy))
    fail(
      40202,
      "The $bucket 'groupBy' field must be defined as a $-prefixed path or an expression, but found: " +
        JSON.stringify(groupBy),
    );
  const bounds = spec.boundaries;
  if (!Array.isArray(bounds))
    fail(40200, `The $bucket 'boundaries' field must be an array, but found type: ${typeof bounds}.`);
  if (bounds.length < 2)
    fail(
      40192,
      `The $bucket 'boundaries' field must have at least 2 values, but found ${bounds.length} value(s).`,
    );
  for (let i = 1; i < bounds.length; i++) {
    if (typeRank(bounds[i]) !== typeRank(bounds[i - 1]))
      fail(
        40193,
        "All values in the the 'boundaries' option to $bucket must have the same type. Found conflicting types.",
      );
    if (compareValues(bounds[i - 1], bounds[i]) >= 0)
      fail(
        40194,
        "The 'boundaries' option to $bucket must be sorted in ascending order, but elements " +
          `${i - 1} and ${i} are not in ascending order (${String(bounds[i - 1])} is not less than ${String(bounds[i])}).`,
      );
  }
  const hasDefault = 'default' in spec;
  if (hasDefault) {
    const d = spec.default;
    const inRange =
      typeRank(d) === typeRank(bounds[0]) &&
      compareValues(d, bounds[0]) >= 0 &&
      compareValues(d, bounds[bounds.length - 1]) < 0;
    if (inRange)
      fail(
        40199,
        "The $bucket 'default' field must be less than the lowest boundary or greater than or equal to the highest boundary.",
      );
  }
  const output = spec.output === undefined ? { count: { $sum: 1 } } : spec.output;
  if (!isPlainObject(output))
    fail(40196, `The $bucket 'output' field must be an object, but found type: ${typeof output}.`);
  return { groupBy, bounds, output, hasDefault };
}

/** Index i of the bucket [bounds[i], bounds[i+1]) holding v, or -1. */
function bucketIndex(bounds: unknown[], v: unknown): number {
  const rank = typeRank(bounds[0]);
  if (v === undefined || typeRank(v) !== rank) return -1;
  if (compareValues(v, bounds[0]) < 0 || compareValues(v, bounds[bounds.length - 1]) >= 0) return -1;
  let lo = 0;
  let hi = bounds.length - 1; // invariant: bounds[lo] <= v < bounds[hi]
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (compareValues(v, bounds[mid]) >= 0) lo = mid;
    else hi = mid;
  }
  return lo;
}

export function $bucket(coll: Collection, spec: Doc, options: Record<string, unknown>): unknown {
  const { groupBy, bounds, output, hasDefault } = validate(spec);
  return coll.transform((xs) => {
    const groups = new Map<number, unknown[]>();
    const DEFAULT = -2;
    for (const doc of xs) {
      let i = bucketIndex(bounds, evalExpr(doc, groupBy, options));
      if (i < 0) {
        if (!hasDefault)
          fail(40066, '$switch could not find a matching branch for an input, and no default was specified.');
        i = DEFAULT;
      }
      let g = groups.get(i);
      if (!g) groups.set(i, (g = []));
      g.push(doc);
    }
    const out = [...groups.entries()].map(([i, docs]) => {
      const computed = evalExpr(docs, output, options) as Doc;
      const row: Doc = { _id: i === DEFAULT ? spec.default : bounds[i] };
      for (const k of Object.keys(output)) row[k] = computed[k];
      return row;
    });
    out.sort((a, b) => compareValues(a._id, b._id));
    return Lazy(out);
  });
}
