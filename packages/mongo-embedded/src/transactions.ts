// Sessions and multi-document transactions. A transaction works on a copy of each collection taken at
// its first access (snapshot reads); its writes go to that copy; commit applies the touched
// documents atomically, abort drops the copy. A write to a document changed by someone else since
// the transaction copied the collection raises WriteConflict (112, TransientTransactionError), as
// mongod does, so the driver's withTransaction retries.
import { Binary, calculateObjectSize } from 'bson';

const MAX_BSON_SIZE = 16 * 1024 * 1024;
import { ErrorCodes, MongoCommandError } from './errors';
import { CollectionState, deleteDoc, insertDoc, replaceDoc, type Catalog, type Collection } from './catalog';
import { bsonType, toNumber, type Doc } from './values';

interface Staged {
  state: CollectionState;
  baseVersion: number;
  /** id → committed document the transaction started from (undefined = did not exist). */
  originals: Map<string, Doc | undefined>;
}

export class Transaction {
  readonly txnNumber: number;
  status: 'active' | 'committed' | 'aborted' = 'active';
  readonly staged = new Map<Collection, Staged>();
  readonly startedAt = Date.now();
  constructor(txnNumber: number) {
    this.txnNumber = txnNumber;
  }

  /** Snapshot of the collection taken at the transaction's first access (snapshot isolation). */
  readState(coll: Collection): CollectionState {
    return this.stage(coll).state;
  }

  stage(coll: Collection): Staged {
    let s = this.staged.get(coll);
    if (!s) {
      s = { state: coll.state.clone(), baseVersion: coll.version, originals: new Map() };
      this.staged.set(coll, s);
    }
    return s;
  }
}

export class Session {
  readonly key: string;
  lastUse = Date.now();
  txn?: Transaction;
  constructor(key: string) {
    this.key = key;
  }
}

export function sessionKeyOf(lsid: unknown): string | undefined {
  if (!lsid || typeof lsid !== 'object') return undefined;
  const id = (lsid as Doc).id;
  if (bsonType(id) === 'Binary') return Buffer.from((id as Binary).buffer).toString('hex');
  return undefined;
}

function noSuchTransaction(n: number, extra = ''): MongoCommandError {
  return new MongoCommandError(
    ErrorCodes.NoSuchTransaction,
    `Transaction with { txnNumber: ${n} } has been aborted${extra}`,
    {},
    ['TransientTransactionError'],
  );
}

export class SessionManager {
  readonly sessions = new Map<string, Session>();

  get(key: string): Session {
    let s = this.sessions.get(key);
    if (!s) this.sessions.set(key, (s = new Session(key)));
    s.lastUse = Date.now();
    return s;
  }

  /**
   * Housekeeping like mongod's: transactions older than the lifetime limit (60 s) are aborted and
   * their staged copies released; sessions idle longer than the logical session timeout are dropped.
   */
  sweep(now = Date.now(), txnLifetimeMs = 60_000, sessionTimeoutMs = 30 * 60_000): void {
    for (const [key, s] of this.sessions) {
      if (s.txn?.status === 'active' && now - s.txn.startedAt > txnLifetimeMs) {
        s.txn.status = 'aborted';
        s.txn.staged.clear();
      }
      if (now - s.lastUse > sessionTimeoutMs) this.sessions.delete(key);
    }
  }

  end(key: string): void {
    const s = this.sessions.get(key);
    if (s?.txn?.status === 'active') s.txn.status = 'aborted';
    this.sessions.delete(key);
  }

  /**
   * Resolves the transaction a command runs in (undefined outside transactions). Implements the
   * startTransaction / continue / NoSuchTransaction rules of mongod.
   */
  resolve(cmd: Doc): Transaction | undefined {
    if (cmd.autocommit === undefined) return undefined; // plain command or retryable write
    const key = sessionKeyOf(cmd.lsid);
    if (!key)
      throw new MongoCommandError(
        ErrorCodes.InvalidOptions,
        'Transactions require a logical session id (lsid)',
      );
    if (cmd.autocommit !== false)
      throw new MongoCommandError(ErrorCodes.InvalidOptions, 'autocommit must be false when specified');
    const n = toNumber(cmd.txnNumber);
    if (!Number.isFinite(n))
      throw new MongoCommandError(ErrorCodes.InvalidOptions, 'txnNumber is required with autocommit:false');
    const s = this.get(key);
    if (cmd.startTransaction === true) {
      if (s.txn && s.txn.txnNumber > n)
        throw new MongoCommandError(
          ErrorCodes.TransactionTooOld,
          `txnNumber ${n} is less than last txnNumber ${s.txn.txnNumber} seen in session`,
        );
      if (s.txn && s.txn.txnNumber === n)
        throw new MongoCommandError(
          ErrorCodes.ConflictingOperationInProgress,
          `Transaction with { txnNumber: ${n} } has already been started`,
        );
      s.txn = new Transaction(n);
      return s.txn;
    }
    const t = s.txn;
    if (!t || t.txnNumber !== n) throw noSuchTransaction(n, ' (no transaction started)');
    return t;
  }
}

