import { createHash } from 'node:crypto';

/**
 * Default Redis key and Bull prefixes, derived from the database in use, so that processes sharing a
 * database share their queues (several api and worker copies cooperate) while installs with different
 * databases never see each other's keys or jobs, even on one Redis. An explicit REDIS_PREFIX /
 * BULL_PREFIX always wins.
 */

/**
 * What identifies a MongoDB database: its hosts (sorted, default port filled in) and database name.
 * Credentials and options do not count (two users of one database share its queues).
 */
export function databaseIdentity(uri: string): string {
  const m = /^(mongodb(?:\+srv)?):\/\/(?:[^@/]*@)?([^/?]*)(?:\/([^?]*))?/i.exec(uri.trim());
  if (!m) return uri.trim();
  const [, scheme, authority, path] = m;
  const srv = scheme.toLowerCase() === 'mongodb+srv';
  const hosts = authority
    .toLowerCase()
    .split(',')
    .filter(Boolean)
    .map((h) => (srv || /:\d+$/.test(h) ? h : `${h}:27017`))
    .sort();
  const db = decodeURIComponent(path ?? '') || 'test';
  return `${srv ? 'srv' : 'mongodb'}://${hosts.join(',')}/${db}`;
}

export function derivedPrefixes(identity: string): { id: string; redisPrefix: string; bullPrefix: string } {
  const id = createHash('sha256').update(identity).digest('hex').slice(0, 8);
  return { id, redisPrefix: `intervai:${id}:`, bullPrefix: `bull:${id}` };
}
