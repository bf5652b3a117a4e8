// TCP server and command dispatch: frames messages, answers the legacy OP_QUERY handshake with
// OP_REPLY, everything else with OP_MSG, never replies to moreToCome requests, and runs each command
// with its session/transaction context.
import net from 'node:net';
import { Catalog } from './catalog';
import { CursorManager } from './cursors';
import { ErrorCodes, MongoCommandError, toCommandError } from './errors';
import { Persistence } from './persistence';
import { SessionManager, sessionKeyOf, type Transaction } from './transactions';
import { hasTtlIndexes, sweepExpired } from './ttl';
import { MORE_TO_COME, MessageFramer, encodeMsg, encodeReply, parseMessage } from './wire';
import type { Doc } from './values';
import type { CommandContext, Handler, ServerState } from './commands/context';
import { adminCommands, helloReply } from './commands/admin';
import { crudCommands } from './commands/crud';
import { ddlCommands } from './commands/ddl';

const HANDLERS: Record<string, Handler> = { ...adminCommands, ...ddlCommands, ...crudCommands };
const LOWER = new Map(Object.keys(HANDLERS).map((k) => [k.toLowerCase(), HANDLERS[k]]));

// Commands that run inside a transaction when they carry txn fields; others are rejected there.
const TXN_COMMANDS = new Set([
  'find',
  'insert',
  'update',
  'delete',
  'findAndModify',
  'findandmodify',
  'aggregate',
  'distinct',
  'getMore',
  'killCursors',
  'create',
  'createIndexes',
  'commitTransaction',
  'abortTransaction',
]);

export interface EmbeddedServerOptions {
  port?: number;
  host?: string;
  dbPath?: string;
  ttlIntervalMs?: number;
  cursorTimeoutMs?: number;
  quiet?: boolean;
  argv?: string[];
  onShutdownCommand?: () => void;
}

export class EmbeddedMongoServer {
  readonly catalog = new Catalog();
  readonly cursors: CursorManager;
  readonly sessions = new SessionManager();
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private readonly opts: EmbeddedServerOptions;
  private persistence?: Persistence;
  private ttlTimer: NodeJS.Timeout | null = null;
  private cursorTimer: NodeJS.Timeout | null = null;
  private nextConnectionId = 1;
  private state!: ServerState;
  port = 0;

  constructor(opts: EmbeddedServerOptions = {}) {
    this.opts = opts;
    this.cursors = new CursorManager(opts.cursorTimeoutMs);
    this.server = net.createServer((s) => this.onConnection(s));
  }

