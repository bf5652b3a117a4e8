// Catalog: databases → collections → state (documents + indexes). Stored documents are treated as
// immutable: every write replaces the object, so cursor snapshots and transaction copies can share them.
import { UUID } from 'bson';
import { ErrorCodes, fail } from './errors';
import { Index, duplicateKeyError, type IndexSpec } from './indexes';
import { canonicalKey, type Doc } from './values';

export class CollectionState {
  docs: Map<string, Doc>;
  indexes: Index[];
  /**
   * Natural-order position of each document (a replace keeps its place, as in `docs`), so index
   * lookups can return documents in natural order by sorting their few ids instead of walking `docs`.
   */
  readonly seq: Map<string, number>;
  private nextSeq: number;
  /**
   * Documents written since persistence last looked (id → new version, null = deleted), recorded only
   * when persistence is on (null otherwise). A clone starts an empty journal of its own, so a
   * transaction's copy records exactly the transaction's writes.
   */
  journal: Map<string, Doc | null> | null;
  constructor(indexes?: Index[], from?: CollectionState) {
    this.docs = new Map(from?.docs);
    this.seq = new Map(from?.seq);
    this.nextSeq = from?.nextSeq ?? 0;
    this.indexes = indexes ?? [new Index({ v: 2, key: { _id: 1 }, name: '_id_' })];
    this.journal = from?.journal ? new Map() : null;
  }
  clone(): CollectionState {
    return new CollectionState(
      this.indexes.map((i) => i.clone()),
      this,
    );
  }
  /** Stores a document under a new id at the end of natural order (indexes are the caller's job). */
  append(id: string, doc: Doc): void {
    this.docs.set(id, doc);
    this.seq.set(id, this.nextSeq++);
    this.journal?.set(id, doc);
  }
  /** Replaces the stored version of a document (it keeps its place in natural order). */
  put(id: string, doc: Doc): void {
    this.docs.set(id, doc);
    this.journal?.set(id, doc);
  }
  remove(id: string): void {
    this.docs.delete(id);
    this.seq.delete(id);
    this.journal?.set(id, null);
  }
  getIndex(name: string): Index | undefined {
    return this.indexes.find((i) => i.name === name);
  }
}

export function idKeyOf(doc: Doc): string {
  return canonicalKey(doc._id);
}

/** Inserts a document (which must already have `_id`), enforcing every unique index. */
export function insertDoc(ns: string, state: CollectionState, doc: Doc): void {
  const id = idKeyOf(doc);
  const keyed = state.indexes.map((ix) => ix.keysFor(doc));
  state.indexes.forEach((ix, i) => {
    const c = ix.conflict(id, keyed[i]);
    if (c) throw duplicateKeyError(ns, ix, c);
  });
  if (state.docs.has(id)) throw duplicateKeyError(ns, state.indexes[0], { key: id, values: [doc._id] });
  state.indexes.forEach((ix, i) => ix.add(id, keyed[i]));
  state.append(id, doc);
}

/** Replaces a stored document by a new version with the same `_id`. */
export function replaceDoc(ns: string, state: CollectionState, oldDoc: Doc, newDoc: Doc): void {
  const id = idKeyOf(oldDoc);
  const oldKeys = state.indexes.map((ix) => ix.keysFor(oldDoc));
  const newKeys = state.indexes.map((ix) => ix.keysFor(newDoc));
  state.indexes.forEach((ix, i) => {
    if (!ix.unique || !newKeys[i]) return;
    const own = new Set((oldKeys[i] ?? []).map((k) => k.key));
    for (const k of newKeys[i]!) {
      if (own.has(k.key)) continue;
      const s = ix.lookup(k.key);
      if (s && s.size > 0) throw duplicateKeyError(ns, ix, k);
    }
  });
  state.indexes.forEach((ix, i) => {
    ix.remove(id, oldKeys[i]);
    ix.add(id, newKeys[i]);
  });
  state.put(id, newDoc);
}

