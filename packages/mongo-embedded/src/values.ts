// BSON value helpers: normalisation of incoming values, deep clone that keeps BSON classes, canonical
// key encoding (for hash indexes and equality) and MongoDB's BSON comparison order (for sort).
import { Binary, Decimal128, Double, Int32, Long, ObjectId, Timestamp } from 'bson';
import { ErrorCodes, MongoCommandError } from './errors';

export type Doc = Record<string, unknown>;

export function bsonType(v: unknown): string | undefined {
  return v !== null && typeof v === 'object' ? (v as { _bsontype?: string })._bsontype : undefined;
}

export function isPlainObject(v: unknown): v is Doc {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * Incoming documents are parsed with promoteValues:false so no type information is lost by the
 * parser. Int32 and non-integral doubles become JS numbers (the serializer turns them back into the
 * same BSON type); integral doubles, Long and Decimal128 stay wrapped so they round-trip unchanged.
 */
export function normalizeIncoming(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = normalizeIncoming(v[i]);
    return v;
  }
  const t = bsonType(v);
  if (t === 'Int32') return (v as Int32).value;
  if (t === 'Double') {
    const n = (v as Double).value;
    return Number.isInteger(n) && !Object.is(n, -0) && Math.abs(n) <= 0x7fffffff ? v : n;
  }
  if (t !== undefined) return v;
  if (v instanceof Date || v instanceof RegExp || ArrayBuffer.isView(v)) return v;
  const o = v as Doc;
  for (const k of Object.keys(o)) o[k] = normalizeIncoming(o[k]);
  return o;
}

/** Numeric value of a command argument (Int32 / Long / Double / number). */
export function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  const t = bsonType(v);
  if (t === 'Long') return (v as Long).toNumber();
  if (t === 'Double' || t === 'Int32') return (v as Double).value;
  if (t === 'Decimal128') return Number((v as Decimal128).toString());
  if (typeof v === 'boolean') return v ? 1 : 0;
  return NaN;
}

export function isNumeric(v: unknown): boolean {
  if (typeof v === 'number' || typeof v === 'bigint') return true;
  const t = bsonType(v);
  return t === 'Long' || t === 'Double' || t === 'Int32' || t === 'Decimal128';
}

/** Deep clone of plain objects/arrays; BSON value classes are immutable and shared. */
export function deepClone<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(deepClone) as unknown as T;
  if (v instanceof Date) return new Date(v.getTime()) as unknown as T;
  if (!isPlainObject(v)) return v;
  const out: Doc = {};
  for (const k of Object.keys(v)) out[k] = deepClone((v as Doc)[k]);
  return out as T;
}

// ---- canonical encoding ------------------------------------------------------------------------

function numKey(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  return String(Object.is(n, -0) ? 0 : n);
}

/**
 * Type-tagged string encoding so that values MongoDB considers equal encode equally
 * (1 == 1.0 == Long(1) == Decimal128("1.0")) and different types never collide.
 */
export function canonicalKey(v: unknown): string {
  if (v === undefined || v === null) return 'N';
  switch (typeof v) {
    case 'number':
      return 'd' + numKey(v);
    case 'bigint':
      return Number.isSafeInteger(Number(v)) ? 'd' + String(v) : 'd' + v.toString();
    case 'string':
      return 's' + v;
    case 'boolean':
      return v ? 'b1' : 'b0';
  }
  if (Array.isArray(v)) return '[' + v.map(canonicalKey).join(',') + ']';
  if (v instanceof Date) return 't' + v.getTime();
  if (v instanceof RegExp) return 'r/' + v.source + '/' + v.flags;
  const t = bsonType(v);
  switch (t) {
    case 'ObjectId':
      return 'o' + (v as ObjectId).toHexString();
    case 'Int32':
    case 'Double':
      return 'd' + numKey((v as Double).value);
    case 'Long': {
      const l = v as Long;
      const n = l.toNumber();
      return 'd' + (Number.isSafeInteger(n) ? numKey(n) : l.toString());
    }
    case 'Decimal128': {
      // Same key as a double only when the values are exactly equal (as mongod compares them).
      const s = (v as Decimal128).toString();
      const dec = parseDec(s);
      if (!dec) return 'd' + s; // NaN / Infinity / -Infinity
      const n = Number(s);
      if (Number.isFinite(n) && cmpDec(doubleToDec(n), dec) === 0) return 'd' + numKey(n);
      let { coef, exp } = dec;
      while (coef % 10n === 0n && coef !== 0n) {
        coef /= 10n;
        exp++;
      }
      return `dD${coef}E${exp}`;
    }
    case 'Binary': {
      const b = v as Binary;
      return 'x' + b.sub_type + ':' + Buffer.from(b.buffer).toString('base64');
    }
    case 'Timestamp':
      return 'T' + (v as Timestamp).toString();
    case 'MinKey':
      return '-';
    case 'MaxKey':
      return '+';
    case 'BSONRegExp': {
      const r = v as unknown as { pattern: string; options: string };
      return 'r/' + r.pattern + '/' + r.options;
    }
    case 'Code':
      return 'c' + String((v as unknown as { code: string }).code);
    case 'BSONSymbol':
      return 's' + String((v as unknown as { value: string }).value);
  }
  if (ArrayBuffer.isView(v))
    return 'x0:' + Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
  const o = v as Doc;
  return (
    '{' +
    Object.keys(o)
      .map((k) => JSON.stringify(k) + ':' + canonicalKey(o[k]))
      .join(',') +
    '}'
  );
}

