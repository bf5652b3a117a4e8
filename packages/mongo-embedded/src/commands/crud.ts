// CRUD commands: insert, update, delete, findAndModify, find, getMore, killCursors, aggregate, count,
// distinct. Reply shapes follow mongod (writeErrors with index/code/errmsg[/keyPattern/keyValue],
// upserted ids, lastErrorObject, cursor documents with int64 ids).
import { Long } from 'bson';
import { runPipeline, validatePipeline } from '../aggregate';
import { CollectionState, idKeyOf, insertDoc } from '../catalog';
import { ErrorCodes, MongoCommandError, fail, toCommandError } from '../errors';
import { checkHint, matchDocs } from '../planner';
import { projectDocs, sortDocs, validateSort } from '../query';
import {
  applyUpdate,
  checkIdValue,
  isOperatorUpdate,
  upsertSeed,
  validateUpdate,
  withIdFirst,
} from '../update';
import {
  bsonType,
  canonicalKey,
  compareValues,
  deepClone,
  isPlainObject,
  makeCollator,
  valuesAtPath,
  type Doc,
} from '../values';
import { CollectionHandle } from '../transactions';
import {
  collName,
  existing,
  forWrite,
  optDoc,
  optNumber,
  resolver,
  type CommandContext,
  type Handler,
} from './context';

function writeError(index: number, e: unknown): Doc {
  const err = toCommandError(e);
  return { index, code: err.code, errmsg: err.message, ...err.extra };
}

function arrayArg(ctx: CommandContext, field: string): Doc[] {
  const v = ctx.cmd[field];
  if (!Array.isArray(v))
    fail(
      ErrorCodes.FailedToParse,
      `BSON field '${Object.keys(ctx.cmd)[0]}.${field}' is missing but a required field`,
    );
  if (v.length > 100000)
    fail(
      ErrorCodes.InvalidLength,
      `Write batch sizes must be between 1 and 100000. Got ${v.length} operations.`,
    );
  return v as Doc[];
}

function abortOnError(ctx: CommandContext, writeErrors: Doc[]): void {
  // Any write error inside a multi-document transaction aborts it, as in mongod.
  if (ctx.txn && writeErrors.length) ctx.txn.status = 'aborted';
}

const insert: Handler = (ctx) => {
  const name = collName(ctx, 'insert');
  const docs = arrayArg(ctx, 'documents');
  const ordered = ctx.cmd.ordered !== false;
  const h = forWrite(ctx, name);
  const writeErrors: Doc[] = [];
  let n = 0;
  try {
    for (let i = 0; i < docs.length; i++) {
      try {
        if (!isPlainObject(docs[i])) fail(ErrorCodes.TypeMismatch, 'document to insert must be an object');
        const doc = withIdFirst(docs[i]);
        checkIdValue(doc);
        h.insert(doc, idKeyOf(doc));
        n++;
      } catch (e) {
        if (isTxnAbort(e)) throw e;
        writeErrors.push(writeError(i, e));
        if (ordered) break;
      }
    }
  } finally {
    h.finish();
  }
  abortOnError(ctx, writeErrors);
  const reply: Doc = { n, ok: 1 };
  if (writeErrors.length) reply.writeErrors = writeErrors;
  return reply;
};

function isTxnAbort(e: unknown): boolean {
  return e instanceof MongoCommandError && e.code === ErrorCodes.WriteConflict;
}

/** Inserts the document an upsert creates; returns it. */
function upsertInsert(
  h: ReturnType<typeof forWrite>,
  q: Doc | undefined,
  u: unknown,
  arrayFilters?: Doc[],
): Doc {
  const seed = upsertSeed(q);
  let doc: Doc;
  if (Array.isArray(u) || isOperatorUpdate(u))
    doc = applyUpdate(seed, u, { insert: true, arrayFilters, query: q }).doc;
  else {
    doc = deepClone(u as Doc);
    if (doc._id === undefined && seed._id !== undefined) doc = { _id: seed._id, ...doc };
    else if (seed._id !== undefined && canonicalKey(seed._id) !== canonicalKey(doc._id))
      fail(ErrorCodes.ImmutableField, 'The _id field cannot be changed from {_id: ...} to {_id: ...}.');
  }
  doc = withIdFirst(doc);
  checkIdValue(doc);
  h.insert(doc, idKeyOf(doc));
  return doc;
}

