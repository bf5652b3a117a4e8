// Replacements for mingo operators whose semantics differ from MongoDB's: comparisons (BSON type
// order, Long/Decimal128/Double wrappers compared numerically), `$type` with BSON type names/codes,
// and `$sort` in BSON order. Registered through a mingo Context so every Query/Aggregator uses them.
import { Context } from 'mingo';
import { decimalAccumulators, decimalExpressions } from './decimalOps';
import { $bucket } from './bucketStage';
import { $facet } from './facetStage';
import { dateExpressions } from './dateOps';
import { baseOp, evalExpr, loadMingo, type ExprOp } from './mingoInternal';
import { ObjectId } from 'bson';
import { Lazy } from 'mingo/lazy';
import { ErrorCodes, fail } from './errors';
import {
  bsonType,
  canonicalKey,
  compareValues,
  decimalIsExactNumber,
  isPlainObject,
  makeCollator,
  toNumber,
  typeRank,
  valuesAtPath,
  type Doc,
} from './values';
import { sortDocs } from './query';
import type { Decimal128 } from 'bson';

type Pred = (obj: unknown) => boolean;

/** Values a field path yields, plus whether it was missing entirely. */
function fieldValues(obj: unknown, selector: string): { vals: unknown[]; missing: boolean } {
  const vals = valuesAtPath(obj, selector);
  return { vals, missing: vals.length === 0 };
}

type Opts = { collation?: unknown } | undefined;
let currentCollator: Intl.Collator | undefined;

function equalValue(a: unknown, b: unknown): boolean {
  return typeRank(a) === typeRank(b) && compareValues(a, b, currentCollator) === 0;
}

/** Runs a predicate with the query's collation in effect for string comparisons. */
function withCollation(options: Opts, pred: Pred): Pred {
  const collator = makeCollator(options?.collation);
  if (!collator) return pred;
  return (obj) => {
    const prev = currentCollator;
    currentCollator = collator;
    try {
      return pred(obj);
    } finally {
      currentCollator = prev;
    }
  };
}

export function matchesEq(vals: unknown[], missing: boolean, b: unknown): boolean {
  if (b === null || b === undefined) {
    if (missing) return true;
    return vals.some((v) => v === null || v === undefined || (Array.isArray(v) && v.some((e) => e === null)));
  }
  for (const v of vals) {
    if (equalValue(v, b)) return true;
    if (Array.isArray(v) && v.some((e) => equalValue(e, b))) return true;
  }
  return false;
}

export function matchesIn(vals: unknown[], missing: boolean, list: unknown[]): boolean {
  for (const b of list) {
    if (b instanceof RegExp) {
      const test = (x: unknown) => typeof x === 'string' && b.test(x);
      if (vals.some((v) => test(v) || (Array.isArray(v) && v.some(test)))) return true;
    } else if (matchesEq(vals, missing, b)) return true;
  }
  return false;
}

/**
 * `$in` test for a list of hashable scalars (strings, numbers, dates, ids…) without collation: one Set
 * lookup per document value instead of comparing every value with every list entry. Canonical keys
 * are the hash indexes' equality (numeric types unified), so results match `matchesIn`. Lists holding
 * null, regexes, arrays or documents keep the general path.
 */
export function compileIn(
  list: unknown[],
  collated: boolean,
): (vals: unknown[], missing: boolean) => boolean {
  if (!collated && list.length && list.every((b) => typeof b === 'string')) {
    // Strings equal only identical strings: hash the raw values, no key encoding per document value.
    const strings = new Set(list as string[]);
    const hitString = (v: unknown) => typeof v === 'string' && strings.has(v);
    return (vals) => vals.some((v) => (Array.isArray(v) ? v.some(hitString) : hitString(v)));
  }
  const keys = new Set<string>();
  for (const b of list) {
    if (
      collated ||
      b === null ||
      b === undefined ||
      b instanceof RegExp ||
      Array.isArray(b) ||
      isPlainObject(b)
    )
      return (vals, missing) => matchesIn(vals, missing, list);
    keys.add(canonicalKey(b));
  }
  const hit = (v: unknown) =>
    v !== null && v !== undefined && !isPlainObject(v) && !Array.isArray(v) && keys.has(canonicalKey(v));
  return (vals) => {
    for (const v of vals) {
      if (Array.isArray(v) ? v.some(hit) : hit(v)) return true;
    }
    return false;
  };
}

