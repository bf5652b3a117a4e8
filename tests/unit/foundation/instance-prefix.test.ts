import { buildConfig } from '../../../src/config';
import { databaseIdentity, derivedPrefixes } from '../../../src/config/instance-prefix';

const prefixesFor = (env: Record<string, string | undefined>) =>
  buildConfig({ NODE_ENV: 'test', ...env }).redis;

describe('default Redis / Bull prefixes derived from the database', () => {
  it('the same database gives the same prefixes, whatever the credentials, options or host order', () => {
    const a = prefixesFor({
      MONGODB_URI: 'mongodb://app:secret@db1:27017,db2:27018/intervai?replicaSet=rs0',
    });
    const b = prefixesFor({ MONGODB_URI: 'mongodb://DB2:27018,db1/intervai?retryWrites=true' });
    expect(a).toEqual(b);
    expect(a.prefix).toMatch(/^intervai:[0-9a-f]{8}:$/);
    expect(a.bullPrefix).toMatch(/^bull:[0-9a-f]{8}$/);
  });

  it('a different database name or server gives different prefixes (no shared queues on one Redis)', () => {
    const base = prefixesFor({ MONGODB_URI: 'mongodb://127.0.0.1:27017/intervai' });
    const otherDb = prefixesFor({ MONGODB_URI: 'mongodb://127.0.0.1:27017/intervai_b' });
    const otherPort = prefixesFor({ MONGODB_URI: 'mongodb://127.0.0.1:27018/intervai' });
    expect(new Set([base.prefix, otherDb.prefix, otherPort.prefix]).size).toBe(3);
    expect(new Set([base.bullPrefix, otherDb.bullPrefix, otherPort.bullPrefix]).size).toBe(3);
  });

  it('the local runner identifies the embedded database by its data directory, not its per-start port', () => {
    const first = prefixesFor({
      MONGODB_URI: 'mongodb://127.0.0.1:40001/intervai',
      DB_IDENTITY: 'embedded:/a/mongo/intervai',
    });
    const restart = prefixesFor({
      MONGODB_URI: 'mongodb://127.0.0.1:40777/intervai',
      DB_IDENTITY: 'embedded:/a/mongo/intervai',
    });
    const otherInstall = prefixesFor({
      MONGODB_URI: 'mongodb://127.0.0.1:40001/intervai',
      DB_IDENTITY: 'embedded:/b/mongo/intervai',
    });
    expect(restart).toEqual(first);
    expect(otherInstall.prefix).not.toBe(first.prefix);
  });

  it('explicit REDIS_PREFIX / BULL_PREFIX win', () => {
    expect(
      prefixesFor({ MONGODB_URI: 'mongodb://h/db', REDIS_PREFIX: 'mine:', BULL_PREFIX: 'q' }),
    ).toMatchObject({
      prefix: 'mine:',
      bullPrefix: 'q',
    });
  });

  it('identity ignores credentials and fills the default port; SRV keeps the seed name', () => {
    expect(databaseIdentity('mongodb://u:p@Host/db?x=1')).toBe('mongodb://host:27017/db');
    expect(databaseIdentity('mongodb+srv://u:p@cluster0.abc.mongodb.net/intervai')).toBe(
      'srv://cluster0.abc.mongodb.net/intervai',
    );
    expect(databaseIdentity('mongodb://host:27017')).toBe('mongodb://host:27017/test');
    expect(derivedPrefixes('x').id).toHaveLength(8);
  });
});