const update: Handler = (ctx) => {
  const name = collName(ctx, 'update');
  const updates = arrayArg(ctx, 'updates');
  const ordered = ctx.cmd.ordered !== false;
  const h = forWrite(ctx, name);
  const writeErrors: Doc[] = [];
  const upserted: Doc[] = [];
  let n = 0;
  let nModified = 0;
  try {
    for (let i = 0; i < updates.length; i++) {
      try {
        const spec = updates[i];
        const q = optDoc(spec.q, 'q') ?? {};
        const u = spec.u;
        const multi = spec.multi === true;
        validateUpdate(u, multi);
        const arrayFilters = spec.arrayFilters as Doc[] | undefined;
        const collation = optDoc(spec.collation, 'collation');
        checkHint(h.state, spec.hint);
        let matched = matchDocs(h.state, q, { collation, limit: multi || spec.sort ? undefined : 1 });
        if (spec.sort)
          matched = sortDocs(matched, optDoc(spec.sort, 'sort'), makeCollator(collation)).slice(0, 1);
        if (!matched.length) {
          if (spec.upsert === true) {
            const doc = upsertInsert(h, q, u, arrayFilters);
            upserted.push({ index: i, _id: doc._id });
            n++;
          }
          continue;
        }
        for (const doc of matched) {
          const out = applyUpdate(doc, u, { arrayFilters, query: q });
          n++;
          if (out.changed) {
            h.replace(doc, out.doc, idKeyOf(doc));
            nModified++;
          }
        }
      } catch (e) {
        if (isTxnAbort(e)) throw e;
        writeErrors.push(writeError(i, e));
        if (ordered) break;
      }
    }
  } finally {
    h.finish();
  }
  abortOnError(ctx, writeErrors);
  const reply: Doc = { n, nModified };
  if (upserted.length) reply.upserted = upserted;
  if (writeErrors.length) reply.writeErrors = writeErrors;
  reply.ok = 1;
  return reply;
};

const del: Handler = (ctx) => {
  const name = collName(ctx, 'delete');
  const deletes = arrayArg(ctx, 'deletes');
  const ordered = ctx.cmd.ordered !== false;
  const h = existing(ctx, name);
  const writeErrors: Doc[] = [];
  let n = 0;
  if (!h) return { n: 0, ok: 1 };
  try {
    for (let i = 0; i < deletes.length; i++) {
      try {
        const spec = deletes[i];
        const limit = optNumber(spec.limit, 'limit') ?? 0;
        if (limit !== 0 && limit !== 1)
          fail(ErrorCodes.FailedToParse, 'The limit field in delete objects must be 0 or 1');
        checkHint(h.state, spec.hint);
        const matched = matchDocs(h.state, optDoc(spec.q, 'q') ?? {}, {
          collation: optDoc(spec.collation, 'collation'),
          limit: limit || undefined,
        });
        for (const doc of matched) {
          h.remove(doc, idKeyOf(doc));
          n++;
        }
      } catch (e) {
        if (isTxnAbort(e)) throw e;
        writeErrors.push(writeError(i, e));
        if (ordered) break;
      }
    }
  } finally {
    h.finish();
  }
  abortOnError(ctx, writeErrors);
  const reply: Doc = { n };
  if (writeErrors.length) reply.writeErrors = writeErrors;
  reply.ok = 1;
  return reply;
};

const findAndModify: Handler = (ctx) => {
  const cmd = ctx.cmd;
  const name = collName(ctx, Object.keys(cmd)[0]);
  const q = optDoc(cmd.query, 'query') ?? {};
  const sort = optDoc(cmd.sort, 'sort');
  const fields = optDoc(cmd.fields, 'fields');
  const collation = optDoc(cmd.collation, 'collation');
  const remove = cmd.remove === true;
  const upsert = cmd.upsert === true;
  const returnNew = cmd.new === true;
  if (remove && (cmd.update !== undefined || upsert || returnNew))
    fail(ErrorCodes.FailedToParse, 'Cannot specify both an update and remove=true');
  if (!remove && cmd.update === undefined)
    fail(ErrorCodes.FailedToParse, 'Either an update or remove=true must be specified');
  if (!remove) validateUpdate(cmd.update, false);
  const h = upsert ? forWrite(ctx, name) : existing(ctx, name);
  const show = (d: Doc | null) => (d && fields ? projectDocs([d], fields, q)[0] : d);
  if (!h) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
  try {
    checkHint(h.state, cmd.hint);
    const matched = sort
      ? sortDocs(matchDocs(h.state, q, { collation }), sort, makeCollator(collation))
      : matchDocs(h.state, q, { collation, limit: 1 });
    const target = matched[0];
    if (remove) {
      if (!target) return { lastErrorObject: { n: 0 }, value: null, ok: 1 };
      h.remove(target, idKeyOf(target));
      return { lastErrorObject: { n: 1 }, value: show(target), ok: 1 };
    }
    const arrayFilters = cmd.arrayFilters as Doc[] | undefined;
    if (target) {
      const out = applyUpdate(target, cmd.update, { arrayFilters, query: q });
      if (out.changed) h.replace(target, out.doc, idKeyOf(target));
      return {
        lastErrorObject: { n: 1, updatedExisting: true },
        value: show(returnNew ? out.doc : target),
        ok: 1,
      };
    }
    if (upsert) {
      const doc = upsertInsert(h, q, cmd.update, arrayFilters);
      return {
        lastErrorObject: { n: 1, updatedExisting: false, upserted: doc._id },
        value: show(returnNew ? doc : null),
        ok: 1,
      };
    }
    return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
  } catch (e) {
    if (ctx.txn) ctx.txn.status = 'aborted';
    throw e;
  } finally {
    h.finish();
  }
};