function cmpOp(test: (c: number) => boolean, inclusive: boolean) {
  return (selector: string, b: unknown, options?: Opts): Pred => {
    if (isPlainObject(b) && Object.keys(b).some((k) => k.startsWith('$')))
      fail(ErrorCodes.BadValue, `unknown operator in comparison: ${Object.keys(b)[0]}`);
    return withCollation(options, (obj) => {
      const { vals, missing } = fieldValues(obj, selector);
      if ((b === null || bsonType(b) === 'MinKey' || bsonType(b) === 'MaxKey') && inclusive && missing)
        return b === null;
      const one = (v: unknown) => {
        if (typeRank(v) !== typeRank(b)) return false;
        return test(compareValues(v, b, currentCollator));
      };
      for (const v of vals) {
        if (one(v)) return true;
        if (Array.isArray(v) && !Array.isArray(b) && v.some(one)) return true;
      }
      return false;
    });
  };
}

const TYPE_ALIASES: Record<string, number> = {
  double: 1,
  string: 2,
  object: 3,
  array: 4,
  binData: 5,
  undefined: 6,
  objectId: 7,
  bool: 8,
  date: 9,
  null: 10,
  regex: 11,
  dbPointer: 12,
  javascript: 13,
  symbol: 14,
  javascriptWithScope: 15,
  int: 16,
  timestamp: 17,
  long: 18,
  decimal: 19,
  minKey: -1,
  maxKey: 127,
};

/** BSON type code of a stored value (numbers follow the serializer: int32 when integral and in range). */
export function bsonTypeCode(v: unknown): number {
  if (v === undefined) return 6;
  if (v === null) return 10;
  if (typeof v === 'number')
    return Number.isInteger(v) && v >= -0x80000000 && v <= 0x7fffffff && !Object.is(v, -0) ? 16 : 1;
  if (typeof v === 'bigint') return 18;
  if (typeof v === 'string') return 2;
  if (typeof v === 'boolean') return 8;
  if (Array.isArray(v)) return 4;
  if (v instanceof Date) return 9;
  if (v instanceof RegExp) return 11;
  switch (bsonType(v)) {
    case 'Double':
      return 1;
    case 'Int32':
      return 16;
    case 'Long':
      return 18;
    case 'Decimal128':
      return 19;
    case 'ObjectId':
      return 7;
    case 'Binary':
      return 5;
    case 'Timestamp':
      return 17;
    case 'MinKey':
      return -1;
    case 'MaxKey':
      return 127;
    case 'BSONRegExp':
      return 11;
    case 'Code':
      return 13;
    case 'BSONSymbol':
      return 14;
  }
  if (ArrayBuffer.isView(v)) return 5;
  return 3;
}

function typeMatcher(spec: unknown): (v: unknown) => boolean {
  const specs = Array.isArray(spec) ? spec : [spec];
  const codes = new Set<number>();
  let number = false;
  for (const s of specs) {
    if (s === 'number') number = true;
    else if (typeof s === 'string') {
      if (!(s in TYPE_ALIASES)) fail(ErrorCodes.BadValue, `Unknown type name alias: ${s}`);
      codes.add(TYPE_ALIASES[s]);
    } else {
      const n = toNumber(s);
      if (!Number.isInteger(n)) fail(ErrorCodes.BadValue, `Invalid numerical type code: ${String(s)}`);
      codes.add(n);
    }
  }
  return (v) => {
    const c = bsonTypeCode(v);
    return codes.has(c) || (number && (c === 1 || c === 16 || c === 18 || c === 19));
  };
}

