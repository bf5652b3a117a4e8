// Handshake, diagnostics and session commands. hello deliberately omits `topologyVersion` (it would
// switch the driver to streaming monitoring) and reports maxWireVersion 21 (MongoDB 7.0).
import { Long, ObjectId, calculateObjectSize } from 'bson';
import os from 'node:os';
import { ErrorCodes, fail } from '../errors';
import { commitTransaction, sessionKeyOf } from '../transactions';
import type { Doc } from '../values';
import type { CommandContext, Handler } from './context';

export const SERVER_VERSION = '7.0.14';
export const MAX_WIRE_VERSION = 21;

/** The server presents itself as the primary of a one-member replica set (see README, "Topology"). */
export const REPLICA_SET_NAME = 'rs0';
const ELECTION_ID = new ObjectId('7fffffff0000000000000001');

/** host:port clients can reach; a wildcard bind is advertised as loopback (remote clients use directConnection). */
function memberAddress(ctx: CommandContext): string {
  const host = ['0.0.0.0', '::', ''].includes(ctx.server.host) ? '127.0.0.1' : ctx.server.host;
  return `${host.includes(':') ? `[${host}]` : host}:${ctx.server.port}`;
}

export function helloReply(ctx: CommandContext, legacy: boolean): Doc {
  const me = memberAddress(ctx);
  return {
    helloOk: true,
    [legacy ? 'ismaster' : 'isWritablePrimary']: true,
    secondary: false,
    setName: REPLICA_SET_NAME,
    setVersion: 1,
    hosts: [me],
    primary: me,
    me,
    electionId: ELECTION_ID,
    topologyVersion: undefined,
    maxBsonObjectSize: 16 * 1024 * 1024,
    maxMessageSizeBytes: 48_000_000,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.connectionId,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
    ok: 1,
  };
}

const hello: Handler = (ctx) => helloReply(ctx, false);
const isMaster: Handler = (ctx) => helloReply(ctx, true);

const buildInfo: Handler = () => ({
  version: SERVER_VERSION,
  gitVersion: 'embedded',
  versionArray: SERVER_VERSION.split('.').map(Number).concat(0),
  bits: 64,
  debug: false,
  maxBsonObjectSize: 16 * 1024 * 1024,
  storageEngines: ['embedded'],
  javascriptEngine: 'none',
  modules: [],
  openssl: { running: 'disabled' },
  ok: 1,
});

const endSessions: Handler = (ctx) => {
  const ids = ctx.cmd.endSessions;
  if (Array.isArray(ids)) {
    for (const lsid of ids) {
      const key = sessionKeyOf(lsid);
      if (!key) continue;
      ctx.server.sessions.end(key);
      ctx.server.cursors.killSession(key);
    }
  }
  return { ok: 1 };
};

const listDatabases: Handler = (ctx) => {
  const nameOnly = ctx.cmd.nameOnly === true;
  const databases: Doc[] = [];
  for (const db of ctx.server.catalog.dbs.values()) {
    if (nameOnly) databases.push({ name: db.name });
    else databases.push({ name: db.name, sizeOnDisk: 0, empty: db.collections.size === 0 });
  }
  const reply: Doc = { databases };
  if (!nameOnly) reply.totalSize = 0;
  reply.ok = 1;
  return reply;
};

const serverStatus: Handler = (ctx) => ({
  host: os.hostname(),
  version: SERVER_VERSION,
  process: 'mongod',
  pid: Long.fromNumber(process.pid),
  uptime: Math.floor((Date.now() - ctx.server.startedAt.getTime()) / 1000),
  uptimeMillis: Long.fromNumber(Date.now() - ctx.server.startedAt.getTime()),
  localTime: new Date(),
  connections: { current: ctx.server.connections(), available: 1000, totalCreated: ctx.connectionId },
  storageEngine: { name: 'embedded', supportsCommittedReads: true, persistent: false },
  metrics: { cursor: { open: { total: Long.fromNumber(ctx.server.cursors.size) } } },
  ok: 1,
});

const getParameter: Handler = (ctx) => {
  const reply: Doc = {};
  const known: Doc = {
    featureCompatibilityVersion: { version: '7.0' },
    transactionLifetimeLimitSeconds: 60,
    cursorTimeoutMillis: Long.fromNumber(ctx.server.cursors.idleTimeoutMs),
    ttlMonitorSleepSecs: 60,
    authenticationMechanisms: [],
  };
  if (ctx.cmd.getParameter === '*') Object.assign(reply, known);
  else for (const k of Object.keys(ctx.cmd)) if (k in known) reply[k] = known[k];
  reply.ok = 1;
  return reply;
};

const connectionStatus: Handler = () => ({
  authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] },
  ok: 1,
});
const ping: Handler = () => ({ ok: 1 });
const whatsmyuri: Handler = () => ({ you: '127.0.0.1', ok: 1 });
const hostInfo: Handler = () => ({
  system: {
    currentTime: new Date(),
    hostname: os.hostname(),
    cpuAddrSize: 64,
    numCores: os.cpus().length,
    memSizeMB: Math.round(os.totalmem() / 1048576),
  },
  os: { type: os.type(), name: os.platform(), version: os.release() },
  extra: {},
  ok: 1,
});
const getCmdLineOpts: Handler = (ctx) => ({ argv: ['mongod', ...ctx.server.argv], parsed: {}, ok: 1 });
const getLog: Handler = () => ({ totalLinesWritten: 0, log: [], ok: 1 });
const logout: Handler = () => ({ ok: 1 });
const refreshSessions: Handler = () => ({ ok: 1 });
const startSession: Handler = () =>
  fail(ErrorCodes.CommandNotSupported, 'startSession is not supported; drivers create sessions client-side');