function cursorReply(
  ctx: CommandContext,
  ns: string,
  docs: Doc[],
  batchSize: number | undefined,
  singleBatch: boolean,
  first = true,
): Doc {
  const { id, batch } = ctx.server.cursors.open(
    ns,
    docs,
    batchSize,
    singleBatch,
    ctx.sessionKey,
    ctx.cmd.noCursorTimeout === true,
  );
  return { cursor: { [first ? 'firstBatch' : 'nextBatch']: batch, id, ns }, ok: 1 };
}

const UNSUPPORTED_FIND_OPTIONS: Record<string, string> = {
  tailable:
    'tailable cursors are not supported by the embedded MongoDB server (capped collections are not supported)',
  min: 'min() is not supported by the embedded MongoDB server',
  max: 'max() is not supported by the embedded MongoDB server',
  returnKey: 'returnKey is not supported by the embedded MongoDB server',
  showRecordId: 'showRecordId is not supported by the embedded MongoDB server',
};

const find: Handler = (ctx) => {
  const cmd = ctx.cmd;
  const name = collName(ctx, 'find');
  for (const k of Object.keys(UNSUPPORTED_FIND_OPTIONS))
    if (cmd[k]) fail(ErrorCodes.NotImplemented, UNSUPPORTED_FIND_OPTIONS[k]);
  const filter = optDoc(cmd.filter, 'filter') ?? {};
  const sort = optDoc(cmd.sort, 'sort');
  if (sort) validateSort(sort);
  const projection = optDoc(cmd.projection, 'projection');
  const skip = optNumber(cmd.skip, 'skip') ?? 0;
  let limit = optNumber(cmd.limit, 'limit') ?? 0;
  const batchSize = optNumber(cmd.batchSize, 'batchSize');
  if (skip < 0) fail(51024, `BSON field 'skip' value must be >= 0, actual value '${skip}'`);
  if (batchSize !== undefined && batchSize < 0)
    fail(51024, `BSON field 'batchSize' value must be >= 0, actual value '${batchSize}'`);
  let singleBatch = cmd.singleBatch === true;
  if (limit < 0) {
    limit = -limit;
    singleBatch = true;
  }
  const ns = `${ctx.db}.${name}`;
  const h = existing(ctx, name);
  if (!h) return { cursor: { firstBatch: [], id: Long.ZERO, ns }, ok: 1 };
  const collation = optDoc(cmd.collation, 'collation');
  checkHint(h.state, cmd.hint);
  const early = !sort && limit > 0 ? skip + limit : undefined;
  let docs = matchDocs(h.state, filter, { collation, limit: early });
  docs = sortDocs(docs, sort, makeCollator(collation));
  if (skip) docs = docs.slice(skip);
  if (limit > 0) docs = docs.slice(0, limit);
  docs = projectDocs(docs, projection, filter);
  return cursorReply(ctx, ns, docs, batchSize, singleBatch);
};

const getMore: Handler = (ctx) => {
  const id = ctx.cmd.getMore;
  if (bsonType(id) !== 'Long') fail(ErrorCodes.TypeMismatch, "Field 'getMore' must be of type long");
  const name = collName(ctx, 'collection');
  const ns = `${ctx.db}.${name}`;
  const { id: next, batch } = ctx.server.cursors.getMore(
    id as Long,
    ns,
    optNumber(ctx.cmd.batchSize, 'batchSize'),
  );
  return { cursor: { nextBatch: batch, id: next, ns }, ok: 1 };
};

