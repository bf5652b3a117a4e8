// Query planning: uses hash indexes (single-field or compound) for top-level equality / $in conditions
// so lookups do not scan, picking the index with the fewest candidates; everything else scans in
// natural order. Candidates are always re-checked with the full filter.
import type { CollectionState } from './catalog';
import type { Index } from './indexes';
import { ErrorCodes, fail } from './errors';
import { compileFilter } from './query';
import { canonicalKey, isPlainObject, type Doc } from './values';

/** Canonical keys an equality-ish condition can match via a hash index, or null if not indexable. */
function equalityKeys(cond: unknown): string[] | null {
  if (isPlainObject(cond)) {
    const keys = Object.keys(cond);
    if (!keys.length || !keys[0].startsWith('$')) return null; // embedded document equality: scan
    if (keys.length === 1 && keys[0] === '$eq') return scalarKey(cond.$eq);
    if (keys.length === 1 && keys[0] === '$in' && Array.isArray(cond.$in)) {
      const out: string[] = [];
      for (const v of cond.$in) {
        const k = scalarKey(v);
        if (!k) return null;
        out.push(...k);
      }
      return out;
    }
    return null;
  }
  return scalarKey(cond);
}

function scalarKey(v: unknown): string[] | null {
  if (v === null || v === undefined || Array.isArray(v) || v instanceof RegExp || isPlainObject(v))
    return null;
  return [canonicalKey(v)];
}

/**
 * Index keys an index can look up for `filter`: every indexed field must carry an equality / `$in`
 * condition (hash indexes answer whole keys only, no prefixes); compound keys are the cartesian
 * product of the per-field keys, encoded as `Index.keysFor` encodes them.
 */
function lookupKeys(ix: Index, filter: Doc, collation?: Doc): string[] | null {
  if (!ix.complete) return null;
  let combos: string[] = [''];
  for (const [i, f] of ix.fields.entries()) {
    if (!(f in filter)) return null;
    const keys = equalityKeys(filter[f]);
    if (!keys) return null;
    if (collation && keys.some((k) => k.startsWith('s'))) return null;
    if (combos.length * keys.length > MAX_LOOKUP_KEYS) return null;
    combos = i === 0 ? keys : combos.flatMap((c) => keys.map((k) => c + '\u0001' + k));
  }
  return combos;
}

// Bounds the cartesian product of a compound lookup (e.g. two long $in lists).
const MAX_LOOKUP_KEYS = 4096;

/**
 * Candidate documents from the most selective usable index (fewest ids), in natural order, or null
 * when no index applies and the caller must scan. Candidates are re-checked with the full filter.
 */
export function candidates(state: CollectionState, filter: Doc | undefined, collation?: Doc): Doc[] | null {
  return plan(state, filter, collation)?.docs ?? null;
}

/**
 * The index plan: candidates, and whether the index lookup alone decides the filter (every filter
 * field is a field of the chosen index, matched by equality / `$in` keys), so no re-check is needed.
 */
function plan(
  state: CollectionState,
  filter: Doc | undefined,
  collation?: Doc,
): { docs: Doc[]; covered: boolean } | null {
  if (!filter) return null;
  let best: Array<Set<string>> | null = null;
  let bestIndex: Index | null = null;
  let bestSize = Infinity;
  for (const ix of state.indexes) {
    const keys = lookupKeys(ix, filter, collation);
    if (!keys) continue;
    const sets: Array<Set<string>> = [];
    let size = 0;
    for (const k of keys) {
      const s = ix.lookup(k);
      if (s) {
        sets.push(s);
        size += s.size;
      }
    }
    if (size < bestSize) {
      best = sets;
      bestIndex = ix;
      bestSize = size;
    }
    if (size === 0) break;
  }
  if (!best || !bestIndex) return null;
  const filterKeys = Object.keys(filter);
  const covered =
    filterKeys.length === bestIndex.fields.length && filterKeys.every((k) => bestIndex.fields.includes(k));
  if (best.length === 1 && best[0].size <= 1)
    return { docs: [...best[0]].map((id) => state.docs.get(id)!), covered };
  const ids = new Set<string>();
  for (const s of best) for (const id of s) ids.add(id);
  return { docs: naturalOrder(state, ids), covered };
}

/** Documents for `ids` in natural order: sorting a few ids by position beats walking every document. */
function naturalOrder(state: CollectionState, ids: Set<string>): Doc[] {
  if (ids.size * 8 > state.docs.size) {
    const out: Doc[] = [];
    for (const [id, doc] of state.docs) if (ids.has(id)) out.push(doc);
    return out;
  }
  return [...ids].sort((a, b) => state.seq.get(a)! - state.seq.get(b)!).map((id) => state.docs.get(id)!);
}

/** Documents matching `filter`, in natural order. */
export function matchDocs(
  state: CollectionState,
  filter: Doc | undefined,
  opts: { collation?: Doc; limit?: number } = {},
): Doc[] {
  const p = plan(state, filter, opts.collation);
  const limit = opts.limit && opts.limit > 0 ? opts.limit : Infinity;
  if (p?.covered) return p.docs.length > limit ? p.docs.slice(0, limit) : p.docs;
  const pred = compileFilter(filter, opts.collation);
  const out: Doc[] = [];
  const source: Iterable<Doc> = p?.docs ?? state.docs.values();
  for (const d of source) {
    if (pred(d)) {
      out.push(d);
      if (out.length >= limit) break;
    }
  }
  return out;
}

/** Validates a `hint` (index name, key pattern or $natural) like mongod: unknown index → BadValue. */
export function checkHint(state: CollectionState, hint: unknown): void {
  if (hint === undefined || hint === null) return;
  if (typeof hint === 'string') {
    if (state.indexes.some((ix) => ix.name === hint)) return;
  } else if (isPlainObject(hint)) {
    if (Object.keys(hint).length === 0) return;
    if ('$natural' in hint) return;
    const k = canonicalKey(hint);
    if (state.indexes.some((ix) => canonicalKey(ix.spec.key) === k)) return;
  }
  fail(
    ErrorCodes.BadValue,
    'error processing query: planner returned error :: caused by :: hint provided does not correspond to an existing index',
  );
}