const getFreeMonitoringStatus: Handler = () => ({ state: 'disabled', ok: 1 });
const features: Handler = () => ({ ok: 1 });
const lockInfo: Handler = () => ({ lockInfo: [], ok: 1 });

const dbStats: Handler = (ctx) => {
  const db = ctx.server.catalog.getDb(ctx.db);
  let objects = 0;
  let indexes = 0;
  for (const c of db?.collections.values() ?? []) {
    objects += c.state.docs.size;
    indexes += c.state.indexes.length;
  }
  return {
    db: ctx.db,
    collections: db?.collections.size ?? 0,
    views: 0,
    objects,
    avgObjSize: 0,
    dataSize: 0,
    storageSize: 0,
    indexes,
    indexSize: 0,
    totalSize: 0,
    scaleFactor: 1,
    fsUsedSize: 0,
    fsTotalSize: 0,
    ok: 1,
  };
};

const collStats: Handler = (ctx) => {
  const name = ctx.cmd.collStats;
  const c = typeof name === 'string' ? ctx.server.catalog.getCollection(ctx.db, name) : undefined;
  if (!c) fail(ErrorCodes.NamespaceNotFound, `Collection [${ctx.db}.${String(name)}] not found.`);
  let size = 0;
  for (const d of c.state.docs.values()) size += calculateObjectSize(d);
  const count = c.state.docs.size;
  return {
    ns: c.ns,
    size,
    count,
    avgObjSize: count ? Math.floor(size / count) : 0,
    storageSize: size,
    nindexes: c.state.indexes.length,
    indexDetails: {},
    totalIndexSize: 0,
    indexSizes: Object.fromEntries(c.state.indexes.map((i) => [i.name, 0])),
    scaleFactor: 1,
    ok: 1,
  };
};

const notSupported =
  (what: string): Handler =>
  () =>
    fail(ErrorCodes.NotImplemented, `${what} is not supported by the embedded MongoDB server`);
const noReplication: Handler = () => fail(ErrorCodes.NoReplicationEnabled, 'not running with --replSet');
const validate: Handler = (ctx) => {
  const name = ctx.cmd.validate;
  const c = typeof name === 'string' ? ctx.server.catalog.getCollection(ctx.db, name) : undefined;
  if (!c)
    fail(ErrorCodes.NamespaceNotFound, `Collection '${ctx.db}.${String(name)}' does not exist to validate.`);
  return {
    ns: c.ns,
    nInvalidDocuments: 0,
    nrecords: c.state.docs.size,
    nIndexes: c.state.indexes.length,
    valid: true,
    repaired: false,
    warnings: [],
    errors: [],
    ok: 1,
  };
};

const shutdown: Handler = (ctx) => {
  // Replies first, then stops the process (the CLI installs the real shutdown).
  setImmediate(() => ctx.server.shutdown());
  return { ok: 1 };
};

const commitTxn: Handler = (ctx) => {
  const t = ctx.txn;
  if (!t)
    fail(
      ErrorCodes.NoSuchTransaction,
      'Given transaction number does not match any in-progress transactions.',
    );
  if (t.status === 'committed') return { ok: 1 };
  if (t.status === 'aborted')
    fail(ErrorCodes.NoSuchTransaction, `Transaction with { txnNumber: ${t.txnNumber} } has been aborted.`);
  commitTransaction(ctx.server.catalog, t);
  return { ok: 1 };
};

const abortTxn: Handler = (ctx) => {
  const t = ctx.txn;
  if (!t || t.status === 'aborted')
    fail(
      ErrorCodes.NoSuchTransaction,
      'Given transaction number does not match any in-progress transactions.',
    );
  if (t.status === 'committed')
    fail(
      ErrorCodes.TransactionCommitted,
      `Transaction with { txnNumber: ${t.txnNumber} } has been committed.`,
    );
  t.status = 'aborted';
  return { ok: 1 };
};

export const adminCommands: Record<string, Handler> = {
  hello,
  isMaster,
  ismaster: isMaster,
  ping,
  buildInfo,
  buildinfo: buildInfo,
  endSessions,
  listDatabases,
  serverStatus,
  getParameter,
  connectionStatus,
  whatsmyuri,
  hostInfo,
  getCmdLineOpts,
  getLog,
  logout,
  refreshSessions,
  startSession,
  getFreeMonitoringStatus,
  features,
  lockInfo,
  dbStats,
  collStats,
  validate,
  explain: notSupported('explain'),
  mapReduce: notSupported('mapReduce'),
  geoNear: notSupported('geoNear'),
  replSetGetStatus: noReplication,
  replSetGetConfig: noReplication,
  replSetInitiate: noReplication,
  shutdown,
  commitTransaction: commitTxn,
  abortTransaction: abortTxn,
};
