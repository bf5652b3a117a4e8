// Query planning: uses hash indexes for top-level equality / $in conditions so point lookups do not
// scan; everything else scans in natural order. Candidates are always re-checked with the full filter.
import type { CollectionState } from './catalog';
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

export function candidates(state: CollectionState, filter: Doc | undefined, collation?: Doc): Doc[] | null {
  if (!filter) return null;
  for (const ix of state.indexes) {
    if (!ix.complete || ix.fields.length !== 1) continue;
    const f = ix.fields[0];
    if (!(f in filter)) continue;
    const keys = equalityKeys(filter[f]);
    if (!keys) continue;
    if (collation && keys.some((k) => k.startsWith('s'))) continue;
    const ids = new Set<string>();
    for (const k of keys) {
      const s = ix.lookup(k);
      if (s) for (const id of s) ids.add(id);
    }
    const out: Doc[] = [];
    if (ids.size > 1) {
      // keep natural order for multi-document results
      if (ids.size * 8 > state.docs.size) return null;
      const order: Array<[number, Doc]> = [];
      let i = 0;
      const pos = new Map<string, number>();
      for (const id of ids) pos.set(id, 0);
      for (const id of state.docs.keys()) {
        if (pos.has(id)) order.push([i, state.docs.get(id)!]);
        i++;
      }
      return order.map((x) => x[1]);
    }
    for (const id of ids) {
      const d = state.docs.get(id);
      if (d) out.push(d);
    }
    return out;
  }
  return null;
}

/** Documents matching `filter`, in natural order. */
export function matchDocs(
  state: CollectionState,
  filter: Doc | undefined,
  opts: { collation?: Doc; limit?: number } = {},
): Doc[] {
  const pred = compileFilter(filter, opts.collation);
  const cand = candidates(state, filter, opts.collation);
  const out: Doc[] = [];
  const limit = opts.limit && opts.limit > 0 ? opts.limit : Infinity;
  const source: Iterable<Doc> = cand ?? state.docs.values();
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