const killCursors: Handler = (ctx) => {
  collName(ctx, 'killCursors');
  const ids = ctx.cmd.cursors;
  if (!Array.isArray(ids))
    fail(ErrorCodes.FailedToParse, "BSON field 'killCursors.cursors' is missing but a required field");
  const killed: Long[] = [];
  const notFound: Long[] = [];
  for (const id of ids as Long[]) (ctx.server.cursors.kill(id) ? killed : notFound).push(id);
  return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
};

const aggregate: Handler = (ctx) => {
  const cmd = ctx.cmd;
  const target = cmd.aggregate;
  const pipeline = validatePipeline(cmd.pipeline);
  if (cmd.explain) fail(ErrorCodes.NotImplemented, 'explain is not supported by the embedded MongoDB server');
  if (!isPlainObject(cmd.cursor))
    fail(
      ErrorCodes.FailedToParse,
      "The 'cursor' option is required, except for aggregate with the explain argument",
    );
  const batchSize = optNumber((cmd.cursor as Doc).batchSize, 'cursor.batchSize');
  const collation = optDoc(cmd.collation, 'collation');
  const last = pipeline[pipeline.length - 1];
  const outStage = last && (last.$out !== undefined || last.$merge !== undefined) ? last : undefined;
  const body = outStage ? pipeline.slice(0, -1) : pipeline;
  let results: Doc[];
  let ns: string;
  const env = { resolve: resolver(ctx), collation, variables: optDoc(cmd.let, 'let') };
  if (target === 1 || (typeof target === 'number' && target === 1)) {
    if (!body.length || !body[0].$documents)
      fail(
        ErrorCodes.InvalidNamespace,
        "{aggregate: 1} is not valid for '$match'; a collection is required.",
      );
    ns = `${ctx.db}.$cmd.aggregate`;
    results = runPipeline(null, [], body, env);
  } else {
    if (typeof target !== 'string')
      fail(ErrorCodes.InvalidNamespace, 'aggregate target must be a collection name or 1');
    ns = `${ctx.db}.${target}`;
    const h = existing(ctx, target);
    if (h) checkHint(h.state, cmd.hint);
    results = runPipeline(h ? h.state : null, h ? null : [], body, env);
  }
  if (outStage) {
    writeOut(ctx, outStage, results);
    results = [];
  }
  return cursorReply(ctx, ns, results, batchSize, false);
};

function targetNs(ctx: CommandContext, spec: unknown, stage: string): [string, string] {
  if (typeof spec === 'string') return [ctx.db, spec];
  if (isPlainObject(spec) && typeof spec.coll === 'string')
    return [typeof spec.db === 'string' ? spec.db : ctx.db, spec.coll];
  fail(ErrorCodes.FailedToParse, `${stage} target must be a collection name or {db, coll}`);
}

function writeOut(ctx: CommandContext, stage: Doc, results: Doc[]): void {
  if (ctx.txn)
    fail(
      ErrorCodes.OperationNotSupportedInTransaction,
      `${Object.keys(stage)[0]} cannot be used in a transaction`,
    );
  const catalog = ctx.server.catalog;
  if (stage.$out !== undefined) {
    const [db, name] = targetNs(ctx, stage.$out, '$out');
    const { coll } = catalog.ensureCollection(db, name);
    // Build the replacement fully first so a duplicate key leaves the old contents in place;
    // the target keeps its existing indexes, as with mongod's $out.
    const next = new CollectionState(coll.state.indexes.map((ix) => ix.clone()));
    for (const ix of next.indexes) ix.map.clear();
    for (const r of results) insertDoc(coll.ns, next, withIdFirst(deepClone(r)));
    coll.state = next;
    catalog.touched(coll);
    return;
  }
  mergeInto(ctx, stage.$merge, results);
}

