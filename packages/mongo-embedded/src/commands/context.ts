// What every command handler receives, plus small argument helpers shared by command modules.
import type { Catalog, Collection } from '../catalog';
import type { CursorManager } from '../cursors';
import { ErrorCodes, fail } from '../errors';
import { CollectionHandle, type SessionManager, type Transaction } from '../transactions';
import { isPlainObject, toNumber, type Doc } from '../values';
import type { IndexManagerHooks } from './hooks';

export interface ServerState {
  catalog: Catalog;
  cursors: CursorManager;
  sessions: SessionManager;
  startedAt: Date;
  port: number;
  host: string;
  argv: string[];
  hooks: IndexManagerHooks;
  connections: () => number;
  shutdown: () => void;
}

export interface CommandContext {
  server: ServerState;
  db: string;
  cmd: Doc;
  txn?: Transaction;
  sessionKey?: string;
  connectionId: number;
}

export type Handler = (ctx: CommandContext) => Doc;

export function collName(ctx: CommandContext, field: string): string {
  const v = ctx.cmd[field];
  if (typeof v !== 'string' || !v)
    fail(
      ErrorCodes.InvalidNamespace,
      `collection name has invalid type ${v === undefined ? 'missing' : typeof v}`,
    );
  return v;
}

export function optNumber(v: unknown, name: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  const n = toNumber(v);
  if (!Number.isFinite(n)) fail(ErrorCodes.TypeMismatch, `Field '${name}' must be numeric`);
  return n;
}

export function optDoc(v: unknown, name: string): Doc | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isPlainObject(v)) fail(ErrorCodes.TypeMismatch, `Field '${name}' must be an object`);
  return v;
}

/** Handle on an existing collection (null when missing), transaction-aware. */
export function existing(ctx: CommandContext, name: string): CollectionHandle | null {
  const c = ctx.server.catalog.getCollection(ctx.db, name);
  return c ? new CollectionHandle(ctx.server.catalog, c, ctx.txn) : null;
}

/** Handle on a collection, creating it implicitly as writes do. */
export function forWrite(ctx: CommandContext, name: string): CollectionHandle {
  const { coll } = ctx.server.catalog.ensureCollection(ctx.db, name);
  return new CollectionHandle(ctx.server.catalog, coll, ctx.txn);
}

export function resolver(ctx: CommandContext): (name: string) => Doc[] {
  return (name: string) => {
    const c: Collection | undefined = ctx.server.catalog.getCollection(ctx.db, name);
    if (!c) return [];
    const st = ctx.txn ? ctx.txn.readState(c) : c.state;
    return Array.from(st.docs.values());
  };
}