const queryOps = {
  $eq: (selector: string, b: unknown, options?: Opts): Pred =>
    withCollation(options, (obj) => {
      const { vals, missing } = fieldValues(obj, selector);
      return matchesEq(vals, missing, b);
    }),
  $ne: (selector: string, b: unknown, options?: Opts): Pred =>
    withCollation(options, (obj) => {
      const { vals, missing } = fieldValues(obj, selector);
      return !matchesEq(vals, missing, b);
    }),
  $in: (selector: string, b: unknown, options?: Opts): Pred => {
    if (!Array.isArray(b)) fail(ErrorCodes.BadValue, '$in needs an array');
    const test = compileIn(b, !!makeCollator(options?.collation));
    return withCollation(options, (obj) => {
      const { vals, missing } = fieldValues(obj, selector);
      return test(vals, missing);
    });
  },
  $nin: (selector: string, b: unknown, options?: Opts): Pred => {
    if (!Array.isArray(b)) fail(ErrorCodes.BadValue, '$nin needs an array');
    return withCollation(options, (obj) => {
      const { vals, missing } = fieldValues(obj, selector);
      return !matchesIn(vals, missing, b);
    });
  },
  $gt: cmpOp((c) => c > 0, false),
  $gte: cmpOp((c) => c >= 0, true),
  $lt: cmpOp((c) => c < 0, false),
  $lte: cmpOp((c) => c <= 0, true),
  $all: (selector: string, list: unknown, options?: Opts): Pred => {
    if (!Array.isArray(list)) fail(ErrorCodes.BadValue, '$all needs an array');
    if (list.some((x) => isPlainObject(x) && '$elemMatch' in x))
      return baseQueryOps.$all(selector, list, options);
    return withCollation(options, (obj) => {
      if (!list.length) return false;
      const { vals, missing } = fieldValues(obj, selector);
      return list.every((b) =>
        b instanceof RegExp ? matchesIn(vals, missing, [b]) : matchesEq(vals, missing, b),
      );
    });
  },
  $type: (selector: string, spec: unknown): Pred => {
    const m = typeMatcher(spec);
    return (obj) => {
      const { vals } = fieldValues(obj, selector);
      return vals.some((v) => m(v) || (Array.isArray(v) && v.some(m)));
    };
  },
};

/** `$sort` stage in BSON order (mingo's own comparator orders types differently). */
function $sort(
  coll: { transform(f: (xs: unknown[]) => unknown): unknown },
  sortKeys: Doc,
  options?: Opts,
): unknown {
  if (!isPlainObject(sortKeys) || !Object.keys(sortKeys).length)
    fail(15976, '$sort stage must have at least one sort key');
  const collator = makeCollator(options?.collation);
  return coll.transform((xs) => Lazy(sortDocs(xs as Doc[], sortKeys, collator)));
}

const baseQueryOps = {
  $all: (
    loadMingo('operators/query/array/all.js') as unknown as {
      $all: (s: string, v: unknown, o: unknown) => Pred;
    }
  ).$all,
};

const TYPE_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(TYPE_ALIASES).map(([k, v]) => [v, k]),
);

function toObjectId(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (bsonType(v) === 'ObjectId') return v;
  if (typeof v === 'string' && /^[0-9a-fA-F]{24}$/.test(v)) return new ObjectId(v);
  fail(
    ErrorCodes.ConversionFailure,
    `Failed to parse objectId '${String(v)}' in $convert with no onError value`,
  );
}

// Default implementations the overrides delegate to.
const baseOps = {
  $toString: baseOp<ExprOp>('expression/type/toString.js', '$toString'),
  $convert: baseOp<ExprOp>('expression/type/convert.js', '$convert'),
  $setIntersection: baseOp<ExprOp>('expression/set/setIntersection.js', '$setIntersection'),
};

// Primitives compare by SameValueZero in a Set, which matches BSON equality for them (1 and 1.0 are one
// JS number, NaN equals NaN); BSON wrappers and documents are objects and take mingo's path.
const isPrimitive = (x: unknown) => x === null || typeof x !== 'object';

/** Literal operands (arrays of primitives, no `$` paths or variables) are hashed once per pipeline. */
const literalSets = new WeakMap<unknown[], Set<unknown> | null>();
function literalSet(operand: unknown): Set<unknown> | null {
  if (!Array.isArray(operand)) return null;
  let set = literalSets.get(operand);
  if (set === undefined) {
    const literal = operand.every((x) => isPrimitive(x) && !(typeof x === 'string' && x.startsWith('$')));
    literalSets.set(operand, (set = literal ? new Set(operand) : null));
  }
  return set;
}

/**
 * `$setIntersection` of arrays of primitives through hash sets (mingo deep-clones and hashes every
 * element, which dominated scoring queries such as search's token overlap). Literal operands are
 * hashed once for the whole pipeline; of the evaluated ones the largest is walked and the rest hashed.
 * Anything else — documents, BSON wrappers, non-array or missing operands — goes to mingo's
 * implementation and its errors. (MongoDB leaves the order of the result unspecified.)
 */