/** True when a Decimal128 string denotes exactly the value of the JS number it parses to. */
export function decimalIsExactNumber(s: string): boolean {
  if (!/^-?\d+(\.\d+)?(E[+-]?\d+)?$/i.test(s)) return false;
  const n = Number(s);
  if (!Number.isFinite(n)) return false;
  const digits = s
    .replace(/^-/, '')
    .replace(/E.*$/i, '')
    .replace('.', '')
    .replace(/^0+/, '')
    .replace(/0+$/, '');
  return digits.length <= 15;
}

// ---- BSON comparison order ----------------------------------------------------------------------

/** MongoDB's canonical type order for comparisons and sort. */
export function typeRank(v: unknown): number {
  if (v === undefined || v === null) return 1;
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return 2;
    case 'string':
      return 3;
    case 'boolean':
      return 8;
  }
  if (Array.isArray(v)) return 5;
  if (v instanceof Date) return 9;
  if (v instanceof RegExp) return 11;
  switch (bsonType(v)) {
    case 'MinKey':
      return 0;
    case 'Int32':
    case 'Double':
    case 'Long':
    case 'Decimal128':
      return 2;
    case 'BSONSymbol':
      return 3;
    case 'Binary':
      return 6;
    case 'ObjectId':
      return 7;
    case 'Timestamp':
      return 10;
    case 'BSONRegExp':
      return 11;
    case 'Code':
    case 'CodeWithScope':
      return 12;
    case 'MaxKey':
      return 13;
  }
  if (ArrayBuffer.isView(v)) return 6;
  return 4;
}

// ---- exact decimal values (Decimal128 and cross-type comparisons) --------------------------------

/** value = coef × 10^exp, exactly. */
export interface Dec {
  coef: bigint;
  exp: number;
}

/** Parses a finite decimal string ("-1.25", "3E+2"); null for NaN/Infinity/garbage. */
export function parseDec(s: string): Dec | null {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
  if (!m || (!m[2] && !m[3])) return null;
  const frac = m[3] ?? '';
  return {
    coef: BigInt((m[1] === '-' ? '-' : '') + ((m[2] || '0') + frac)),
    exp: Number(m[4] ?? 0) - frac.length,
  };
}

/** The exact decimal value of a double (every finite double is a finite decimal). */
export function doubleToDec(n: number): Dec {
  if (Number.isInteger(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER) return { coef: BigInt(n), exp: 0 };
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, n);
  const bits = buf.getBigUint64(0);
  const neg = bits >> 63n === 1n;
  const e = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & 0xfffffffffffffn;
  let exp2: number;
  if (e === 0) exp2 = -1074;
  else {
    mant |= 1n << 52n;
    exp2 = e - 1075;
  }
  let coef: bigint;
  let exp = 0;
  if (exp2 >= 0) coef = mant << BigInt(exp2);
  else {
    coef = mant * 5n ** BigInt(-exp2);
    exp = exp2;
  }
  return { coef: neg ? -coef : coef, exp };
}

