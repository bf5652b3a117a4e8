// Catalog commands: create, drop, dropDatabase, listCollections, listIndexes, createIndexes,
// dropIndexes, collMod, renameCollection. listIndexes echoes index options exactly as given so
// Mongoose's syncIndexes/diffIndexes sees no differences.
import { buildIndex } from '../catalog';
import { ErrorCodes, fail } from '../errors';
import { normalizeIndexSpec, sameIndexOptions, type IndexSpec } from '../indexes';
import { compileFilter } from '../query';
import { canonicalKey, isPlainObject, toNumber, type Doc } from '../values';
import { collName, optDoc, optNumber, type CommandContext, type Handler } from './context';

const UNSUPPORTED_CREATE_OPTIONS: Record<string, string> = {
  capped: 'capped collections are not supported by the embedded MongoDB server',
  viewOn: 'views are not supported by the embedded MongoDB server',
  pipeline: 'views are not supported by the embedded MongoDB server',
  timeseries: 'time-series collections are not supported by the embedded MongoDB server',
  clusteredIndex: 'clustered collections are not supported by the embedded MongoDB server',
  validator: 'document validation is not supported by the embedded MongoDB server',
  collation: 'collection default collations are not supported by the embedded MongoDB server',
  encryptedFields: 'queryable encryption is not supported by the embedded MongoDB server',
};
const IGNORED_CREATE_FIELDS = new Set([
  'create',
  'lsid',
  '$db',
  'txnNumber',
  'autocommit',
  'startTransaction',
  'writeConcern',
  'comment',
  '$readPreference',
  'apiVersion',
  'apiStrict',
  'apiDeprecationErrors',
  'maxTimeMS',
  '$clusterTime',
  'readConcern',
]);

function noTxnDdl(ctx: CommandContext, name: string): void {
  if (ctx.txn && ctx.server.catalog.getCollection(ctx.db, name))
    fail(
      ErrorCodes.OperationNotSupportedInTransaction,
      `Cannot run '${Object.keys(ctx.cmd)[0]}' on existing collection ${ctx.db}.${name} in a multi-document transaction.`,
    );
}

const create: Handler = (ctx) => {
  const name = collName(ctx, 'create');
  const options: Doc = {};
  for (const [k, v] of Object.entries(ctx.cmd)) {
    if (IGNORED_CREATE_FIELDS.has(k)) continue;
    if (k in UNSUPPORTED_CREATE_OPTIONS) {
      if (k === 'validator' && isPlainObject(v) && Object.keys(v).length === 0) continue;
      if (k === 'capped' && v === false) continue;
      fail(ErrorCodes.NotImplemented, UNSUPPORTED_CREATE_OPTIONS[k]);
    }
    options[k] = v;
  }
  ctx.server.catalog.createCollection(ctx.db, name, options);
  return { ok: 1 };
};

const drop: Handler = (ctx) => {
  const name = collName(ctx, 'drop');
  noTxnDdl(ctx, name);
  const c = ctx.server.catalog.dropCollection(ctx.db, name);
  if (!c) return { ok: 1 };
  ctx.server.hooks.ttlChanged();
  return { nIndexesWas: c.state.indexes.length, ns: c.ns, ok: 1 };
};

const dropDatabase: Handler = (ctx) => {
  ctx.server.catalog.dropDatabase(ctx.db);
  ctx.server.hooks.ttlChanged();
  return { dropped: ctx.db, ok: 1 };
};

function collectionInfo(ctx: CommandContext, name: string): Doc {
  const c = ctx.server.catalog.getCollection(ctx.db, name)!;
  return {
    name,
    type: 'collection',
    options: { ...c.options },
    info: { readOnly: false, uuid: c.uuid },
    idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
  };
}

const listCollections: Handler = (ctx) => {
  const db = ctx.server.catalog.getDb(ctx.db);
  const filter = optDoc(ctx.cmd.filter, 'filter');
  const pred = compileFilter(filter);
  const nameOnly = ctx.cmd.nameOnly === true;
  const out: Doc[] = [];
  for (const name of db ? db.collections.keys() : []) {
    const info = collectionInfo(ctx, name);
    if (!pred(info)) continue;
    out.push(nameOnly ? { name, type: 'collection' } : info);
  }
  const batchSize = optNumber(
    isPlainObject(ctx.cmd.cursor) ? ctx.cmd.cursor.batchSize : undefined,
    'batchSize',
  );
  const ns = `${ctx.db}.$cmd.listCollections`;
  const { id, batch } = ctx.server.cursors.open(ns, out, batchSize, false, ctx.sessionKey);
  return { cursor: { id, ns, firstBatch: batch }, ok: 1 };
};

const listIndexes: Handler = (ctx) => {
  const name = collName(ctx, 'listIndexes');
  const c = ctx.server.catalog.getCollection(ctx.db, name);
  if (!c) fail(ErrorCodes.NamespaceNotFound, `ns does not exist: ${ctx.db}.${name}`);
  const specs = c.state.indexes.map((ix) => ({ ...ix.spec }));
  const ns = `${ctx.db}.${name}`;
  const batchSize = optNumber(
    isPlainObject(ctx.cmd.cursor) ? ctx.cmd.cursor.batchSize : undefined,
    'batchSize',
  );
  const { id, batch } = ctx.server.cursors.open(ns, specs, batchSize, false, ctx.sessionKey);
  return { cursor: { id, ns, firstBatch: batch }, ok: 1 };
};

