import mongoose, { type Connection } from 'mongoose';
import { startEmbeddedMongo, type EmbeddedMongo } from '../src';

export type Connector = (dbSuffix: string) => Promise<{ conn: Connection; close(): Promise<void> }>;

/**
 * Connection for conformance tests. Uses MONGODB_URI (set per test file by the Jest harness, which may
 * point at a real MongoDB) and only falls back to a private embedded server when it is absent.
 */
export const connectForConformance: Connector = async (dbSuffix) => {
  let own: EmbeddedMongo | undefined;
  let uri = process.env.MONGODB_URI;
  if (!uri) {
    own = await startEmbeddedMongo({ port: 0, quiet: true });
    uri = `${own.uri}/conformance`;
  }
  const url = new URL(uri);
  url.pathname = `${url.pathname.replace(/\/$/, '') || '/test'}_${dbSuffix}`;
  const conn = await mongoose
    .createConnection(url.toString(), { serverSelectionTimeoutMS: 5000 })
    .asPromise();
  return {
    conn,
    async close() {
      await conn.dropDatabase().catch(() => undefined);
      await conn.close();
      await own?.stop();
    },
  };
};

/**
 * Connection to an embedded server started inside this test process, so the suites also exercise
 * (and measure coverage of) the server code in-process, whatever MONGODB_URI points at.
 */
export const connectInProcess: Connector = async (dbSuffix) => {
  const own = await startEmbeddedMongo({ port: 0, quiet: true });
  const conn = await mongoose.createConnection(`${own.uri}/inproc_${dbSuffix}`).asPromise();
  return {
    conn,
    async close() {
      await conn.close();
      await own.stop();
    },
  };
};

/** Whether the server accepts multi-document transactions (a real standalone mongod does not). */
export async function supportsTransactions(conn: Connection): Promise<boolean> {
  const hello = await conn.db!.admin().command({ hello: 1 });
  if (hello.setName || hello.msg === 'isdbgrid') return true;
  // Standalone: only the embedded server accepts transactions there.
  const build = await conn.db!.admin().command({ buildInfo: 1 });
  return build.gitVersion === 'embedded';
}

/** Captures a rejected promise's error for assertions on code/codeName. */
export async function errorOf(p: Promise<unknown>): Promise<Record<string, unknown> & Error> {
  try {
    await p;
  } catch (e) {
    return e as Record<string, unknown> & Error;
  }
  throw new Error('expected the operation to fail');
}
