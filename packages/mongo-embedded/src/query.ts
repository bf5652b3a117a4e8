// mingo adapter for queries: filter compilation (with MongoDB error codes for unsupported operators),
// BSON-order sorting, and projections that keep MongoDB's field order.
import { Query, ProcessingMode } from 'mingo';
import { ErrorCodes, fail, toCommandError } from './errors';
import { compareValues, isPlainObject, valuesAtPath, type Doc } from './values';
import { compileIn, matchesEq, mingoContext, withMingo } from './mingoExt';

const UNSUPPORTED_QUERY_OPS: Record<string, string> = {
  $text: 'text index required for $text query (the embedded MongoDB server has no text indexes)',
  $near: '$near requires a 2d or 2dsphere index, which the embedded MongoDB server does not support',
  $nearSphere: '$nearSphere requires a geo index, which the embedded MongoDB server does not support',
  $geoWithin: 'geo queries are not supported by the embedded MongoDB server',
  $geoIntersects: 'geo queries are not supported by the embedded MongoDB server',
  $where: '$where is not allowed by the embedded MongoDB server',
};

/** Walks a filter to reject operators mingo would mis-handle, and strips `$comment`. */
function checkFilter(filter: unknown, top: boolean): unknown {
  if (Array.isArray(filter)) return filter.map((f) => checkFilter(f, top));
  if (!isPlainObject(filter)) return filter;
  const out: Doc = {};
  for (const [k, v] of Object.entries(filter)) {
    if (k in UNSUPPORTED_QUERY_OPS) {
      const code = k === '$text' ? ErrorCodes.IndexNotFound : k === '$where' ? ErrorCodes.BadValue : 291;
      fail(code === 291 ? ErrorCodes.BadValue : code, UNSUPPORTED_QUERY_OPS[k]);
    }
    if (k === '$comment' && top) continue;
    if (k === '$and' || k === '$or' || k === '$nor') {
      if (!Array.isArray(v) || v.length === 0)
        fail(ErrorCodes.BadValue, `${k} argument must be a non-empty array`);
      out[k] = v.map((x) => checkFilter(x, true));
    } else if (k === '$expr') out[k] = v;
    else if (k === '$elemMatch' && !isPlainObject(v)) fail(ErrorCodes.BadValue, '$elemMatch needs an Object');
    else if (k === '$size' && (typeof v !== 'number' || !Number.isInteger(v)))
      fail(
        ErrorCodes.BadValue,
        typeof v === 'number' ? `$size must be a whole number` : '$size needs a number',
      );
    else out[k] = checkFilter(v, false);
  }
  return out;
}

/**
 * Fast path for the most common filters (field equality / $in on scalars, e.g. findById or a lookup
 * by key): evaluated directly with the same semantics as the mingo overrides, skipping mingo's
 * per-query compilation cost.
 */
function simplePredicate(filter: Doc): ((doc: Doc) => boolean) | null {
  const tests: Array<(doc: Doc) => boolean> = [];
  for (const [k, v] of Object.entries(filter)) {
    if (k.startsWith('$')) return null;
    if (v instanceof RegExp || Array.isArray(v)) return null;
    if (isPlainObject(v)) {
      const keys = Object.keys(v);
      if (keys.length !== 1) return null;
      if (keys[0] === '$eq' && !isPlainObject(v.$eq) && !Array.isArray(v.$eq) && !(v.$eq instanceof RegExp)) {
        const b = v.$eq;
        tests.push((d) => {
          const vals = valuesAtPath(d, k);
          return matchesEq(vals, vals.length === 0, b);
        });
        continue;
      }
      if (
        keys[0] === '$in' &&
        Array.isArray(v.$in) &&
        v.$in.every((x) => !isPlainObject(x) && !Array.isArray(x))
      ) {
        const inList = compileIn(v.$in, false);
        tests.push((d) => {
          const vals = valuesAtPath(d, k);
          return inList(vals, vals.length === 0);
        });
        continue;
      }
      return null;
    }
    tests.push((d) => {
      const vals = valuesAtPath(d, k);
      return matchesEq(vals, vals.length === 0, v);
    });
  }
  return tests.length === 1 ? tests[0] : (d) => tests.every((t) => t(d));
}

export function compileFilter(filter: Doc | undefined, collation?: Doc): (doc: Doc) => boolean {
  if (!filter || Object.keys(filter).length === 0) return () => true;
  if (!collation) {
    const simple = simplePredicate(filter);
    if (simple) return simple;
  }
  const checked = checkFilter(filter, true) as Doc;
  const prepared = checked;
  let q: Query;
  try {
    q = withMingo(
      () =>
        new Query(prepared, {
          context: mingoContext,
          processingMode: ProcessingMode.CLONE_OFF,
          collation: collation as never,
        }),
    );
  } catch (e) {
    throw toCommandError(e);
  }
  return (doc: Doc) => {
    try {
      return withMingo(() => q.test(doc));
    } catch (e) {
      throw toCommandError(e);
    }
  };
}

// ---- sort ----------------------------------------------------------------------------------------

