import type { Schema } from 'mongoose';
import { config } from '../config';
import { getRedis } from './redis';

/**
 * Read versions: what the read cache (http/read-cache.ts) keys its entries by.
 *
 * Each user has a version (`rv:u:<userId>`) and there is one global version (`rv:g`). Every write to a
 * model that carries the read-version plugin (sessions, questions, practice attempts) bumps the version
 * of the user it touched *after* the write, or the global one when the write does not say which user
 * it touched (e.g. an update by `_id` only). A request reads both versions in the same Redis round trip
 * as its authentication, before it reads any data, so:
 * - an entry stored by a read that raced a write is stored under the old version and never served again;
 * - a read that starts after a write returned sees the bumped version, so it misses and reads the
 *   database.
 */
const VERSION_TTL_SECONDS = 30 * 24 * 3600;
const GLOBAL_KEY = 'rv:g';
const userKey = (userId: string) => `rv:u:${userId}`;

/** The keys a request reads (in this order) to know the versions of its user's data. */
export const readVersionKeys = (userId: string): [string, string] => [GLOBAL_KEY, userKey(userId)];

/** The version string of the values read from `readVersionKeys` ("<global>.<user>"). */
export const readVersionOf = (values: ReadonlyArray<string | null> | null | undefined): string =>
  `${values?.[0] ?? '0'}.${values?.[1] ?? '0'}`;

/**
 * Bumps the user's read version (or the global one when `userId` is undefined). A failure is thrown:
 * the write has happened, and a version that did not move would let the cache serve what it replaced.
 */
export async function bumpReadVersion(userId?: string | { toString(): string } | null): Promise<void> {
  const key = userId ? userKey(String(userId)) : GLOBAL_KEY;
  const results = await getRedis().multi().incr(key).expire(key, VERSION_TTL_SECONDS).exec();
  const failed = results?.find(([err]) => err)?.[0];
  if (failed) throw failed;
}

/** The single user id a filter or document value names, if it names exactly one. */
function singleUser(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'object') {
    // An ObjectId (or anything with a hex string form); operator objects such as { $in: [...] } are not.
    const v = value as { _bsontype?: string; toHexString?: () => string };
    if (v._bsontype === 'ObjectId' && typeof v.toHexString === 'function') return v.toHexString();
  }
  return undefined;
}

async function bumpFor(users: Iterable<unknown>): Promise<void> {
  const ids = new Set<string | undefined>();
  for (const u of users) ids.add(singleUser(u));
  await Promise.all([...ids].map((id) => bumpReadVersion(id)));
}

const QUERY_WRITES = [
  'updateOne',
  'updateMany',
  'findOneAndUpdate',
  'findOneAndReplace',
  'replaceOne',
  'deleteOne',
  'deleteMany',
  'findOneAndDelete',
] as const;

/**
 * Mongoose plugin: after every write through the model (document saves and deletes, insertMany,
 * query updates and deletes, bulkWrite), bump the read version of the user the write touched (the
 * `user` path of the document or of the filter), or the global version when that is not one known user.
 * Mongoose awaits these hooks, so the bump is done before the write's promise resolves.
 */
export function readVersionPlugin(schema: Schema): void {
  schema.post('save', async function (doc: { user?: unknown }) {
    await bumpFor([doc.user]);
  });
  schema.post('deleteOne', { document: true, query: false }, async function (doc: { user?: unknown }) {
    await bumpFor([doc.user]);
  });
  schema.post('insertMany', async function (docs: unknown) {
    const list = (Array.isArray(docs) ? docs : [docs]) as Array<{ user?: unknown } | undefined>;
    await bumpFor(list.map((d) => d?.user));
  });
  schema.post('bulkWrite', async function () {
    await bumpReadVersion();
  });
  for (const op of QUERY_WRITES) {
    schema.post(
      op,
      { document: false, query: true },
      async function (this: { getFilter(): Record<string, unknown> }, res: unknown) {
        const fromFilter = singleUser(this.getFilter()?.user);
        const fromResult =
          res && typeof res === 'object' && 'user' in res
            ? singleUser((res as { user?: unknown }).user)
            : undefined;
        await bumpFor([fromFilter ?? fromResult]);
      },
    );
  }
}

/**
 * Account deletion: forgets the user's read version and cached entries (`rc:<userId>:*`, written by
 * http/read-cache.ts), so nothing of the account stays in Redis. Called by account deletion after the cleanup hooks, whose writes
 * bumped the version on their way.
 */
export async function dropUserReadCache(userId: string): Promise<void> {
  const redis = getRedis();
  const prefix = config.redis.prefix;
  // SCAN's pattern is not prefixed by ioredis (DEL's keys are): match the full name, delete without it.
  const stream = redis.scanStream({ match: `${prefix}rc:${userId}:*`, count: 200 });
  for await (const batch of stream as AsyncIterable<string[]>) {
    if (batch.length) await redis.del(...batch.map((k) => k.slice(prefix.length)));
  }
  await redis.del(userKey(userId));
}