const createIndexes: Handler = (ctx) => {
  const name = collName(ctx, 'createIndexes');
  noTxnDdl(ctx, name);
  const raw = ctx.cmd.indexes;
  if (!Array.isArray(raw) || raw.length === 0)
    fail(ErrorCodes.BadValue, 'Must specify at least one index to create');
  const specs = raw.map((r) => {
    if (!isPlainObject(r)) fail(ErrorCodes.TypeMismatch, 'index specification must be an object');
    return normalizeIndexSpec(r);
  });
  const catalog = ctx.server.catalog;
  const { coll, created } = catalog.ensureCollection(ctx.db, name);
  const before = coll.state.indexes.length;
  const toBuild: IndexSpec[] = [];
  for (const spec of specs) {
    const keyStr = canonicalKey(spec.key);
    // {_id: 1} without options is the built-in _id index (mongod treats it as already existing).
    if (
      keyStr === canonicalKey({ _id: 1 }) &&
      !spec.unique &&
      !spec.sparse &&
      !spec.partialFilterExpression &&
      !spec.collation &&
      spec.expireAfterSeconds === undefined
    )
      continue;
    const byName =
      coll.state.indexes.find((ix) => ix.name === spec.name) ??
      toBuild.map((s) => ({ spec: s, name: s.name })).find((x) => x.name === spec.name);
    const byKey = coll.state.indexes.find(
      (ix) => canonicalKey(ix.spec.key) === keyStr && sameCollation(ix.spec, spec),
    );
    if (byName) {
      if (canonicalKey(byName.spec.key) !== keyStr)
        fail(
          ErrorCodes.IndexKeySpecsConflict,
          `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${fmt(spec)}, existing index: ${fmt(byName.spec)}`,
        );
      // Same name, same key, different options (e.g. adding `unique`): mongod answers 86 too.
      if (!sameIndexOptions(byName.spec, spec))
        fail(
          ErrorCodes.IndexKeySpecsConflict,
          `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${fmt(spec)}, existing index: ${fmt(byName.spec)}`,
        );
      continue;
    }
    // Same key pattern under another name is only allowed with a different partial filter / collation.
    if (
      byKey &&
      canonicalKey(byKey.spec.partialFilterExpression ?? null) ===
        canonicalKey(spec.partialFilterExpression ?? null)
    ) {
      if (sameIndexOptions(byKey.spec, spec))
        fail(ErrorCodes.IndexOptionsConflict, `Index already exists with a different name: ${byKey.name}`);
      fail(
        ErrorCodes.IndexOptionsConflict,
        `An existing index has the same key pattern but different options. Requested index: ${fmt(spec)}, existing index: ${fmt(byKey.spec)}`,
      );
    }
    if (spec.expireAfterSeconds !== undefined) {
      const n = spec.expireAfterSeconds;
      if (!Number.isInteger(n) || n < 0 || n > 2147483647)
        fail(
          ErrorCodes.InvalidOptions,
          "TTL index 'expireAfterSeconds' option must be within an acceptable range",
        );
      if (Object.keys(spec.key).length !== 1)
        fail(
          ErrorCodes.CannotCreateIndex,
          'TTL indexes are single-field indexes, compound indexes do not support TTL.',
        );
    }
    toBuild.push(spec);
  }
  // Build all requested indexes before publishing any, so a failure leaves the catalog unchanged.
  const built = toBuild.map((spec) => buildIndex(coll.ns, coll.state, spec));
  for (const ix of built) coll.state.indexes.push(ix);
  if (built.length) {
    catalog.touched(coll);
    ctx.server.hooks.ttlChanged();
  }
  const reply: Doc = {
    numIndexesBefore: before,
    numIndexesAfter: coll.state.indexes.length,
    createdCollectionAutomatically: created,
  };
  if (!built.length) reply.note = 'all indexes already exist';
  reply.ok = 1;
  return reply;
};

function sameCollation(a: IndexSpec, b: IndexSpec): boolean {
  return canonicalKey(a.collation ?? null) === canonicalKey(b.collation ?? null);
}

function fmt(spec: IndexSpec): string {
  return JSON.stringify(spec);
}

