// Update application on top of mingo's updater, filling its gaps: $setOnInsert, upsert seeding from
// equality filters, type checks for $inc/$mul (code 14), `_id` immutability (code 66), arithmetic on
// Long/Decimal128/Double wrappers, and no-op detection for nModified.
import { update as mingoUpdate, updateOne as mingoUpdateOne } from 'mingo';
import { Decimal128, Double, Long } from 'bson';
import { ErrorCodes, MongoCommandError, fail, toCommandError } from './errors';
import {
  bsonType,
  canonicalKey,
  decOf,
  parseDec,
  type Dec,
  compareValues,
  deepClone,
  formatValue,
  getPath,
  isNumeric,
  isPlainObject,
  setPath,
  toNumber,
  type Doc,
} from './values';
import { hasWrappedNumbers, prepareForMingo, withMingo } from './mingoExt';
import { ObjectId } from 'bson';

const UPDATE_OPS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$push',
  '$pull',
  '$pullAll',
  '$addToSet',
  '$pop',
  '$currentDate',
  '$bit',
  '$setOnInsert',
]);

export function isOperatorUpdate(u: unknown): u is Doc {
  if (!isPlainObject(u)) return false;
  const keys = Object.keys(u);
  return keys.length > 0 && keys[0].startsWith('$');
}

/** Two update paths conflict when one equals or is a prefix of the other (code 40). */
function checkPathConflicts(u: Doc): void {
  const paths: string[] = [];
  for (const [op, spec] of Object.entries(u)) {
    for (const [p, v] of Object.entries(spec as Doc)) {
      paths.push(p.replace(/\.\$(\[[^\]]*\])?(?=\.|$)/g, ''));
      if (op === '$rename' && typeof v === 'string') paths.push(v);
    }
  }
  const sorted = paths.map((p) => p).sort();
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1];
    const b = sorted[i];
    if (a === b || b.startsWith(a + '.'))
      fail(
        ErrorCodes.ConflictingUpdateOperators,
        `Updating the path '${b}' would create a conflict at '${a}'`,
      );
  }
}