export function cmpDec(a: Dec, b: Dec): number {
  const exp = Math.min(a.exp, b.exp);
  const x = a.coef * 10n ** BigInt(a.exp - exp);
  const y = b.coef * 10n ** BigInt(b.exp - exp);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Exact decimal of any finite numeric BSON value; null for NaN/±Infinity. */
export function decOf(v: unknown): Dec | null {
  if (typeof v === 'number') return Number.isFinite(v) ? doubleToDec(v) : null;
  if (typeof v === 'bigint') return { coef: v, exp: 0 };
  switch (bsonType(v)) {
    case 'Decimal128':
      return parseDec((v as Decimal128).toString());
    case 'Long':
      return { coef: BigInt((v as Long).toString()), exp: 0 };
    case 'Int32':
    case 'Double':
      return decOf((v as Double).value);
  }
  return null;
}

function cmpNum(a: unknown, b: unknown): number {
  const ta = bsonType(a);
  const tb = bsonType(b);
  if (ta === 'Long' && tb === 'Long') return (a as Long).compare(b as Long);
  // Decimal128 and large Longs are compared exactly: Decimal128("9.99") is not equal to the double
  // 9.99 in mongod (the double is 9.9900000000000002131…), but Decimal128("10") equals 10.
  if (ta === 'Decimal128' || tb === 'Decimal128' || ta === 'Long' || tb === 'Long') {
    const x = decOf(a);
    const y = decOf(b);
    if (x && y) return cmpDec(x, y);
  }
  const x = toNumber(a);
  const y = toNumber(b);
  if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : -1;
  if (Number.isNaN(y)) return 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

// ---- collation ----------------------------------------------------------------------------------

const collators = new Map<string, Intl.Collator | undefined>();

/**
 * Intl.Collator for a MongoDB collation document (undefined for the simple binary collation).
 * Options Intl cannot express are rejected rather than approximated.
 */
export function makeCollator(collation: unknown): Intl.Collator | undefined {
  if (collation === undefined || collation === null) return undefined;
  if (isPlainObject(collation) && Object.keys(collation).length === 0) return undefined; // mingo passes {}
  const key = canonicalKey(collation);
  if (collators.has(key)) return collators.get(key);
  if (!isPlainObject(collation) || typeof collation.locale !== 'string')
    throw new MongoCommandError(
      ErrorCodes.FailedToParse,
      "collation document must contain a 'locale' string",
    );
  let result: Intl.Collator | undefined;
  if (collation.locale !== 'simple') {
    for (const k of Object.keys(collation)) {
      const defaults: Record<string, unknown> = {
        alternate: 'non-ignorable',
        backwards: false,
        maxVariable: 'punct',
      };
      const known = [
        'locale',
        'strength',
        'caseLevel',
        'caseFirst',
        'numericOrdering',
        'normalization',
        'version',
      ];
      if (!known.includes(k) && !(k in defaults && collation[k] === defaults[k]))
        throw new MongoCommandError(
          ErrorCodes.NotImplemented,
          `collation option '${k}' is not supported by the embedded MongoDB server`,
        );
    }
    const strength = collation.strength === undefined ? 3 : toNumber(collation.strength);
    const sensitivity =
      strength === 1
        ? collation.caseLevel
          ? 'case'
          : 'base'
        : strength === 2
          ? collation.caseLevel
            ? 'variant'
            : 'accent'
          : 'variant';
    const caseFirst =
      collation.caseFirst === 'upper' || collation.caseFirst === 'lower' ? collation.caseFirst : 'false';
    result = new Intl.Collator(collation.locale === 'simple' ? undefined : collation.locale, {
      sensitivity,
      numeric: collation.numericOrdering === true,
      caseFirst,
      usage: 'sort',
    });
  }
  collators.set(key, result);
  return result;
}

/** Equality key of a string under a collation strength (used by collated indexes). */
export function collationKey(s: string, collation: unknown): string {
  if (!isPlainObject(collation) || collation.locale === 'simple') return s;
  const strength = collation.strength === undefined ? 3 : toNumber(collation.strength);
  if (strength >= 3) return s;
  if (strength === 2) return s.toLocaleLowerCase(String(collation.locale));
  return s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase(String(collation.locale));
}

/** Compares two BSON values in MongoDB order (arrays compared element-wise as whole values). */
export function compareValues(a: unknown, b: unknown, collator?: Intl.Collator): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 0:
    case 1:
    case 13:
      return 0;
    case 2:
      return cmpNum(a, b);
    case 3: {
      const x = String(typeof a === 'string' ? a : (a as { value: string }).value);
      const y = String(typeof b === 'string' ? b : (b as { value: string }).value);
      if (collator) return Math.sign(collator.compare(x, y));
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 4: {
      const ka = Object.keys(a as Doc);
      const kb = Object.keys(b as Doc);
      for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
        const c = compareValues((a as Doc)[ka[i]], (b as Doc)[kb[i]], collator);
        if (c) return c;
        if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
      }
      return ka.length - kb.length;
    }
    case 5: {
      const x = a as unknown[];
      const y = b as unknown[];
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = compareValues(x[i], y[i], collator);
        if (c) return c;
      }
      return x.length - y.length;
    }
    case 6: {
      const x = binBytes(a);
      const y = binBytes(b);
      if (x.length !== y.length) return x.length < y.length ? -1 : 1;
      return Buffer.compare(x, y);
    }
    case 7:
      return Buffer.compare(Buffer.from((a as ObjectId).id), Buffer.from((b as ObjectId).id));
    case 8:
      return a === b ? 0 : a ? 1 : -1;
    case 9:
      return Math.sign((a as Date).getTime() - (b as Date).getTime());
    case 10:
      return (a as Timestamp).compare(b as Timestamp);
    default: {
      const x = String(a);
      const y = String(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
  }
}

function binBytes(v: unknown): Buffer {
  if (bsonType(v) === 'Binary') return Buffer.from((v as Binary).buffer);
  const view = v as ArrayBufferView;
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength);
}

