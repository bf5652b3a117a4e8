// Durable storage for --dbpath: one file per collection (a header BSON document with options and index
// specs, followed by the documents). Writes go to a temp file that is fsynced and renamed over the old
// one (atomic replace), debounced after changes and forced on shutdown.
import fs from 'node:fs';
import path from 'node:path';
import { UUID, deserialize, serialize } from 'bson';
import { buildIndex, idKeyOf, type Catalog } from './catalog';
import { normalizeIndexSpec } from './indexes';
import { normalizeIncoming, type Doc } from './values';

const EXT = '.embedded.bson';
const FORMAT = 'intervai-embedded-mongo/1';

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

  constructor(dir: string, catalog: Catalog, debounceMs = 100) {
    this.dir = path.resolve(dir, 'embedded-mongo');
    this.catalog = catalog;
    this.debounceMs = debounceMs;
  }

  load(): void {
    fs.mkdirSync(this.dir, { recursive: true });
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
        this.loadCollection(dbName, path.join(full, file));
      }
    }
  }

  private loadCollection(dbName: string, file: string): void {
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
      // _id_ index is rebuilt from the documents; secondary indexes from their specs.
      coll.state.indexes[0] = buildIndex(coll.ns, coll.state, coll.state.indexes[0].spec);
      for (const spec of (header.indexes as Doc[]).slice(1))
        coll.state.indexes.push(buildIndex(coll.ns, coll.state, normalizeIndexSpec(spec)));
    } finally {
      this.catalog.onChange = onChange;
    }
  }

  markDirty(db: string, coll: string | null): void {
    if (this.closed) return;
    this.dirty.add(`${db}\0${coll ?? ''}`);
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
      if (coll) continue;
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
    for (const item of items) {
      const [db, coll] = item.split('\0');
      if (!coll || done.has(item)) continue;
      done.add(item);
      this.writeCollection(db, coll);
    }
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
  }
}