function setIntersection(obj: unknown, expr: unknown, options: Record<string, unknown>): unknown {
  if (!Array.isArray(expr) || !expr.length) return baseOps.$setIntersection(obj, expr, options);
  const literals = expr.map(literalSet);
  const values = expr.map((operand, i) => (literals[i] ? operand : evalExpr(obj, operand, options)));
  const arrays = values.filter((_, i) => !literals[i]);
  if (!arrays.length || !arrays.every((a) => Array.isArray(a) && a.every(isPrimitive)))
    return baseOps.$setIntersection(
      obj,
      values.map((v) => ({ $literal: v })),
      options,
    );
  const fixed = literals.filter((set): set is Set<unknown> => set !== null);
  const evaluated = arrays as unknown[][];
  let walk = 0;
  evaluated.forEach((a, i) => {
    if (a.length > evaluated[walk].length) walk = i;
  });
  const sets = [...fixed, ...evaluated.filter((_, i) => i !== walk).map((a) => new Set(a))];
  const out = new Set<unknown>();
  for (const x of evaluated[walk]) if (sets.every((set) => set.has(x))) out.add(x);
  return [...out];
}

/** Aggregation-expression comparison: BSON order without type bracketing; missing < null. */
function exprCompare(a: unknown, b: unknown, options: Record<string, unknown>): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  return compareValues(a, b, makeCollator(options.collation));
}

function comparisonExpr(name: string, test: (c: number) => boolean): ExprOp {
  return (obj, expr, options) => {
    const args = evalExpr(obj, expr, options);
    if (!Array.isArray(args) || args.length !== 2)
      fail(16020, `Expression ${name} takes exactly 2 arguments.`);
    return test(exprCompare(args[0], args[1], options));
  };
}

const expressionOps: Record<string, ExprOp> = {
  $setIntersection: setIntersection,
  $eq: comparisonExpr('$eq', (c) => c === 0),
  $ne: comparisonExpr('$ne', (c) => c !== 0),
  $gt: comparisonExpr('$gt', (c) => c > 0),
  $gte: comparisonExpr('$gte', (c) => c >= 0),
  $lt: comparisonExpr('$lt', (c) => c < 0),
  $lte: comparisonExpr('$lte', (c) => c <= 0),
  $cmp: (obj, expr, options) => {
    const args = evalExpr(obj, expr, options);
    if (!Array.isArray(args) || args.length !== 2) fail(16020, 'Expression $cmp takes exactly 2 arguments.');
    return Math.sign(exprCompare(args[0], args[1], options));
  },
  $toObjectId: (obj, expr, options) => toObjectId(evalExpr(obj, expr, options)),
  $toString: (obj, expr, options) => {
    const v = evalExpr(obj, expr, options);
    if (bsonType(v) === 'ObjectId') return (v as ObjectId).toHexString();
    return baseOps.$toString(obj, { $literal: v }, options);
  },
  $type: (obj, expr, options) => {
    const v = evalExpr(obj, expr, options);
    return v === undefined ? 'missing' : (TYPE_NAMES[bsonTypeCode(v)] ?? 'object');
  },
  $convert: (obj, expr, options) => {
    const spec = expr as Doc;
    const to = isPlainObject(spec) ? evalExpr(obj, spec.to, options) : undefined;
    if (to === 'objectId' || to === 7) {
      const input = evalExpr(obj, spec.input, options);
      if (input === null || input === undefined)
        return 'onNull' in spec ? evalExpr(obj, spec.onNull, options) : null;
      try {
        return toObjectId(input);
      } catch (e) {
        if ('onError' in spec) return evalExpr(obj, spec.onError, options);
        throw e;
      }
    }
    return baseOps.$convert(obj, expr, options);
  },
};

const baseProject = baseOp<(coll: LazyLike, expr: Doc, options: unknown) => LazyLike>(
  'pipeline/project.js',
  '$project',
);
interface LazyLike {
  map(f: (x: unknown) => unknown): LazyLike;
}

/**
 * `$project` with mongod's field order (mingo emits keys alphabetically): `_id` first, kept fields in
 * input-document order, then computed fields in specification order.
 */
function $project(coll: LazyLike, expr: Doc, options: unknown): LazyLike {
  const inputs: Doc[] = [];
  const specOrder = new Map<string, number>();
  const computed = new Set<string>();
  const isInclusion = (v: unknown): boolean =>
    v === 1 ||
    v === true ||
    v === 0 ||
    v === false ||
    (isPlainObject(v) &&
      Object.keys(v).every((k) => !k.startsWith('$')) &&
      Object.values(v).every(isInclusion));
  Object.entries(expr ?? {}).forEach(([k, v], i) => {
    const top = k.split('.')[0];
    if (!specOrder.has(top)) specOrder.set(top, i);
    if (!isInclusion(v)) computed.add(top);
  });
  const tapped = coll.map((o) => {
    inputs.push(o as Doc);
    return o;
  });
  return baseProject(tapped, expr, options).map((r) => {
    const input = inputs.shift();
    const out = r as Doc;
    if (!input || !isPlainObject(out)) return out;
    const ordered: Doc = {};
    if ('_id' in out) ordered._id = out._id;
    for (const k of Object.keys(input))
      if (k in out && !computed.has(k) && !(k in ordered)) ordered[k] = out[k];
    const rest = Object.keys(out).filter((k) => !(k in ordered));
    rest.sort((a, b) => (specOrder.get(a) ?? Infinity) - (specOrder.get(b) ?? Infinity));
    for (const k of rest) ordered[k] = out[k];
    return ordered;
  });
}