// ---- paths --------------------------------------------------------------------------------------

/**
 * All values reached by a dotted path, descending into arrays the way MongoDB does for queries and
 * index keys. `missing` is reported via the returned flag when nothing is reached.
 */
export function valuesAtPath(doc: unknown, path: string): unknown[] {
  const parts = path.split('.');
  const out: unknown[] = [];
  const walk = (cur: unknown, i: number): void => {
    if (i === parts.length) {
      out.push(cur);
      return;
    }
    if (cur === null || typeof cur !== 'object') return;
    if (Array.isArray(cur)) {
      const p = parts[i];
      if (/^\d+$/.test(p)) {
        const idx = Number(p);
        if (idx < cur.length) walk(cur[idx], i + 1);
      }
      for (const el of cur) if (el !== null && typeof el === 'object' && !Array.isArray(el)) walk(el, i);
      return;
    }
    if (!isPlainObject(cur)) return;
    const next = (cur as Doc)[parts[i]];
    if (next === undefined) return;
    walk(next, i + 1);
  };
  walk(doc, 0);
  return out;
}

/** Plain dotted lookup without array traversal (undefined when missing). */
export function getPath(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  for (const p of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Doc)[p];
  }
  return cur;
}

export function setPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur: Doc = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const next = cur[parts[i]];
    if (next === null || typeof next !== 'object') cur[parts[i]] = {};
    cur = cur[parts[i]] as Doc;
  }
  cur[parts[parts.length - 1]] = value;
}

/** Formats a value the way mongod prints dup keys: `{ email: "a@x.io" }`. */
export function formatValue(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  if (Array.isArray(v)) return '[ ' + v.map(formatValue).join(', ') + ' ]';
  const t = bsonType(v);
  if (t === 'ObjectId') return `ObjectId('${(v as ObjectId).toHexString()}')`;
  if (t === 'Long' || t === 'Int32' || t === 'Double') return String((v as Long).toString());
  if (t === 'Decimal128') return `Decimal128('${(v as Decimal128).toString()}')`;
  if (t === 'Binary')
    return `BinData(${(v as Binary).sub_type}, ${Buffer.from((v as Binary).buffer)
      .toString('hex')
      .toUpperCase()})`;
  if (t) return String(v);
  const o = v as Doc;
  const keys = Object.keys(o);
  if (!keys.length) return '{}';
  return '{ ' + keys.map((k) => `${k}: ${formatValue(o[k])}`).join(', ') + ' }';
}
