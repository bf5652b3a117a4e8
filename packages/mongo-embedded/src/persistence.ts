// Durable storage for --dbpath.
//
// Snapshots: one file per collection (a header BSON document with options, index specs and the log
// sequence number it includes, followed by the documents), written to a temp file that is fsynced and
// renamed over the old one (atomic replace).
//
// Write log (`wal.log`): every committed document write is appended as one record (the new versions of
// the documents a command wrote, and the ids it deleted) and the record is fsynced *before* the reply
// leaves the server, so an acknowledged write survives `kill -9`. Records from many connections that
// arrive together share one fsync (group commit). At start the snapshots are loaded and the records
// newer than each snapshot replayed. The log is compacted into the snapshots by the debounced flush:
// once every collection it touched is rewritten, it is truncated. DDL (create, drop, indexes, rename,
// $out) rewrites or removes the collection's snapshot at once instead of logging.
import fs from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { UUID, deserialize, serialize } from 'bson';
import { buildIndex, idKeyOf, type Catalog, type Collection } from './catalog';
import { normalizeIndexSpec } from './indexes';
import { normalizeIncoming, type Doc } from './values';

const EXT = '.embedded.bson';
const FORMAT = 'intervai-embedded-mongo/1';
const WAL_FILE = 'wal.log';
/** Record framing: int32 length of the BSON body, uint32 CRC-32 of it, then the body. */
const RECORD_HEAD = 8;

const enc = (s: string) => encodeURIComponent(s).replace(/\./g, '%2E');
const dec = (s: string) => decodeURIComponent(s);

export class Persistence {
  private readonly dir: string;
  private readonly catalog: Catalog;
  private readonly debounceMs: number;
  private readonly dirty = new Set<string>(); // "db\0coll" or "db\0" (whole db)
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private lastFlushMs = 0;
  /** Sequence number of the last logged write (snapshots record the one they include). */
  private lsn = 0;
  private walFd: number | null = null;
  /** Records appended but not yet handed to the OS, and the replies waiting for them. */
  private pending: Buffer[] = [];
  private pendingWaiters: Array<() => void> = [];
  /** Replies waiting for the write + fsync in progress. */
  private inflightWaiters: Array<() => void> = [];
  private syncing = false;

  constructor(dir: string, catalog: Catalog, debounceMs = 1000) {
    this.dir = path.resolve(dir, 'embedded-mongo');
    this.catalog = catalog;
    this.debounceMs = debounceMs;
  }

  load(): void {
    fs.mkdirSync(this.dir, { recursive: true });
    const loaded = new Map<Collection, { lsn: number; indexes: Doc[] }>();
    for (const dbDir of fs.readdirSync(this.dir)) {
      const full = path.join(this.dir, dbDir);
      if (!fs.statSync(full).isDirectory()) continue;
      const dbName = dec(dbDir);
      for (const file of fs.readdirSync(full)) {
        // Leftovers of a write interrupted before its rename; the previous file is intact.
        if (file.includes(`${EXT}.tmp-`)) {
          fs.rmSync(path.join(full, file), { force: true });
          continue;
        }
        if (!file.endsWith(EXT)) continue;
        const { coll, lsn, indexes } = this.loadCollection(dbName, path.join(full, file));
        loaded.set(coll, { lsn, indexes });
        this.lsn = Math.max(this.lsn, lsn);
      }
    }
    this.replayLog(loaded);
    // Indexes are built once the documents are final: _id_ from the documents, the others from specs.
    for (const [coll, { indexes }] of loaded) {
      coll.state.indexes[0] = buildIndex(coll.ns, coll.state, coll.state.indexes[0].spec);
      for (const spec of indexes.slice(1))
        coll.state.indexes.push(buildIndex(coll.ns, coll.state, normalizeIndexSpec(spec)));
      coll.state.journal = new Map();
    }
    this.walFd = fs.openSync(path.join(this.dir, WAL_FILE), 'a');
  }

  private loadCollection(dbName: string, file: string): { coll: Collection; lsn: number; indexes: Doc[] } {
    const buf = fs.readFileSync(file);
    let off = 0;
    const next = (): Doc => {
      const size = buf.readInt32LE(off);
      const doc = deserialize(buf.subarray(off, off + size), {
        promoteValues: false,
        promoteBuffers: false,
      }) as Doc;
      off += size;
      return normalizeIncoming(doc) as Doc;
    };
    const header = next();
    if (header.format !== FORMAT) throw new Error(`${file}: not an embedded-mongo data file`);
    const onChange = this.catalog.onChange;
    this.catalog.onChange = () => {};
    try {
      const coll = this.catalog.createCollection(
        dbName,
        header.name as string,
        (header.options as Doc) ?? {},
      );
      if (header.uuid) (coll as { uuid: UUID }).uuid = header.uuid as UUID;
      while (off < buf.length) {
        const d = next();
        coll.state.append(idKeyOf(d), d);
      }
      return { coll, lsn: Number(header.lsn ?? 0), indexes: header.indexes as Doc[] };
    } finally {
      this.catalog.onChange = onChange;
    }
  }

