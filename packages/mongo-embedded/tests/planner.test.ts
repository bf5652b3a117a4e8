import { Decimal128, Long, ObjectId } from 'bson';
import { CollectionState, buildIndex, idKeyOf, insertDoc, replaceDoc, deleteDoc } from '../src/catalog';
import { normalizeIndexSpec } from '../src/indexes';
import { candidates, matchDocs } from '../src/planner';
import { compileIn, matchesIn } from '../src/mingoExt';
import { compileFilter } from '../src/query';
import type { Doc } from '../src/values';

// Index-backed lookups must return exactly what a full scan returns, in the same (natural) order,
// also after updates and deletes keep the hash indexes in sync.
let seed = 42;
const rand = (n: number) => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};
const ids = Array.from({ length: 5 }, () => new ObjectId());
const values: unknown[] = [
  1,
  2,
  2.5,
  Long.fromNumber(1),
  Decimal128.fromString('2'),
  'a',
  'b',
  null,
  true,
  new Date(0),
  ids[0],
  ids[1],
  [1, 'a'],
  [],
  { x: 1 },
];
const randomValue = () => values[rand(values.length)];

function randomDoc(i: number): Doc {
  const d: Doc = { _id: i };
  if (rand(4)) d.k = randomValue();
  if (rand(3)) d.tags = [randomValue(), randomValue()];
  if (rand(2)) d.nested = { v: randomValue() };
  return d;
}

function scan(state: CollectionState, filter: Doc): Doc[] {
  const pred = compileFilter(filter);
  return Array.from(state.docs.values()).filter((d) => pred(d));
}

it('index lookups agree with full scans through inserts, updates and deletes', () => {
  const state = new CollectionState();
  for (const key of [{ k: 1 }, { tags: 1 }, { 'nested.v': 1 }, { k: 1, tags: 1 }])
    state.indexes.push(buildIndex('t.c', state, normalizeIndexSpec({ key })));
  for (let i = 0; i < 400; i++) insertDoc('t.c', state, randomDoc(i));
  for (let i = 0; i < 150; i++) {
    const old = state.docs.get(idKeyOf({ _id: rand(400) }));
    if (!old) continue;
    if (rand(3) === 0) {
      deleteDoc(state, old);
      // a re-inserted id moves to the end of natural order
      if (rand(2)) insertDoc('t.c', state, randomDoc(old._id as number));
    } else replaceDoc('t.c', state, old, { ...randomDoc(old._id as number) });
  }
  let checked = 0;
  for (let q = 0; q < 300; q++) {
    const field = ['k', 'tags', 'nested.v'][rand(3)];
    const filter: Doc = rand(2)
      ? { [field]: randomValue() }
      : { [field]: { $in: [randomValue(), randomValue()] } };
    if (rand(3) === 0) filter[field === 'k' ? 'tags' : 'k'] = { $in: [randomValue(), randomValue()] };
    const viaPlanner = matchDocs(state, filter).map((d) => d._id);
    const viaScan = scan(state, filter).map((d) => d._id);
    expect(viaPlanner).toEqual(viaScan);
    checked += viaScan.length;
  }
  expect(checked).toBeGreaterThan(100);
});

it('answers from the most selective index, compound ones included, in natural order', () => {
  const state = new CollectionState();
  state.indexes.push(buildIndex('t.c', state, normalizeIndexSpec({ key: { user: 1 } })));
  state.indexes.push(buildIndex('t.c', state, normalizeIndexSpec({ key: { user: 1, tokens: 1 } })));
  for (let i = 0; i < 2000; i++)
    insertDoc('t.c', state, { _id: i, user: i % 2, tokens: [`t${i % 50}`, `t${(i * 7) % 50}`, 'common'] });
  const filter = { user: 0, tokens: { $in: ['t3', 't4'] } };
  const cand = candidates(state, filter)!;
  // {user} alone holds 1,000 ids; {user, tokens} only this user's holders of t3/t4
  expect(cand.length).toBeLessThan(100);
  expect(cand.map((d) => d._id)).toEqual(scan(state, filter).map((d) => d._id));
  // a large share of the collection still comes from the index, in natural order
  const wide = { user: 1, tokens: { $in: ['common'] } };
  expect(candidates(state, wide)).toHaveLength(1000);
  expect(matchDocs(state, wide).map((d) => d._id)).toEqual(scan(state, wide).map((d) => d._id));
  // no index over the field: scan
  expect(candidates(state, { other: 1 })).toBeNull();
});

it('$in on hashable scalars agrees with the general comparison', () => {
  const lists: unknown[][] = [];
  for (let i = 0; i < 200; i++) lists.push(Array.from({ length: 1 + rand(3) }, randomValue));
  lists.push(['a', 'b'], [1, 2.5], [new Date(0), ids[0]], [Long.fromNumber(2), Decimal128.fromString('1')]);
  for (const list of lists) {
    const fast = compileIn(list, false);
    for (let j = 0; j < 20; j++) {
      const doc = randomDoc(j);
      const vals = doc.k === undefined ? [] : [doc.k];
      expect(fast(vals, vals.length === 0)).toBe(matchesIn(vals, vals.length === 0, list));
    }
  }
});