  async start(): Promise<void> {
    if (this.opts.dbPath) {
      this.persistence = new Persistence(this.opts.dbPath, this.catalog);
      this.persistence.load();
      const p = this.persistence;
      this.catalog.onChange = (db, coll) => p.onChange(db, coll);
    }
    const host = this.opts.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.opts.port ?? 0, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as net.AddressInfo).port;
    // Accept errors (e.g. EMFILE) must not crash the hosting process; the listener keeps running.
    this.server.on('error', () => undefined);
    this.state = {
      catalog: this.catalog,
      cursors: this.cursors,
      sessions: this.sessions,
      startedAt: new Date(),
      port: this.port,
      host,
      argv: this.opts.argv ?? [],
      hooks: { ttlChanged: () => this.scheduleTtl() },
      connections: () => this.sockets.size,
      shutdown: () => (this.opts.onShutdownCommand ? this.opts.onShutdownCommand() : void this.stop()),
    };
    this.scheduleTtl();
    this.cursorTimer = setInterval(
      () => {
        this.cursors.sweep();
        this.sessions.sweep();
      },
      Math.min(10_000, this.cursors.idleTimeoutMs),
    );
    this.cursorTimer.unref();
  }

  /** Runs the TTL monitor only while some TTL index exists (no idle timers otherwise). */
  private scheduleTtl(): void {
    const want = hasTtlIndexes(this.catalog);
    if (want && !this.ttlTimer) {
      this.ttlTimer = setInterval(() => sweepExpired(this.catalog), this.opts.ttlIntervalMs ?? 60_000);
      this.ttlTimer.unref();
    } else if (!want && this.ttlTimer) {
      clearInterval(this.ttlTimer);
      this.ttlTimer = null;
    }
  }

  /** Installs what the `shutdown` command does (the CLI exits the process). */
  setShutdownHandler(fn: () => void): void {
    this.opts.onShutdownCommand = fn;
  }

  sweepTtlNow(): number {
    return sweepExpired(this.catalog);
  }

  async stop(): Promise<void> {
    if (this.ttlTimer) clearInterval(this.ttlTimer);
    if (this.cursorTimer) clearInterval(this.cursorTimer);
    this.ttlTimer = this.cursorTimer = null;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.persistence?.close();
    this.cursors.clear();
  }

  private onConnection(socket: net.Socket): void {
    const connectionId = this.nextConnectionId++;
    this.sockets.add(socket);
    socket.setNoDelay(true);
    const framer = new MessageFramer();
    let queued = 0; // replies of this connection waiting for the log
    socket.on('data', (chunk) => {
      let messages: Buffer[];
      try {
        messages = framer.push(chunk);
      } catch {
        socket.destroy();
        return;
      }
      for (const m of messages) {
        let reply: Buffer | null;
        const changes = this.persistence?.changes;
        try {
          reply = this.handleMessage(m, connectionId);
        } catch (e) {
          // Never let one bad request take the whole server (or the test process hosting it) down.
          reply = encodeMsg(m.readInt32LE(4), toCommandError(e).toReply());
        }
        if (!reply) continue;
        const send = (r: Buffer) => {
          if (!socket.destroyed) socket.write(r);
        };
        // With --dbpath a write's reply waits until the writes logged so far are on disk ("acknowledged"
        // means kept, also across kill -9). A read is answered at once (it never waits for other
        // connections' writes to reach the log: mongod's read concern "local"), unless a reply of this
        // connection is still queued, so each connection's replies keep their order.
        const p = this.persistence;
        if (p && (queued > 0 || p.changes !== changes)) {
          queued++;
          p.whenDurable(() => {
            queued--;
            send(reply);
          });
        } else send(reply);
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.sockets.delete(socket));
  }

  private handleMessage(buf: Buffer, connectionId: number): Buffer | null {
    const requestId = buf.readInt32LE(4);
    let msg;
    try {
      msg = parseMessage(buf);
    } catch (e) {
      return encodeMsg(requestId, toCommandError(e).toReply());
    }
    if (msg.kind === 'query') {
      const db = msg.collection.split('.')[0];
      // Legacy drivers wrap the command as {$query: {...}, $readPreference} when reading from secondaries.
      if (msg.command.$query && typeof msg.command.$query === 'object')
        msg.command = msg.command.$query as Doc;
      const reply = msg.collection.endsWith('.$cmd')
        ? this.runCommand(msg.command, db, connectionId, true)
        : new MongoCommandError(
            ErrorCodes.CommandNotSupported,
            'OP_QUERY is no longer supported except for the handshake',
          ).toReply();
      return encodeReply(requestId, reply);
    }
    const reply = this.runCommand(msg.command, msg.command.$db as string, connectionId, false);
    if (msg.flags & MORE_TO_COME) return null;
    try {
      return encodeMsg(requestId, reply);
    } catch (e) {
      // e.g. a computed aggregation result above the BSON size limit
      const err = new MongoCommandError(
        ErrorCodes.BSONObjectTooLarge,
        `reply could not be encoded: ${(e as Error).message}`,
      );
      return encodeMsg(requestId, err.toReply());
    }
  }

  /** Executes one command and returns its reply document (errors become ok:0 replies). */
  runCommand(cmd: Doc, db: string | undefined, connectionId: number, legacy = false): Doc {
    const name = Object.keys(cmd)[0];
    let txn: Transaction | undefined;
    try {
      if (typeof db !== 'string' || !db)
        throw new MongoCommandError(ErrorCodes.InvalidNamespace, 'OP_MSG requests require a $db argument');
      const handler = HANDLERS[name] ?? LOWER.get(name?.toLowerCase() ?? '');
      if (!handler) throw new MongoCommandError(ErrorCodes.CommandNotFound, `no such command: '${name}'`);
      const sessionKey = sessionKeyOf(cmd.lsid);
      if (sessionKey) this.sessions.get(sessionKey);
      txn = this.sessions.resolve(cmd);
      if (txn) {
        if (!TXN_COMMANDS.has(name))
          throw new MongoCommandError(
            ErrorCodes.OperationNotSupportedInTransaction,
            `Cannot run '${name}' in a multi-document transaction.`,
          );
        if (name !== 'commitTransaction' && name !== 'abortTransaction') {
          if (txn.status === 'aborted')
            throw new MongoCommandError(
              ErrorCodes.NoSuchTransaction,
              `Transaction with { txnNumber: ${txn.txnNumber} } has been aborted.`,
              {},
              ['TransientTransactionError'],
            );
          if (txn.status === 'committed')
            throw new MongoCommandError(
              ErrorCodes.TransactionCommitted,
              `Transaction with { txnNumber: ${txn.txnNumber} } has been committed.`,
            );
        }
      } else if (name === 'commitTransaction' || name === 'abortTransaction') {
        throw new MongoCommandError(ErrorCodes.InvalidOptions, `${name} must be run within a transaction`);
      }
      const ctx: CommandContext = { server: this.state, db, cmd, txn, sessionKey, connectionId };
      if (legacy && (name === 'ismaster' || name === 'isMaster')) return helloReply(ctx, true);
      return handler(ctx);
    } catch (e) {
      const err = toCommandError(e);
      // Any failed command inside a transaction aborts it (mongod semantics).
      if (txn && txn.status === 'active' && name !== 'commitTransaction') txn.status = 'aborted';
      return err.toReply();
    }
  }
}