  /**
   * Applies the log records newer than each collection's snapshot. A record for a collection without a
   * snapshot belongs to one dropped later; reading stops at a torn or corrupt tail (never acknowledged).
   */
  private replayLog(loaded: Map<Collection, { lsn: number }>): void {
    const file = path.join(this.dir, WAL_FILE);
    if (!fs.existsSync(file)) return;
    const buf = fs.readFileSync(file);
    let off = 0;
    let applied = 0;
    while (off + RECORD_HEAD <= buf.length) {
      const size = buf.readInt32LE(off);
      const crc = buf.readUInt32LE(off + 4);
      const start = off + RECORD_HEAD;
      if (size < 5 || start + size > buf.length) break;
      const body = buf.subarray(start, start + size);
      if (crc32(body) !== crc) break;
      off = start + size;
      const rec = deserialize(body, { promoteValues: false, promoteBuffers: false }) as Doc;
      const lsn = Number(rec.lsn);
      this.lsn = Math.max(this.lsn, lsn);
      const coll = this.catalog.getCollection(rec.db as string, rec.coll as string);
      const snap = coll && loaded.get(coll);
      if (!coll || !snap || lsn <= snap.lsn) continue;
      for (const raw of rec.put as Doc[]) {
        const d = normalizeIncoming(raw) as Doc;
        const id = idKeyOf(d);
        if (coll.state.docs.has(id)) coll.state.put(id, d);
        else coll.state.append(id, d);
      }
      for (const id of rec.del as string[]) coll.state.remove(id);
      this.dirty.add(`${coll.db}\0${coll.name}`);
      applied++;
    }
    if (off < buf.length)
      process.emitWarning(`embedded-mongo: ignored ${buf.length - off} bytes of an incomplete log record`);
    if (applied) this.markDirty('', null, false);
  }

  /** Committed changes so far: a message that leaves it unchanged wrote nothing (a read). */
  changes = 0;

  /** Called for every committed change (catalog.onChange). */
  onChange(db: string, coll: string | null): void {
    this.changes++;
    if (this.closed) return;
    if (coll === null) {
      // dropDatabase: its files go now (a record for them left in the log has no snapshot to apply to).
      this.removeSync(path.join(this.dir, enc(db)), true);
      return;
    }
    const c = this.catalog.getCollection(db, coll);
    if (!c) {
      this.removeSync(path.join(this.dir, enc(db), enc(coll) + EXT), false);
      return;
    }
    const journal = c.state.journal;
    if (journal && journal.size > 0) {
      this.log(c, journal);
      journal.clear();
      this.markDirty(db, coll);
      return;
    }
    // No document writes recorded: a new collection, an index/option change, or a state replaced as a
    // whole ($out, rename). Its snapshot is rewritten now, covering everything logged so far.
    c.state.journal = new Map();
    this.writeCollection(db, coll);
    this.syncDir(path.join(this.dir, enc(db)));
  }

  private log(c: Collection, journal: Map<string, Doc | null>): void {
    const put: Doc[] = [];
    const del: string[] = [];
    for (const [id, doc] of journal) {
      if (doc) put.push(doc);
      else del.push(id);
    }
    const body = Buffer.from(
      serialize({ lsn: ++this.lsn, db: c.db, coll: c.name, put, del }, { ignoreUndefined: true }),
    );
    const head = Buffer.alloc(RECORD_HEAD);
    head.writeInt32LE(body.length, 0);
    head.writeUInt32LE(crc32(body), 4);
    this.pending.push(head, body);
    this.scheduleSync();
  }

  /**
   * Runs `reply` once every write logged so far is on disk (at once when nothing is pending). Replies
   * keep their order: all of them go through here.
   */
  whenDurable(reply: () => void): void {
    if (this.pending.length) this.pendingWaiters.push(reply);
    else if (this.syncing) this.inflightWaiters.push(reply);
    else reply();
  }

  private scheduleSync(): void {
    if (this.syncing) return;
    this.syncing = true;
    // setImmediate: every message that arrived in this turn of the event loop joins the same fsync.
    setImmediate(() => this.syncBatch());
  }

