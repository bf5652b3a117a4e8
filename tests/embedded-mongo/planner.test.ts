import { Decimal128, Long, ObjectId } from 'bson';
import {
  CollectionState,
  buildIndex,
  idKeyOf,
  insertDoc,
  replaceDoc,
  deleteDoc,
} from '../../src/embedded/mongo/catalog';
import { normalizeIndexSpec } from '../../src/embedded/mongo/indexes';
import { matchDocs } from '../../src/embedded/mongo/planner';
import { compileFilter } from '../../src/embedded/mongo/query';
import type { Doc } from '../../src/embedded/mongo/values';

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
  for (const key of [{ k: 1 }, { tags: 1 }, { 'nested.v': 1 }])
    state.indexes.push(buildIndex('t.c', state, normalizeIndexSpec({ key })));
  for (let i = 0; i < 400; i++) insertDoc('t.c', state, randomDoc(i));
  for (let i = 0; i < 150; i++) {
    const old = state.docs.get(idKeyOf({ _id: rand(400) }));
    if (!old) continue;
    if (rand(3) === 0) deleteDoc(state, old);
    else replaceDoc('t.c', state, old, { ...randomDoc(old._id as number) });
  }
  let checked = 0;
  for (let q = 0; q < 300; q++) {
    const field = ['k', 'tags', 'nested.v'][rand(3)];
    const filter: Doc = rand(2)
      ? { [field]: randomValue() }
      : { [field]: { $in: [randomValue(), randomValue()] } };
    const viaPlanner = matchDocs(state, filter).map((d) => d._id);
    const viaScan = scan(state, filter).map((d) => d._id);
    expect(viaPlanner).toEqual(viaScan);
    checked += viaScan.length;
  }
  expect(checked).toBeGreaterThan(100);
});
