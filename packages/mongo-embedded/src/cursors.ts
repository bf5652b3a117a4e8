// Server-side cursors. Results are snapshotted (arrays of immutable stored documents) when the cursor
// is created, so later writes never shift pages of an open cursor. Idle cursors expire like mongod's
// (default 10 minutes) and unknown ids give CursorNotFound (43).
import { Long } from 'bson';
import { ErrorCodes, fail } from './errors';
import type { Doc } from './values';
import { documentBytes } from './wire';

const MAX_BATCH_BYTES = 16 * 1024 * 1024;

export interface ServerCursor {
  id: Long;
  ns: string;
  docs: Doc[];
  pos: number;
  lastUsed: number;
  /** find's noCursorTimeout: exempt from the idle timeout. */
  noTimeout?: boolean;
  sessionKey?: string;
}

export class CursorManager {
  private readonly cursors = new Map<string, ServerCursor>();
  private nextId = Math.floor(Math.random() * 1e9) + 1;
  idleTimeoutMs: number;

  constructor(idleTimeoutMs = 10 * 60 * 1000) {
    this.idleTimeoutMs = idleTimeoutMs;
  }

  /** Takes the first batch; registers a cursor only if documents remain. */
  open(
    ns: string,
    docs: Doc[],
    batchSize: number | undefined,
    singleBatch: boolean,
    sessionKey?: string,
    noTimeout = false,
  ): { id: Long; batch: Doc[] } {
    const limit = batchSize === undefined ? 101 : batchSize;
    const batch = takeBatch(docs, 0, limit);
    if (singleBatch || batch.length >= docs.length) return { id: Long.ZERO, batch };
    const id = Long.fromNumber(this.nextId++);
    this.cursors.set(id.toString(), {
      id,
      ns,
      docs,
      pos: batch.length,
      lastUsed: Date.now(),
      sessionKey,
      noTimeout,
    });
    return { id, batch };
  }

  getMore(id: Long, ns: string, batchSize: number | undefined): { id: Long; batch: Doc[] } {
    const c = this.cursors.get(id.toString());
    if (!c) fail(ErrorCodes.CursorNotFound, `cursor id ${id.toString()} not found`);
    if (c.ns !== ns)
      fail(
        ErrorCodes.Unauthorized,
        `Requested getMore on namespace '${ns}', but cursor belongs to a different namespace ${c.ns}`,
      );
    const batch = takeBatch(c.docs, c.pos, batchSize === undefined || batchSize <= 0 ? Infinity : batchSize);
    c.pos += batch.length;
    c.lastUsed = Date.now();
    if (c.pos >= c.docs.length) {
      this.cursors.delete(id.toString());
      return { id: Long.ZERO, batch };
    }
    return { id: c.id, batch };
  }

  kill(id: Long): boolean {
    return this.cursors.delete(id.toString());
  }

  has(id: Long): boolean {
    return this.cursors.has(id.toString());
  }

  killSession(sessionKey: string): void {
    for (const [k, c] of this.cursors) if (c.sessionKey === sessionKey) this.cursors.delete(k);
  }

  sweep(now = Date.now()): number {
    let n = 0;
    for (const [k, c] of this.cursors) {
      if (!c.noTimeout && now - c.lastUsed > this.idleTimeoutMs) {
        this.cursors.delete(k);
        n++;
      }
    }
    return n;
  }

  get size(): number {
    return this.cursors.size;
  }

  clear(): void {
    this.cursors.clear();
  }
}

/** Up to `n` documents from `pos`, capped at 16 MiB of BSON (always at least one document). */
function takeBatch(docs: Doc[], pos: number, n: number): Doc[] {
  const end = Math.min(docs.length, pos + n);
  if (end - pos <= 1) return docs.slice(pos, end);
  let bytes = 0;
  let i = pos;
  for (; i < end; i++) {
    bytes += documentBytes(docs[i]).length; // encoded once, reused by the reply
    if (bytes > MAX_BATCH_BYTES && i > pos) break;
  }
  return docs.slice(pos, i);
}