export function validateUpdate(u: unknown, multi: boolean): void {
  if (Array.isArray(u)) {
    const allowed = new Set(['$addFields', '$set', '$project', '$unset', '$replaceRoot', '$replaceWith']);
    for (const stage of u) {
      const name = isPlainObject(stage) ? Object.keys(stage)[0] : undefined;
      if (!name || !allowed.has(name))
        fail(ErrorCodes.InvalidOptions, `${name ?? 'stage'} is not allowed to be used within an update`);
    }
    return;
  }
  if (!isPlainObject(u))
    fail(ErrorCodes.FailedToParse, 'Update argument must be either an object or an array');
  const keys = Object.keys(u);
  const ops = keys.filter((k) => k.startsWith('$'));
  if (ops.length && ops.length !== keys.length)
    fail(ErrorCodes.FailedToParse, 'Update document contains both update operators and replacement fields');
  if (ops.length === 0 && multi)
    fail(ErrorCodes.FailedToParse, 'multi update is not supported for replacement-style update');
  for (const op of ops) {
    if (!UPDATE_OPS.has(op))
      fail(
        ErrorCodes.FailedToParse,
        `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    if (!isPlainObject(u[op]))
      fail(
        ErrorCodes.FailedToParse,
        `Modifiers operate on fields but we found type ${typeof u[op]} instead.`,
      );
  }
  if (ops.length) checkPathConflicts(u);
}

function numericTypeRank(v: unknown): number {
  const t = bsonType(v);
  if (t === 'Decimal128') return 4;
  if (t === 'Double') return 3;
  if (typeof v === 'number') return Number.isInteger(v) ? (Math.abs(v) <= 0x7fffffff ? 1 : 3) : 3;
  if (t === 'Long' || typeof v === 'bigint') return 2;
  return 1;
}

function toDec(v: unknown): Dec {
  const d = decOf(v);
  if (!d)
    fail(
      ErrorCodes.NotImplemented,
      `arithmetic on the decimal value ${String(v)} is not supported by the embedded MongoDB server`,
    );
  // Doubles enter decimal arithmetic by their shortest representation, as mongod converts them.
  return typeof v === 'number' ? (parseDec(String(v)) ?? d) : d;
}

/** Decimal128 $inc/$mul computed exactly (no binary floating point), as mongod does. */
function decimalArith(cur: unknown, arg: unknown, op: '$inc' | '$mul'): Decimal128 {
  const a = toDec(cur);
  const b = toDec(arg);
  let r: Dec;
  if (op === '$mul') r = { coef: a.coef * b.coef, exp: a.exp + b.exp };
  else {
    const exp = Math.min(a.exp, b.exp);
    const scale = (d: Dec) => d.coef * 10n ** BigInt(d.exp - exp);
    r = { coef: scale(a) + scale(b), exp };
  }
  const neg = r.coef < 0n;
  const digits = (neg ? -r.coef : r.coef).toString();
  const str = `${neg ? '-' : ''}${digits}E${r.exp}`;
  try {
    return Decimal128.fromString(str);
  } catch {
    fail(ErrorCodes.BadValue, `decimal result ${str} cannot be represented exactly as a Decimal128`);
  }
}

/** Arithmetic with MongoDB's result-type promotion: int < long < double < decimal. */
function arith(cur: unknown, arg: unknown, op: '$inc' | '$mul'): unknown {
  const rank = Math.max(numericTypeRank(cur), numericTypeRank(arg));
  if (rank === 4) return decimalArith(cur, arg, op);
  if (rank === 2) {
    const a = bsonType(cur) === 'Long' ? (cur as Long) : Long.fromNumber(toNumber(cur));
    const b = bsonType(arg) === 'Long' ? (arg as Long) : Long.fromNumber(toNumber(arg));
    return op === '$inc' ? a.add(b) : a.multiply(b);
  }
  const r = op === '$inc' ? toNumber(cur) + toNumber(arg) : toNumber(cur) * toNumber(arg);
  if (rank === 3 && Number.isInteger(r) && bsonType(cur) === 'Double') return new Double(r);
  // int32 arithmetic that overflows becomes a long, as in mongod.
  if (rank === 1 && Number.isInteger(r) && Math.abs(r) > 0x7fffffff) {
    if (!Number.isSafeInteger(r)) fail(ErrorCodes.BadValue, `integer overflow in ${op}`);
    return Long.fromNumber(r);
  }
  return r;
}

/**
 * Applies $inc/$mul ourselves: mingo silently ignores non-numeric targets (MongoDB: code 14) and
 * cannot do arithmetic on Long/Decimal128 wrappers. Only plain dotted paths are handled here;
 * positional paths are left to mingo.
 */
function applyArithmetic(doc: Doc, op: '$inc' | '$mul', spec: Doc): { rest: Doc; changed: boolean } {
  const rest: Doc = {};
  let changed = false;
  for (const [path, arg] of Object.entries(spec)) {
    if (!isNumeric(arg))
      fail(
        ErrorCodes.TypeMismatch,
        `Cannot ${op === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${path}: ${formatValue(arg)}}`,
      );
    if (path.includes('$')) {
      rest[path] = prepareForMingo(arg);
      continue;
    }
    const cur = getPath(doc, path);
    if (cur !== undefined && !isNumeric(cur)) {
      fail(
        ErrorCodes.TypeMismatch,
        `Cannot apply ${op} to a value of non-numeric type. {_id: ${formatValue(doc._id)}} has the field '${path.split('.').pop()}' of non-numeric type ${typeName(cur)}`,
      );
    }
    const next = cur === undefined ? (op === '$inc' ? arg : arith(0, arg, '$mul')) : arith(cur, arg, op);
    if (cur === undefined || canonicalKey(cur) !== canonicalKey(next) || bsonType(cur) !== bsonType(next)) {
      assertPathWritable(doc, path);
      setPath(doc, path, next);
      changed = true;
    }
  }
  return { rest, changed };
}

const CREATING_OPS = new Set([
  '$set',
  '$setOnInsert',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$push',
  '$addToSet',
  '$currentDate',
  '$bit',
]);

/**
 * Type checks mongod applies but mingo skips (it silently ignores them): creating a field below a
 * scalar (28 PathNotViable) and array operators on non-arrays (2 BadValue / 14 TypeMismatch).
 */
function checkTargets(doc: Doc, mod: Doc): void {
  for (const [op, spec] of Object.entries(mod)) {
    for (const [path, arg] of Object.entries(spec as Doc)) {
      if (path.includes('$')) continue;
      const targets = op === '$rename' && typeof arg === 'string' ? [arg] : [path];
      for (const p of targets) {
        if (CREATING_OPS.has(op) || op === '$rename') assertPathWritable(doc, p);
      }
      if (op === '$rename') continue;
      const cur = getPath(doc, path);
      if (cur === undefined || Array.isArray(cur)) continue;
      const field = path.split('.').pop();
      if (op === '$push')
        fail(
          ErrorCodes.BadValue,
          `The field '${field}' must be an array but is of type ${typeName(cur)} in document {_id: ${formatValue(doc._id)}}`,
        );
      if (op === '$addToSet')
        fail(
          ErrorCodes.BadValue,
          `Cannot apply $addToSet to non-array field. Field named '${field}' has non-array type ${typeName(cur)}`,
        );
      if (op === '$pull' || op === '$pullAll')
        fail(ErrorCodes.BadValue, `Cannot apply ${op} to a non-array value`);
      if (op === '$pop')
        fail(
          ErrorCodes.TypeMismatch,
          `Path '${path}' contains an element of non-array type '${typeName(cur)}'`,
        );
    }
  }
}

/** $min/$max with BSON comparison order (mingo's comparator mis-orders Long/Decimal128 and types). */
function applyMinMax(doc: Doc, op: '$min' | '$max', spec: Doc): { rest: Doc; changed: boolean } {
  const rest: Doc = {};
  let changed = false;
  for (const [path, arg] of Object.entries(spec)) {
    if (path.includes('$')) {
      rest[path] = arg;
      continue;
    }
    const cur = getPath(doc, path);
    const c = cur === undefined ? NaN : compareValues(arg, cur);
    if (cur === undefined || (op === '$min' ? c < 0 : c > 0)) {
      assertPathWritable(doc, path);
      setPath(doc, path, deepClone(arg));
      changed = true;
    }
  }
  return { rest, changed };
}

function assertPathWritable(doc: Doc, path: string): void {
  const parts = path.split('.');
  let cur: unknown = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    cur = Array.isArray(cur) ? cur[Number(parts[i])] : (cur as Doc)[parts[i]];
    if (cur === undefined) return;
    const next = parts[i + 1];
    const viable = isPlainObject(cur) || (Array.isArray(cur) && /^\d+$/.test(next));
    if (!viable)
      fail(
        ErrorCodes.PathNotViable,
        `Cannot create field '${next}' in element {${parts[i]}: ${formatValue(cur)}}`,
      );
  }
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  const t = bsonType(v);
  if (t === 'ObjectId') return 'objectId';
  if (t) return t.toLowerCase();
  return 'object';
}

export interface UpdateOutcome {
  doc: Doc;
  changed: boolean;
}

/** Applies an update (operators, replacement, or pipeline) to a copy of `doc`. */
export function applyUpdate(
  doc: Doc,
  u: unknown,
  opts: { arrayFilters?: Doc[]; query?: Doc; insert?: boolean },
): UpdateOutcome {
  const before = doc;
  let out: Doc;
  let changed = false;
  try {
    if (Array.isArray(u)) {
      const docs = [prepareForMingo(deepClone(doc), true) as Doc];
      const res = withMingo(() => mingoUpdateOne(docs, {}, u as never));
      out = docs[0];
      changed = res.modifiedCount > 0;
    } else if (!isOperatorUpdate(u)) {
      out = { _id: doc._id };
      for (const [k, v] of Object.entries(u as Doc)) if (k !== '_id') out[k] = deepClone(v);
      if ('_id' in (u as Doc) && canonicalKey((u as Doc)._id) !== canonicalKey(doc._id))
        immutableId(doc, (u as Doc)._id);
      if (doc._id === undefined) delete out._id;
      changed = canonicalKey(out) !== canonicalKey(before);
    } else {
      const mod: Doc = { ...u };
      if (mod.$setOnInsert) {
        if (opts.insert) mod.$set = { ...(mod.$set as Doc | undefined), ...(mod.$setOnInsert as Doc) };
        delete mod.$setOnInsert;
      }
      guardIdPaths(doc, mod);
      checkTargets(doc, mod);
      out = deepClone(doc);
      // An upsert's insert may set `_id` (from $set or $setOnInsert): mingo refuses any `_id` write,
      // so it is applied here and the rest of the update goes through as usual.
      const setSpec = mod.$set as Doc | undefined;
      if (opts.insert && doc._id === undefined && setSpec && '_id' in setSpec) {
        const { _id, ...rest } = setSpec;
        out = { _id: deepClone(_id), ...out };
        mod.$set = rest;
      }
      // Plain-path $inc/$mul/$min/$max are applied by us (type checks, Long/Decimal128); positional
      // ones stay with mingo. mingo runs first: it re-tests the filter for positional `$`, which
      // must see the document before any other operator changed it (e.g. `__v` in the filter).
      const own: Array<['$inc' | '$mul' | '$min' | '$max', Doc]> = [];
      for (const op of ['$inc', '$mul', '$min', '$max'] as const) {
        if (!mod[op]) continue;
        const plain: Doc = {};
        const positional: Doc = {};
        for (const [p, v] of Object.entries(mod[op] as Doc)) (p.includes('$') ? positional : plain)[p] = v;
        own.push([op, plain]);
        if (Object.keys(positional).length) mod[op] = positional;
        else delete mod[op];
      }
      for (const k of Object.keys(mod))
        if (isPlainObject(mod[k]) && Object.keys(mod[k] as Doc).length === 0) delete mod[k];
      if (Object.keys(mod).length) {
        // $bit does arithmetic in mingo, which only understands JS numbers.
        if (mod.$bit && hasWrappedNumbers(Object.keys(mod.$bit as Doc).map((p) => getPath(out, p))))
          fail(
            ErrorCodes.NotImplemented,
            '$bit on Long/Decimal128 values is not supported by the embedded MongoDB server',
          );
        const target = out;
        // The filter is only needed for positional `$` (and no longer matches on upsert inserts).
        const positional = Object.values(mod).some((spec) =>
          Object.keys(spec as Doc).some((p) => /(^|\.)\$(\.|$)/.test(p)),
        );
        const condition = positional && !opts.insert ? opts.query : undefined;
        const paths = withMingo(() => mingoUpdate(target, mod as never, opts.arrayFilters, condition));
        if (paths.length) changed = true;
        out = target;
      }
      for (const [op, spec] of own) {
        const r =
          op === '$inc' || op === '$mul' ? applyArithmetic(out, op, spec) : applyMinMax(out, op, spec);
        changed ||= r.changed;
      }
    }
  } catch (e) {
    throw e instanceof MongoCommandError ? e : toCommandError(e);
  }
  if (canonicalKey(out._id) !== canonicalKey(before._id) && !(opts.insert && before._id === undefined))
    immutableId(before, out._id);
  if (changed && canonicalKey(out) === canonicalKey(before)) changed = false;
  return { doc: out, changed };
}

/** Operators touching `_id`: a $set to the same value is a no-op, anything else is code 66. */
function guardIdPaths(doc: Doc, mod: Doc): void {
  for (const op of Object.keys(mod)) {
    const spec = mod[op] as Doc;
    for (const path of Object.keys(spec)) {
      if (path !== '_id' && !path.startsWith('_id.')) continue;
      if (
        op === '$set' &&
        doc._id !== undefined &&
        canonicalKey(getPath(doc, path)) === canonicalKey(spec[path])
      ) {
        const rest = { ...spec };
        delete rest[path];
        mod[op] = rest;
        continue;
      }
      if (doc._id === undefined && (op === '$set' || op === '$setOnInsert')) continue; // upsert insert may set _id
      immutableId(doc, spec[path]);
    }
  }
}

function immutableId(doc: Doc, _newId: unknown): never {
  throw new MongoCommandError(
    ErrorCodes.ImmutableField,
    `Performing an update on the path '_id' would modify the immutable field '_id'`,
    {},
  );
  void doc;
}

/** Builds the base document of an upsert from the equality conditions of the filter. */
export function upsertSeed(filter: Doc | undefined): Doc {
  const seed: Doc = {};
  const visit = (f: Doc) => {
    for (const [k, v] of Object.entries(f)) {
      if (k === '$and' && Array.isArray(v)) {
        for (const x of v) if (isPlainObject(x)) visit(x);
        continue;
      }
      if (k.startsWith('$')) continue;
      if (isPlainObject(v) && Object.keys(v).some((x) => x.startsWith('$'))) {
        if ('$eq' in v) setPath(seed, k, deepClone(v.$eq));
        continue;
      }
      if (v instanceof RegExp) continue;
      setPath(seed, k, deepClone(v));
    }
  };
  if (filter) visit(filter);
  return seed;
}

/** Puts `_id` first, generating one when absent (as mongod does on insert). */
export function withIdFirst(doc: Doc): Doc {
  if (doc._id === undefined) return { _id: new ObjectId(), ...doc };
  if (Object.keys(doc)[0] === '_id') return doc;
  const { _id, ...rest } = doc;
  return { _id, ...rest };
}

export function checkIdValue(doc: Doc): void {
  if (Array.isArray(doc._id)) fail(ErrorCodes.BadValue, "The '_id' value cannot be of type array");
  if (doc._id instanceof RegExp) fail(ErrorCodes.BadValue, "can't use a regex for _id");
}
