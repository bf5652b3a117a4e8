// Index manager: validates index specs, keeps hash maps from canonical key encodings to document ids,
// and enforces unique constraints (single, compound, sparse, partial, multikey). Hash maps make
// equality lookups and unique checks O(1) instead of scanning the collection.
import { ErrorCodes, MongoCommandError, fail } from './errors';
import {
  canonicalKey,
  collationKey,
  formatValue,
  isPlainObject,
  makeCollator,
  toNumber,
  valuesAtPath,
  type Doc,
} from './values';
import { compileFilter } from './query';

export interface IndexSpec {
  v: number;
  key: Doc;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Doc;
  expireAfterSeconds?: number;
  [opt: string]: unknown;
}

// Options mongod accepts and echoes back in listIndexes (anything else is rejected with code 197).
const KNOWN_OPTIONS = new Set([
  'key',
  'name',
  'unique',
  'sparse',
  'partialFilterExpression',
  'expireAfterSeconds',
  'background',
  'collation',
  'hidden',
  'weights',
  'default_language',
  'language_override',
  'textIndexVersion',
  '2dsphereIndexVersion',
  'bits',
  'min',
  'max',
  'v',
  'ns',
  'storageEngine',
  'wildcardProjection',
  'prepareUnique',
  'bucketSize',
  'dropDups',
]);

/** Default index name: `field_dir` pairs joined with `_` (e.g. `name_1_age_-1`). */
export function defaultIndexName(key: Doc): string {
  return Object.keys(key)
    .map((k) => `${k}_${String(key[k])}`)
    .join('_');
}

export function normalizeIndexSpec(raw: Doc): IndexSpec {
  if (!isPlainObject(raw.key) || Object.keys(raw.key).length === 0)
    fail(ErrorCodes.CannotCreateIndex, "Index key pattern must be a non-empty object ('key' field)");
  const key: Doc = {};
  for (const [k, v] of Object.entries(raw.key)) {
    if (typeof v === 'string') {
      if (v === 'text' || v === '2dsphere' || v === '2d' || v === 'hashed')
        fail(
          ErrorCodes.CannotCreateIndex,
          `Index type '${v}' is not supported by the embedded MongoDB server`,
        );
      fail(ErrorCodes.CannotCreateIndex, `Unknown index plugin '${v}'`);
    }
    const n = toNumber(v);
    if (!Number.isFinite(n) || n === 0)
      fail(ErrorCodes.CannotCreateIndex, `Values in the index key pattern can't be 0 ('${k}')`);
    key[k] = n;
  }
  for (const opt of Object.keys(raw))
    if (!KNOWN_OPTIONS.has(opt))
      fail(
        ErrorCodes.InvalidIndexSpecificationOption,
        `The field '${opt}' is not valid for an index specification. Specification: ${formatValue(raw)}`,
      );
  const name = typeof raw.name === 'string' ? raw.name : defaultIndexName(key);
  // Key order of the spec mirrors mongod's listIndexes output: v, key, name, then options.
  const spec: IndexSpec = { v: 2, key, name };
  for (const [k, v] of Object.entries(raw)) {
    if (k === 'key' || k === 'name' || k === 'v' || k === 'ns') continue;
    if (k === 'expireAfterSeconds') spec[k] = toNumber(v);
    else spec[k] = v;
  }
  if (spec.unique === false) delete spec.unique;
  if (spec.sparse === false) delete spec.sparse;
  if (spec.collation !== undefined) makeCollator(spec.collation); // validates
  if (spec.partialFilterExpression !== undefined && !isPlainObject(spec.partialFilterExpression))
    fail(ErrorCodes.CannotCreateIndex, 'partialFilterExpression must be an object');
  if (name === '_id_' && !(Object.keys(key).length === 1 && key._id === 1))
    fail(ErrorCodes.BadValue, 'The index name _id_ is reserved for the _id index');
  return spec;
}

/** True when two specs describe the same index (what mongod considers "already exists"). */
export function sameIndexOptions(a: IndexSpec, b: IndexSpec): boolean {
  const pick = (s: IndexSpec) =>
    canonicalKey({
      unique: !!s.unique,
      sparse: !!s.sparse,
      partial: s.partialFilterExpression ?? null,
      ttl: s.expireAfterSeconds ?? null,
      collation: s.collation ?? null,
    });
  return pick(a) === pick(b);
}

export interface KeyEntry {
  key: string;
  values: unknown[];
}

export class Index {
  readonly spec: IndexSpec;
  readonly fields: string[];
  readonly unique: boolean;
  private readonly partial?: (d: Doc) => boolean;
  /** canonical key → ids of documents holding it (insertion-ordered). */
  map: Map<string, Set<string>>;

