// Decimal128-aware aggregation arithmetic. mingo only computes with JS numbers; mongod computes with
// Decimal128 whenever an operand is a decimal (exactly, 34 significant digits) and returns a decimal.
// These overrides do that for the accumulators and expressions that do arithmetic; other numeric
// expressions given a Decimal128 fail loudly instead of answering with binary rounding.
import { Decimal128 } from 'bson';
import { ErrorCodes, fail } from './errors';
import { baseOp, evalExpr, type AccOp, type ExprOp } from './mingoInternal';
import { bsonType, cmpDec, compareValues, decOf, parseDec, type Dec } from './values';

const isDecimal = (v: unknown) => bsonType(v) === 'Decimal128';
const isNum = (v: unknown) => (typeof v === 'number' && !Number.isNaN(v)) || isDecimal(v);
const lit = (v: unknown) => ({ $literal: v });
const MAX_DIGITS = 34;

/** Decimal of a number as mongod converts doubles into decimal arithmetic (shortest repr). */
function toDec(v: unknown): Dec {
  const d = typeof v === 'number' ? parseDec(String(v)) : decOf(v);
  if (!d)
    fail(
      ErrorCodes.NotImplemented,
      `decimal arithmetic on ${String(v)} is not supported by the embedded MongoDB server`,
    );
  return d;
}

const digits = (x: bigint) => (x < 0n ? -x : x).toString().length;

/** Rounds coef to at most 34 significant digits (half to even); `sticky` = discarded nonzero tail. */
function round34(coef: bigint, exp: number, sticky = false): Dec {
  const drop = digits(coef) - MAX_DIGITS;
  if (drop <= 0) return { coef, exp };
  const p = 10n ** BigInt(drop);
  const neg = coef < 0n;
  const abs = neg ? -coef : coef;
  let q = abs / p;
  const r = abs % p;
  const half = p / 2n;
  if (r > half || (r === half && (sticky || q % 2n === 1n)) || (r === half && sticky)) q += 1n;
  return round34(neg ? -q : q, exp + drop);
}

function toDecimal128(d: Dec): Decimal128 {
  const r = round34(d.coef, d.exp);
  const neg = r.coef < 0n;
  return Decimal128.fromString(`${neg ? '-' : ''}${(neg ? -r.coef : r.coef).toString()}E${r.exp}`);
}

function add(a: Dec, b: Dec): Dec {
  const exp = Math.min(a.exp, b.exp);
  return { coef: a.coef * 10n ** BigInt(a.exp - exp) + b.coef * 10n ** BigInt(b.exp - exp), exp };
}

const neg = (a: Dec): Dec => ({ coef: -a.coef, exp: a.exp });
const mul = (a: Dec, b: Dec): Dec => ({ coef: a.coef * b.coef, exp: a.exp + b.exp });

function div(a: Dec, b: Dec): Dec {
  if (b.coef === 0n) fail(ErrorCodes.BadValue, "can't $divide by zero");
  const k = Math.max(0, MAX_DIGITS + 2 + digits(b.coef) - digits(a.coef));
  const num = a.coef * 10n ** BigInt(k);
  let q = num / b.coef;
  const rem = num % b.coef;
  let exp = a.exp - b.exp - k;
  const r = round34(q, exp, rem !== 0n);
  q = r.coef;
  exp = r.exp;
  // Exact quotients keep the "ideal" exponent (10 / 4 = 2.5, not 2.500…0), as IEEE decimal does.
  const ideal = a.exp - b.exp;
  if (rem === 0n) {
    while (exp < ideal && q !== 0n && q % 10n === 0n) {
      q /= 10n;
      exp++;
    }
  }
  return { coef: q, exp };
}

const base = {
  $add: baseOp<ExprOp>('expression/arithmetic/add.js', '$add'),
  $subtract: baseOp<ExprOp>('expression/arithmetic/subtract.js', '$subtract'),
  $multiply: baseOp<ExprOp>('expression/arithmetic/multiply.js', '$multiply'),
  $divide: baseOp<ExprOp>('expression/arithmetic/divide.js', '$divide'),
  $abs: baseOp<ExprOp>('expression/arithmetic/abs.js', '$abs'),
  $sum: baseOp<AccOp>('accumulator/sum.js', '$sum'),
  $avg: baseOp<AccOp>('accumulator/avg.js', '$avg'),
  $push: baseOp<AccOp>('accumulator/push.js', '$push'),
  $toDouble: baseOp<ExprOp>('expression/type/toDouble.js', '$toDouble'),
  $toDecimal: baseOp<ExprOp>('expression/type/toDecimal.js', '$toDecimal'),
  $toInt: baseOp<ExprOp>('expression/type/toInt.js', '$toInt'),
  $toLong: baseOp<ExprOp>('expression/type/toLong.js', '$toLong'),
};