const dropIndexes: Handler = (ctx) => {
  const name = collName(ctx, Object.keys(ctx.cmd)[0]);
  noTxnDdl(ctx, name);
  const c = ctx.server.catalog.getCollection(ctx.db, name);
  if (!c) fail(ErrorCodes.NamespaceNotFound, `ns not found ${ctx.db}.${name}`);
  const st = c.state;
  const was = st.indexes.length;
  const which = ctx.cmd.index;
  const names: string[] = [];
  if (which === '*') names.push(...st.indexes.filter((i) => i.name !== '_id_').map((i) => i.name));
  else if (typeof which === 'string') names.push(which);
  else if (Array.isArray(which)) names.push(...(which as string[]));
  else if (isPlainObject(which)) {
    const k = canonicalKey(which);
    const found = st.indexes.filter((i) => canonicalKey(i.spec.key) === k);
    if (!found.length) fail(ErrorCodes.IndexNotFound, `can't find index with key: ${JSON.stringify(which)}`);
    if (found.length > 1)
      fail(
        ErrorCodes.AmbiguousIndexKeyPattern,
        `${found.length} indexes found for key: ${JSON.stringify(which)}, identify by name instead.`,
      );
    names.push(found[0].name);
  } else fail(ErrorCodes.TypeMismatch, "BSON field 'dropIndexes.index' is the wrong type");
  for (const n of names) {
    if (n === '_id_') fail(ErrorCodes.InvalidOptions, 'cannot drop _id index');
    if (!st.getIndex(n)) fail(ErrorCodes.IndexNotFound, `index not found with name [${n}]`);
  }
  st.indexes = st.indexes.filter((i) => !names.includes(i.name));
  ctx.server.catalog.touched(c);
  ctx.server.hooks.ttlChanged();
  return { nIndexesWas: was, ok: 1 };
};

const collMod: Handler = (ctx) => {
  const name = collName(ctx, 'collMod');
  const c = ctx.server.catalog.getCollection(ctx.db, name);
  if (!c) fail(ErrorCodes.NamespaceNotFound, `ns does not exist: ${ctx.db}.${name}`);
  const reply: Doc = {};
  for (const [k, v] of Object.entries(ctx.cmd)) {
    if (k === 'collMod' || IGNORED_CREATE_FIELDS.has(k)) continue;
    if (k !== 'index')
      fail(
        ErrorCodes.InvalidOptions,
        `collMod option '${k}' is not supported by the embedded MongoDB server`,
      );
    const spec = optDoc(v, 'index')!;
    const ix =
      typeof spec.name === 'string'
        ? c.state.getIndex(spec.name)
        : c.state.indexes.find((i) => canonicalKey(i.spec.key) === canonicalKey(spec.keyPattern));
    if (!ix)
      fail(
        ErrorCodes.IndexNotFound,
        `cannot find index ${JSON.stringify(spec.name ?? spec.keyPattern)} for ns ${c.ns}`,
      );
    for (const [opt, val] of Object.entries(spec)) {
      if (opt === 'name' || opt === 'keyPattern') continue;
      if (opt === 'expireAfterSeconds') {
        if (ix.spec.expireAfterSeconds === undefined)
          fail(ErrorCodes.InvalidOptions, 'no expireAfterSeconds field to update');
        reply.expireAfterSeconds_old = ix.spec.expireAfterSeconds;
        ix.spec.expireAfterSeconds = toNumber(val);
        reply.expireAfterSeconds_new = ix.spec.expireAfterSeconds;
      } else if (opt === 'hidden') {
        reply.hidden_old = !!ix.spec.hidden;
        if (val) ix.spec.hidden = true;
        else delete ix.spec.hidden;
        reply.hidden_new = !!val;
      } else
        fail(
          ErrorCodes.InvalidOptions,
          `collMod index option '${opt}' is not supported by the embedded MongoDB server`,
        );
    }
  }
  ctx.server.catalog.touched(c);
  ctx.server.hooks.ttlChanged();
  reply.ok = 1;
  return reply;
};

const renameCollection: Handler = (ctx) => {
  const from = ctx.cmd.renameCollection;
  const to = ctx.cmd.to;
  if (typeof from !== 'string' || typeof to !== 'string')
    fail(ErrorCodes.TypeMismatch, 'renameCollection and to must be strings');
  const split = (ns: string) => {
    const i = ns.indexOf('.');
    if (i <= 0) fail(ErrorCodes.InvalidNamespace, `Invalid namespace specified '${ns}'`);
    return [ns.slice(0, i), ns.slice(i + 1)] as const;
  };
  const [fdb, fname] = split(from);
  const [tdb, tname] = split(to);
  const catalog = ctx.server.catalog;
  const src = catalog.getCollection(fdb, fname);
  if (!src) fail(ErrorCodes.NamespaceNotFound, `Source collection ${from} does not exist`);
  if (catalog.getCollection(tdb, tname)) {
    if (ctx.cmd.dropTarget !== true) fail(ErrorCodes.NamespaceExists, 'target namespace exists');
    catalog.dropCollection(tdb, tname);
  }
  const dst = catalog.createCollection(tdb, tname, src.options);
  dst.state = src.state;
  catalog.dropCollection(fdb, fname);
  catalog.touched(dst);
  ctx.server.hooks.ttlChanged();
  return { ok: 1 };
};

export const ddlCommands: Record<string, Handler> = {
  create,
  drop,
  dropDatabase,
  listCollections,
  listIndexes,
  createIndexes,
  dropIndexes,
  deleteIndexes: dropIndexes,
  collMod,
  renameCollection,
};