  constructor(spec: IndexSpec, map?: Map<string, Set<string>>) {
    this.spec = spec;
    this.fields = Object.keys(spec.key);
    this.unique = !!spec.unique || spec.name === '_id_';
    if (spec.partialFilterExpression) this.partial = compileFilter(spec.partialFilterExpression as Doc);
    this.map = map ?? new Map();
  }

  get name(): string {
    return this.spec.name;
  }

  clone(): Index {
    const m = new Map<string, Set<string>>();
    for (const [k, s] of this.map) m.set(k, new Set(s));
    return new Index(this.spec, m);
  }

  /** Keys a document produces; null when the document is not indexed (sparse / partial). */
  keysFor(doc: Doc): KeyEntry[] | null {
    if (this.partial && !this.partial(doc)) return null;
    const perField: unknown[][] = [];
    let anyPresent = false;
    let arrayFields = 0;
    for (const f of this.fields) {
      const raw = valuesAtPath(doc, f);
      if (raw.length) anyPresent = true;
      let vals: unknown[] = [];
      let isArr = false;
      for (const v of raw) {
        if (Array.isArray(v)) {
          isArr = true;
          if (v.length === 0) vals.push(undefined);
          else vals.push(...v);
        } else vals.push(v);
      }
      if (raw.length > 1) isArr = true;
      if (isArr) arrayFields++;
      if (!vals.length) vals = [null];
      perField.push(vals);
    }
    if (this.spec.sparse && !anyPresent) return null;
    if (arrayFields > 1)
      fail(ErrorCodes.CannotIndexParallelArrays, `cannot index parallel arrays [${this.fields.join('] [')}]`);
    let combos: unknown[][] = [[]];
    for (const vals of perField) {
      const next: unknown[][] = [];
      for (const c of combos) for (const v of vals) next.push([...c, v]);
      combos = next;
    }
    const seen = new Set<string>();
    const out: KeyEntry[] = [];
    for (const c of combos) {
      const keyOf = (v: unknown) =>
        canonicalKey(this.spec.collation ? collateValue(v, this.spec.collation) : v);
      const key = c.length === 1 ? keyOf(c[0]) : c.map(keyOf).join('\u0001');
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ key, values: c });
    }
    return out;
  }

  add(id: string, keys: KeyEntry[] | null): void {
    if (!keys) return;
    for (const { key } of keys) {
      let s = this.map.get(key);
      if (!s) this.map.set(key, (s = new Set()));
      s.add(id);
    }
  }

  remove(id: string, keys: KeyEntry[] | null): void {
    if (!keys) return;
    for (const { key } of keys) {
      const s = this.map.get(key);
      if (!s) continue;
      s.delete(id);
      if (!s.size) this.map.delete(key);
    }
  }

  /** First key of `keys` already held by another document, if any. */
  conflict(id: string, keys: KeyEntry[] | null): KeyEntry | undefined {
    if (!this.unique || !keys) return undefined;
    for (const k of keys) {
      const s = this.map.get(k.key);
      if (s && (s.size > 1 || !s.has(id))) return k;
    }
    return undefined;
  }

  lookup(key: string): Set<string> | undefined {
    return this.map.get(key);
  }

  /** Usable for plain equality lookups: every document is present in the map. */
  get complete(): boolean {
    return !this.spec.sparse && !this.partial && !this.spec.collation;
  }
}

/** Strings (also nested) replaced by their collation equality key. */
function collateValue(v: unknown, collation: unknown): unknown {
  if (typeof v === 'string') return collationKey(v, collation);
  if (Array.isArray(v)) return v.map((x) => collateValue(x, collation));
  if (isPlainObject(v)) {
    const out: Doc = {};
    for (const k of Object.keys(v)) out[k] = collateValue(v[k], collation);
    return out;
  }
  return v;
}

export function duplicateKeyError(ns: string, index: Index, entry: KeyEntry): MongoCommandError {
  const keyValue: Doc = {};
  index.fields.forEach((f, i) => {
    const v = entry.values[i];
    keyValue[f] = v === undefined ? null : v;
  });
  const shown = '{ ' + index.fields.map((f) => `${f}: ${formatValue(keyValue[f])}`).join(', ') + ' }';
  return new MongoCommandError(
    ErrorCodes.DuplicateKey,
    `E11000 duplicate key error collection: ${ns} index: ${index.name} dup key: ${shown}`,
    { keyPattern: { ...index.spec.key }, keyValue },
  );
}