export function deleteDoc(state: CollectionState, doc: Doc): void {
  const id = idKeyOf(doc);
  state.indexes.forEach((ix) => ix.remove(id, ix.keysFor(doc)));
  state.remove(id);
}

/** Builds an index over existing documents; fails with E11000 when data violates uniqueness. */
export function buildIndex(ns: string, state: CollectionState, spec: IndexSpec): Index {
  const ix = new Index(spec);
  for (const [id, doc] of state.docs) {
    const keys = ix.keysFor(doc);
    const c = ix.conflict(id, keys);
    if (c) throw duplicateKeyError(ns, ix, c);
    ix.add(id, keys);
  }
  return ix;
}

export class Collection {
  readonly db: string;
  name: string;
  options: Doc;
  state: CollectionState;
  readonly uuid: UUID;
  /** Bumped on every committed change; transactions use it to detect conflicting writes. */
  version = 0;
  constructor(db: string, name: string, options: Doc = {}, uuid?: UUID) {
    this.db = db;
    this.name = name;
    this.options = options;
    this.state = new CollectionState();
    this.uuid = uuid ?? new UUID();
  }
  get ns(): string {
    return `${this.db}.${this.name}`;
  }
}

export class Database {
  readonly name: string;
  readonly collections = new Map<string, Collection>();
  constructor(name: string) {
    this.name = name;
  }
}

export function validateCollectionName(name: unknown): string {
  if (typeof name !== 'string' || name.length === 0)
    fail(ErrorCodes.InvalidNamespace, `Invalid collection name: ${String(name)}`);
  if (name.includes('$') || name.includes('\0') || name.startsWith('.') || name.startsWith('system.'))
    fail(ErrorCodes.InvalidNamespace, `Invalid collection name: ${name}`);
  return name;
}

export function validateDbName(name: unknown): string {
  if (typeof name !== 'string' || !name || /[/\\. "$*<>:|?\0]/.test(name) || name.length > 63)
    fail(ErrorCodes.InvalidNamespace, `Invalid database name: '${String(name)}'`);
  return name;
}

export class Catalog {
  readonly dbs = new Map<string, Database>();
  /** Called with the namespace of every committed change (persistence hooks in here). */
  onChange: (db: string, coll: string | null) => void = () => {};

  getDb(name: string): Database | undefined {
    return this.dbs.get(name);
  }

  getCollection(db: string, coll: string): Collection | undefined {
    return this.dbs.get(db)?.collections.get(coll);
  }

  /** Returns the collection, creating it (implicitly, as mongod does on first write) when missing. */
  ensureCollection(db: string, coll: string): { coll: Collection; created: boolean } {
    const existing = this.getCollection(db, coll);
    if (existing) return { coll: existing, created: false };
    return { coll: this.createCollection(db, coll, {}), created: true };
  }

  createCollection(db: string, coll: string, options: Doc): Collection {
    validateDbName(db);
    validateCollectionName(coll);
    let d = this.dbs.get(db);
    if (!d) this.dbs.set(db, (d = new Database(db)));
    if (d.collections.has(coll)) fail(ErrorCodes.NamespaceExists, `Collection ${db}.${coll} already exists.`);
    const c = new Collection(db, coll, options);
    d.collections.set(coll, c);
    this.onChange(db, coll);
    return c;
  }

  dropCollection(db: string, coll: string): Collection | undefined {
    const d = this.dbs.get(db);
    const c = d?.collections.get(coll);
    if (!d || !c) return undefined;
    d.collections.delete(coll);
    c.version++;
    if (d.collections.size === 0) this.dbs.delete(db);
    this.onChange(db, coll);
    return c;
  }

  dropDatabase(db: string): boolean {
    const d = this.dbs.get(db);
    if (!d) return false;
    for (const c of d.collections.values()) c.version++;
    this.dbs.delete(db);
    this.onChange(db, null);
    return true;
  }

  /** Marks a committed write: bumps the version (txn conflict detection) and notifies persistence. */
  touched(coll: Collection): void {
    coll.version++;
    this.onChange(coll.db, coll.name);
  }
}