/**
 * A collection as seen by one command: its readable state, and write helpers that either modify the
 * committed state directly or stage into the transaction (recording originals for commit checks).
 */
export class CollectionHandle {
  readonly coll: Collection;
  private readonly txn?: Transaction;
  private readonly catalog: Catalog;
  private dirty = false;

  constructor(catalog: Catalog, coll: Collection, txn?: Transaction) {
    this.catalog = catalog;
    this.coll = coll;
    this.txn = txn;
  }

  get state(): CollectionState {
    return this.txn ? this.txn.readState(this.coll) : this.coll.state;
  }

  private writable(id: string): CollectionState {
    if (!this.txn) return this.coll.state;
    const st = this.txn.stage(this.coll);
    if (!st.originals.has(id)) {
      const snap = st.state.docs.get(id);
      const committed = this.coll.state.docs.get(id);
      if (snap !== committed) {
        this.txn.status = 'aborted';
        throw new MongoCommandError(
          ErrorCodes.WriteConflict,
          'Write conflict during plan execution and yielding is disabled. :: Please retry your operation or multi-document transaction.',
          {},
          ['TransientTransactionError'],
        );
      }
      st.originals.set(id, snap);
    }
    return st.state;
  }

  insert(doc: Doc, id: string): void {
    const size = calculateObjectSize(doc);
    if (size > MAX_BSON_SIZE)
      throw new MongoCommandError(
        ErrorCodes.BSONObjectTooLarge,
        `object to insert too large. size in bytes: ${size}, max size: ${MAX_BSON_SIZE}`,
      );
    insertDoc(this.coll.ns, this.writable(id), doc);
    this.dirty = true;
  }

  replace(oldDoc: Doc, newDoc: Doc, id: string): void {
    if (calculateObjectSize(newDoc) > MAX_BSON_SIZE)
      throw new MongoCommandError(
        ErrorCodes.Location17419,
        `Resulting document after update is larger than ${MAX_BSON_SIZE}`,
      );
    replaceDoc(this.coll.ns, this.writable(id), oldDoc, newDoc);
    this.dirty = true;
  }

  remove(doc: Doc, id: string): void {
    deleteDoc(this.writable(id), doc);
    this.dirty = true;
  }

  /** Publishes committed (non-transaction) changes. */
  finish(): void {
    if (this.dirty && !this.txn) this.catalog.touched(this.coll);
    this.dirty = false;
  }
}

/** Applies a transaction's staged writes atomically (all collections or none). */
export function commitTransaction(catalog: Catalog, txn: Transaction): void {
  const results: Array<[Collection, CollectionState]> = [];
  for (const [coll, st] of txn.staged) {
    if (st.originals.size === 0) continue; // only read
    if (catalog.getCollection(coll.db, coll.name) !== coll) {
      txn.status = 'aborted';
      throw new MongoCommandError(
        ErrorCodes.WriteConflict,
        `Collection ${coll.ns} was dropped during the transaction`,
        {},
        ['TransientTransactionError'],
      );
    }
    if (coll.version === st.baseVersion) {
      results.push([coll, st.state]);
      continue;
    }
    const next = coll.state.clone();
    for (const [id, orig] of st.originals) {
      const current = next.docs.get(id);
      if (current !== orig) {
        txn.status = 'aborted';
        throw new MongoCommandError(
          ErrorCodes.WriteConflict,
          'Write conflict during commit of the transaction',
          {},
          ['TransientTransactionError'],
        );
      }
      const final = st.state.docs.get(id);
      try {
        if (final === undefined) {
          if (current) deleteDoc(next, current);
        } else if (current) replaceDoc(coll.ns, next, current, final);
        else insertDoc(coll.ns, next, final);
      } catch (e) {
        // A key committed by someone else after this transaction's snapshot: mongod reports a
        // write conflict (retryable); the retry then sees the duplicate itself.
        txn.status = 'aborted';
        throw new MongoCommandError(
          ErrorCodes.WriteConflict,
          `Write conflict during commit of the transaction: ${(e as Error).message}`,
          {},
          ['TransientTransactionError'],
        );
      }
    }
    results.push([coll, next]);
  }
  for (const [coll, state] of results) {
    coll.state = state;
    catalog.touched(coll);
  }
  txn.status = 'committed';
}