/** Arithmetic expression: exact decimal when any operand is Decimal128, mingo's own otherwise. */
function arithmetic(name: '$add' | '$subtract' | '$multiply' | '$divide', f: (args: Dec[]) => Dec): ExprOp {
  return (obj, expr, options) => {
    const args = evalExpr(obj, expr, options);
    const list = Array.isArray(args) ? args : [args];
    if (!list.some(isDecimal))
      return base[name](obj, Array.isArray(args) ? list.map(lit) : lit(args), options);
    if (list.some((v) => v === null || v === undefined)) return null;
    if (list.some((v) => v instanceof Date))
      fail(
        ErrorCodes.NotImplemented,
        `${name} of dates and Decimal128 is not supported by the embedded MongoDB server`,
      );
    if (!list.every(isNum)) fail(ErrorCodes.TypeMismatch, `${name} only supports numeric types`);
    return toDecimal128(f(list.map(toDec)));
  };
}

/** Numeric expressions without a decimal implementation here: refuse Decimal128 operands. */
function refuseDecimal(name: string, single: boolean): ExprOp {
  const rel = `expression/arithmetic/${name.slice(1)}.js`;
  const fn = baseOp<ExprOp>(rel, name);
  return (obj, expr, options) => {
    const args = evalExpr(obj, expr, options);
    const list = Array.isArray(args) && !single ? args : [args];
    if (list.some(isDecimal))
      fail(
        ErrorCodes.NotImplemented,
        `${name} on Decimal128 values is not supported by the embedded MongoDB server`,
      );
    return fn(obj, Array.isArray(args) && !single ? args.map(lit) : lit(args), options);
  };
}

export const decimalExpressions: Record<string, ExprOp> = {
  $add: arithmetic('$add', (a) => a.reduce(add)),
  $subtract: arithmetic('$subtract', ([a, b]) => add(a, neg(b))),
  $multiply: arithmetic('$multiply', (a) => a.reduce(mul)),
  $divide: arithmetic('$divide', ([a, b]) => div(a, b)),
  $abs: (obj, expr, options) => {
    const v = evalExpr(obj, expr, options);
    if (!isDecimal(v)) return base.$abs(obj, lit(v), options);
    const d = toDec(v);
    return toDecimal128(d.coef < 0n ? neg(d) : d);
  },
  $ceil: refuseDecimal('$ceil', true),
  $floor: refuseDecimal('$floor', true),
  $sqrt: refuseDecimal('$sqrt', true),
  $exp: refuseDecimal('$exp', true),
  $ln: refuseDecimal('$ln', true),
  $log10: refuseDecimal('$log10', true),
  $round: refuseDecimal('$round', false),
  $trunc: refuseDecimal('$trunc', false),
  $mod: refuseDecimal('$mod', false),
  $pow: refuseDecimal('$pow', false),
  $log: refuseDecimal('$log', false),
  $toDouble: (obj, expr, options) => {
    const v = evalExpr(obj, expr, options);
    return isDecimal(v) ? Number((v as Decimal128).toString()) : base.$toDouble(obj, lit(v), options);
  },
  $toDecimal: (obj, expr, options) => {
    const v = evalExpr(obj, expr, options);
    if (isDecimal(v)) return v;
    if (typeof v === 'number' && Number.isFinite(v)) return Decimal128.fromString(String(v));
    return base.$toDecimal(obj, lit(v), options);
  },
  $toInt: (obj, expr, options) => {
    const v = evalExpr(obj, expr, options);
    return isDecimal(v)
      ? Math.trunc(Number((v as Decimal128).toString()))
      : base.$toInt(obj, lit(v), options);
  },
  $toLong: (obj, expr, options) => {
    const v = evalExpr(obj, expr, options);
    return isDecimal(v)
      ? Math.trunc(Number((v as Decimal128).toString()))
      : base.$toLong(obj, lit(v), options);
  },
};

/** $min/$max ignore null/missing and compare in BSON order (exact across numeric types). */
function extreme(sign: 1 | -1): AccOp {
  return (coll, expr, options) => {
    let best: unknown = undefined;
    for (const v of base.$push(coll, expr, options) as unknown[]) {
      if (v === null || v === undefined) continue;
      if (best === undefined || compareValues(v, best) * sign > 0) best = v;
    }
    return best === undefined ? null : best;
  };
}

export const decimalAccumulators: Record<string, AccOp> = {
  $sum: (coll, expr, options) => {
    if (typeof expr === 'number') return base.$sum(coll, expr, options);
    const vals = base.$push(coll, expr, options) as unknown[];
    if (!vals.some(isDecimal)) {
      // same as mingo's $sum (non-numbers ignored), without evaluating the expression twice
      let total = 0;
      for (const v of vals) if (typeof v === 'number' && !Number.isNaN(v)) total += v;
      return total;
    }
    return toDecimal128(vals.filter(isNum).map(toDec).reduce(add, { coef: 0n, exp: 0 }));
  },
  $avg: (coll, expr, options) => {
    const vals = base.$push(coll, expr, options) as unknown[];
    if (!vals.some(isDecimal)) return base.$avg(vals, null, options);
    const nums = vals.filter(isNum).map(toDec);
    if (!nums.length) return null;
    return toDecimal128(div(nums.reduce(add, { coef: 0n, exp: 0 }), { coef: BigInt(nums.length), exp: 0 }));
  },
  $min: extreme(-1),
  $max: extreme(1),
};

export { cmpDec };