/** $merge: upsert-like write of pipeline results into a target collection. */
function mergeInto(ctx: CommandContext, raw: unknown, results: Doc[]): void {
  const spec: Doc =
    typeof raw === 'string'
      ? { into: raw }
      : isPlainObject(raw)
        ? raw
        : fail(ErrorCodes.FailedToParse, '$merge requires a specification object');
  const [db, name] = targetNs(ctx, spec.into, '$merge');
  const on =
    spec.on === undefined ? ['_id'] : Array.isArray(spec.on) ? (spec.on as string[]) : [spec.on as string];
  const whenMatched = spec.whenMatched ?? 'merge';
  const whenNotMatched = spec.whenNotMatched ?? 'insert';
  if (Array.isArray(whenMatched))
    fail(
      ErrorCodes.NotImplemented,
      '$merge with a whenMatched pipeline is not supported by the embedded MongoDB server',
    );
  if (!['merge', 'replace', 'keepExisting', 'fail'].includes(String(whenMatched)))
    fail(
      ErrorCodes.BadValue,
      `Enumeration value '${String(whenMatched)}' for field 'whenMatched' is not a valid value.`,
    );
  if (!['insert', 'discard', 'fail'].includes(String(whenNotMatched)))
    fail(
      ErrorCodes.BadValue,
      `Enumeration value '${String(whenNotMatched)}' for field 'whenNotMatched' is not a valid value.`,
    );
  const { coll } = ctx.server.catalog.ensureCollection(db, name);
  const onKey = canonicalKey(Object.fromEntries(on.map((f) => [f, 1])));
  if (
    !(on.length === 1 && on[0] === '_id') &&
    !coll.state.indexes.some(
      (ix) => ix.unique && canonicalKey(Object.fromEntries(ix.fields.map((f) => [f, 1]))) === onKey,
    )
  )
    fail(51183, 'Cannot find index to verify that join fields will be unique');
  const h = new CollectionHandle(ctx.server.catalog, coll);
  try {
    for (const r0 of results) {
      let r = deepClone(r0);
      const filter: Doc = {};
      for (const f of on) {
        const v = valuesAtPath(r, f);
        if (f === '_id' && !v.length) {
          r = withIdFirst(r);
          filter._id = r._id;
          continue;
        }
        if (v.length !== 1 || v[0] === null || Array.isArray(v[0]))
          fail(51132, "$merge write error: 'on' field cannot be missing, null, undefined or an array");
        filter[f] = v[0];
      }
      const existingDoc = matchDocs(h.state, filter, { limit: 1 })[0];
      if (existingDoc) {
        if (whenMatched === 'keepExisting') continue;
        if (whenMatched === 'fail')
          fail(
            ErrorCodes.DuplicateKey,
            `$merge failed: a document matching ${JSON.stringify(filter)} already exists`,
          );
        const next =
          whenMatched === 'replace'
            ? { ...r, _id: existingDoc._id }
            : { ...existingDoc, ...r, _id: existingDoc._id };
        h.replace(existingDoc, withIdFirst(next), idKeyOf(existingDoc));
      } else {
        if (whenNotMatched === 'discard') continue;
        if (whenNotMatched === 'fail')
          fail(
            13113,
            '$merge could not find a matching document in the target collection for at least one document in the source collection',
          );
        const doc = withIdFirst(r);
        h.insert(doc, idKeyOf(doc));
      }
    }
  } finally {
    h.finish();
  }
}

const count: Handler = (ctx) => {
  const name = collName(ctx, 'count');
  const h = existing(ctx, name);
  if (!h) return { n: 0, ok: 1 };
  const query = optDoc(ctx.cmd.query, 'query') ?? {};
  checkHint(h.state, ctx.cmd.hint);
  const skip = optNumber(ctx.cmd.skip, 'skip') ?? 0;
  const limit = Math.abs(optNumber(ctx.cmd.limit, 'limit') ?? 0);
  let n =
    Object.keys(query).length === 0
      ? h.state.docs.size
      : matchDocs(h.state, query, { collation: optDoc(ctx.cmd.collation, 'collation') }).length;
  n = Math.max(0, n - skip);
  if (limit) n = Math.min(n, limit);
  return { n, ok: 1 };
};

const distinct: Handler = (ctx) => {
  const name = collName(ctx, 'distinct');
  const key = ctx.cmd.key;
  if (typeof key !== 'string')
    fail(ErrorCodes.TypeMismatch, "BSON field 'distinct.key' is the wrong type, expected type 'string'");
  const h = existing(ctx, name);
  if (!h) return { values: [], ok: 1 };
  const docs = matchDocs(h.state, optDoc(ctx.cmd.query, 'query') ?? {}, {
    collation: optDoc(ctx.cmd.collation, 'collation'),
  });
  const seen = new Map<string, unknown>();
  for (const d of docs) {
    for (const v of valuesAtPath(d, key)) {
      const vals = Array.isArray(v) ? v : [v];
      for (const x of vals) {
        const k = canonicalKey(x);
        if (!seen.has(k)) seen.set(k, x);
      }
    }
  }
  const values = Array.from(seen.values()).sort(compareValues);
  return { values, ok: 1 };
};

export const crudCommands: Record<string, Handler> = {
  insert,
  update,
  delete: del,
  findAndModify,
  findandmodify: findAndModify,
  find,
  getMore,
  killCursors,
  aggregate,
  count,
  distinct,
};