  private syncBatch(): void {
    const fd = this.walFd;
    const data = Buffer.concat(this.pending);
    this.pending = [];
    this.inflightWaiters.push(...this.pendingWaiters);
    this.pendingWaiters = [];
    const done = (err: NodeJS.ErrnoException | null) => {
      // An acknowledgement must not lie: if the log cannot be written the server stops answering.
      if (err && !this.closed) {
        process.emitWarning(`embedded-mongo: write log failed: ${err.message}`);
        throw err;
      }
      const waiters = this.inflightWaiters;
      this.inflightWaiters = [];
      this.syncing = false;
      for (const w of waiters) w();
      if (this.pending.length) this.scheduleSync();
    };
    if (fd === null || this.closed) return done(null);
    fs.write(fd, data, (err) => (err ? done(err) : fs.fdatasync(fd, done)));
  }

  private removeSync(target: string, recursive: boolean): void {
    fs.rmSync(target, { recursive, force: true });
    this.syncDir(path.dirname(target));
  }

  /** Makes renames and removals in a directory durable (best effort where directories cannot be opened). */
  private syncDir(dir: string): void {
    let fd: number | undefined;
    try {
      fd = fs.openSync(dir, 'r');
      fs.fsyncSync(fd);
    } catch {
      /* e.g. Windows, or the directory is gone */
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }

  markDirty(db: string, coll: string | null, mark = true): void {
    if (this.closed) return;
    if (mark) this.dirty.add(`${db}\0${coll ?? ''}`);
    if (!this.timer) {
      // Adaptive debounce: big collections take longer to write, so wait at least twice that long
      // between flushes to keep the server responsive under a steady stream of writes.
      this.timer = setTimeout(
        () => {
          this.timer = null;
          const t0 = Date.now();
          this.flush();
          this.lastFlushMs = Date.now() - t0;
        },
        Math.max(this.debounceMs, 2 * this.lastFlushMs),
      );
      this.timer.unref();
    }
  }

  /** Compaction: rewrites the snapshot of every collection written since the last flush, then empties the log. */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const items = Array.from(this.dirty);
    this.dirty.clear();
    // Whole-database drops first, then per-collection writes (a db may be recreated after a drop).
    for (const item of items) {
      const [db, coll] = item.split('\0');
      if (coll || !db) continue;
      if (!this.catalog.getDb(db)) fs.rmSync(path.join(this.dir, enc(db)), { recursive: true, force: true });
      else for (const name of this.catalog.getDb(db)!.collections.keys()) items.push(`${db}\0${name}`);
      const dbDir = path.join(this.dir, enc(db));
      if (fs.existsSync(dbDir)) {
        for (const f of fs.readdirSync(dbDir)) {
          const name = dec(f.slice(0, -EXT.length));
          if (f.endsWith(EXT) && !this.catalog.getCollection(db, name))
            fs.rmSync(path.join(dbDir, f), { force: true });
        }
      }
    }
    const done = new Set<string>();
    const dirs = new Set<string>();
    for (const item of items) {
      const [db, coll] = item.split('\0');
      if (!coll || done.has(item)) continue;
      done.add(item);
      this.writeCollection(db, coll);
      dirs.add(path.join(this.dir, enc(db)));
    }
    for (const d of dirs) this.syncDir(d);
    // Every collection with a record in the log has just been rewritten (records still being written
    // have sequence numbers the snapshots already include, so replay skips them).
    if (this.walFd !== null) fs.ftruncateSync(this.walFd, 0);
  }

  private writeCollection(db: string, name: string): void {
    const file = path.join(this.dir, enc(db), enc(name) + EXT);
    const coll = this.catalog.getCollection(db, name);
    if (!coll) {
      fs.rmSync(file, { force: true });
      return;
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const parts: Uint8Array[] = [
      serialize({
        format: FORMAT,
        name,
        options: coll.options,
        uuid: coll.uuid,
        indexes: coll.state.indexes.map((i) => i.spec),
        // The last logged write this snapshot includes: replay skips older records.
        lsn: this.lsn,
      }),
    ];
    for (const d of coll.state.docs.values()) parts.push(serialize(d, { ignoreUndefined: true }));
    const tmp = `${file}.tmp-${process.pid}`;
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, Buffer.concat(parts));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  }

  close(): void {
    this.flush();
    this.closed = true;
    if (this.walFd !== null) fs.closeSync(this.walFd);
    this.walFd = null;
    // Everything is in the snapshots now: release replies still waiting for the log.
    this.pending = [];
    const waiters = [...this.inflightWaiters, ...this.pendingWaiters];
    this.inflightWaiters = [];
    this.pendingWaiters = [];
    for (const w of waiters) w();
  }
}