const OVERRIDES: Record<string, Record<string, unknown>> = {
  query: queryOps,
  pipeline: { $sort, $project, $bucket, $facet },
  expression: { ...decimalExpressions, ...expressionOps, ...dateExpressions },
  accumulator: decimalAccumulators,
};

// mingo merges option contexts with its defaults taking precedence, so operators cannot be replaced
// through options. Instead getOperator is wrapped, and the overrides apply only while the embedded
// server itself is calling into mingo (other in-process users of mingo are unaffected).
let active = 0;
const originalGetOperator = Context.prototype.getOperator;
Context.prototype.getOperator = function (this: Context, type, name) {
  if (active > 0) {
    const o = OVERRIDES[type]?.[name];
    if (o) return o as ReturnType<typeof originalGetOperator>;
  }
  return originalGetOperator.call(this, type, name);
};

/** Runs `fn` with the MongoDB-faithful operator overrides in effect. */
export function withMingo<T>(fn: () => T): T {
  active++;
  try {
    return fn();
  } finally {
    active--;
  }
}

export const mingoContext = Context.init({});

/**
 * Converts integral-Double, Long and Decimal128 wrappers into JS numbers for mingo's expression
 * engine (aggregation, update operators), which only does arithmetic on JS numbers. Decimal128
 * values that a double cannot represent exactly are rejected rather than silently rounded.
 */
export function prepareForMingo(v: unknown, keepDecimal = false): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const c = prepareForMingo(v[i], keepDecimal);
      if (c !== v[i]) (out ??= v.slice())[i] = c;
    }
    return out ?? v;
  }
  const t = bsonType(v);
  if (t === 'Double' || t === 'Int32') return toNumber(v);
  if (t === 'Long') {
    const n = toNumber(v);
    if (!Number.isSafeInteger(n))
      fail(
        ErrorCodes.BadValue,
        `Long value ${String(v)} exceeds 2^53 and cannot be processed exactly by the embedded MongoDB server`,
      );
    return n;
  }
  if (t === 'Decimal128') {
    if (keepDecimal) return v; // the decimal overrides compute with it exactly
    const s = (v as Decimal128).toString();
    if (!decimalIsExactNumber(s))
      fail(
        ErrorCodes.BadValue,
        `Decimal128 value ${s} cannot be processed exactly by the embedded MongoDB server`,
      );
    return Number(s);
  }
  if (t !== undefined || !isPlainObject(v)) return v;
  let out: Doc | undefined;
  for (const k of Object.keys(v)) {
    const c = prepareForMingo((v as Doc)[k], keepDecimal);
    if (c !== (v as Doc)[k]) (out ??= { ...(v as Doc) })[k] = c;
  }
  return out ?? v;
}

// Stored documents are immutable (every write replaces the object), so the answer for a document
// can be remembered: aggregations over large documents would otherwise walk every array each time.
const wrappedNumbersSeen = new WeakMap<object, boolean>();

/** True when a document holds a numeric wrapper (needs prepareForMingo before arithmetic). */
export function hasWrappedNumbers(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (isPlainObject(v)) {
    let known = wrappedNumbersSeen.get(v);
    if (known === undefined) wrappedNumbersSeen.set(v, (known = holdsWrappedNumbers(v)));
    return known;
  }
  return holdsWrappedNumbers(v);
}

function holdsWrappedNumbers(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (Array.isArray(v)) return v.some(holdsWrappedNumbers);
  const t = bsonType(v);
  if (t === 'Double' || t === 'Long' || t === 'Decimal128' || t === 'Int32') return true;
  if (t !== undefined || !isPlainObject(v)) return false;
  for (const k of Object.keys(v)) if (holdsWrappedNumbers((v as Doc)[k])) return true;
  return false;
}