function sortKey(doc: Doc, path: string, dir: number, collator?: Intl.Collator): unknown {
  const raw = valuesAtPath(doc, path);
  const vals: unknown[] = [];
  for (const v of raw) {
    if (Array.isArray(v)) vals.push(...v);
    else vals.push(v);
  }
  if (!vals.length) return null;
  let best = vals[0];
  for (let i = 1; i < vals.length; i++) {
    const c = compareValues(vals[i], best, collator);
    if (dir > 0 ? c < 0 : c > 0) best = vals[i];
  }
  return best;
}

export function validateSort(sort: Doc): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  for (const [k, v] of Object.entries(sort)) {
    if (isPlainObject(v)) {
      if (v.$meta !== undefined)
        fail(
          ErrorCodes.BadValue,
          `$meta sort by '${String(v.$meta)}' is not supported by the embedded MongoDB server`,
        );
      fail(ErrorCodes.BadValue, `Illegal key in $sort specification: ${k}`);
    }
    const n = Number(typeof v === 'object' && v !== null ? (v as { valueOf(): unknown }).valueOf() : v);
    if (n !== 1 && n !== -1)
      fail(ErrorCodes.BadValue, `$sort key ordering must be 1 (for ascending) or -1 (for descending)`);
    out.push([k, n]);
  }
  return out;
}

/** Stable sort in BSON order (arrays sort by min element ascending, max element descending). */
export function sortDocs(docs: Doc[], sort: Doc | undefined, collator?: Intl.Collator): Doc[] {
  if (!sort || Object.keys(sort).length === 0) return docs;
  const spec = validateSort(sort);
  if (spec.length === 1 && spec[0][0] === '$natural') return spec[0][1] > 0 ? docs : docs.slice().reverse();
  const keyed = docs.map((d, i) => ({ d, i, k: spec.map(([p, dir]) => sortKey(d, p, dir, collator)) }));
  keyed.sort((a, b) => {
    for (let j = 0; j < spec.length; j++) {
      const c = compareValues(a.k[j], b.k[j], collator);
      if (c) return c * spec[j][1];
    }
    return a.i - b.i;
  });
  return keyed.map((x) => x.d);
}

// ---- projection ----------------------------------------------------------------------------------

function isSimpleProjection(p: Doc): boolean {
  for (const v of Object.values(p))
    if (isPlainObject(v) || Array.isArray(v) || typeof v === 'string') return false;
  return true;
}

/** Rebuilds key order: fields of the source in their stored order first (mingo moves `_id` last). */
function reorder(src: Doc, projected: Doc): Doc {
  const out: Doc = {};
  for (const k of Object.keys(src)) if (k in projected) out[k] = projected[k];
  for (const k of Object.keys(projected)) if (!(k in out)) out[k] = projected[k];
  return out;
}

/**
 * A projection of top-level fields only, each 1/0 or true/false, either all inclusions or all
 * exclusions (`_id` may be either): what to keep, or null when mingo must apply it (dotted paths,
 * operators, expressions, mixed inclusion/exclusion, which mingo rejects as mongod does).
 */
function topLevelProjection(p: Doc): { include: boolean; fields: Set<string>; keepId: boolean } | null {
  let include: boolean | undefined;
  let keepId = true;
  const fields = new Set<string>();
  for (const k of Object.keys(p)) {
    const v = p[k];
    if (typeof v !== 'number' && typeof v !== 'boolean') return null;
    if (typeof v === 'number' && Number.isNaN(v)) return null;
    if (!k || k.includes('.') || k.includes('$')) return null;
    const on = typeof v === 'boolean' ? v : v !== 0;
    if (k === '_id') {
      keepId = on;
      continue;
    }
    if (include === undefined) include = on;
    else if (include !== on) return null; // mixed: mingo reports the error
    fields.add(k);
  }
  // `{_id: 0}` / `{_id: 1}` alone: exclusion of _id / inclusion of _id only.
  if (include === undefined) include = keepId && Object.keys(p).length > 0 ? true : false;
  return { include, fields, keepId };
}

export function projectDocs(docs: Doc[], projection: Doc | undefined, filter?: Doc): Doc[] {
  if (!projection || Object.keys(projection).length === 0) return docs;
  const simple = topLevelProjection(projection);
  if (simple) {
    // Values are shared with the stored documents, which are immutable; fields keep their stored order.
    const { include, fields, keepId } = simple;
    return docs.map((d) => {
      const out: Doc = {};
      for (const k of Object.keys(d)) {
        const keep = k === '_id' ? keepId : include === fields.has(k);
        if (keep) out[k] = d[k];
      }
      return out;
    });
  }
  const prepared = projection;
  // The positional projection `field.$` needs the query to know which element matched.
  const positional = Object.keys(projection).some((k) => k.endsWith('.$'));
  try {
    const res = withMingo(() => {
      const q = new Query(positional && filter ? (checkFilter(filter, true) as Doc) : {}, {
        context: mingoContext,
        processingMode: ProcessingMode.CLONE_INPUT,
      });
      return q.find(docs, prepared as never).all() as Doc[];
    });
    if (!isSimpleProjection(projection)) return res.map((r, i) => reorder(docs[i], r));
    return res.map((r, i) => reorder(docs[i], r));
  } catch (e) {
    throw toCommandError(e);
  }
}
