import { withDatabase } from '../../support/mongo-uri';

describe('withDatabase (per-file test databases from MONGODB_URI)', () => {
  it.each([
    ['mongodb://127.0.0.1:27017', 'mongodb://127.0.0.1:27017/t1'],
    ['mongodb://127.0.0.1:27017/', 'mongodb://127.0.0.1:27017/t1'],
    ['mongodb://127.0.0.1:27017/intervai', 'mongodb://127.0.0.1:27017/t1'],
    [
      'mongodb://localhost:27017/?replicaSet=rs0&directConnection=true',
      'mongodb://localhost:27017/t1?replicaSet=rs0&directConnection=true',
    ],
    [
      'mongodb://localhost:27017?replicaSet=rs0&directConnection=true',
      'mongodb://localhost:27017/t1?replicaSet=rs0&directConnection=true',
    ],
    [
      'mongodb://db:27017/?readPreference=secondary&readPreferenceTags=dc:ny,rack:1',
      'mongodb://db:27017/t1?readPreference=secondary&readPreferenceTags=dc:ny,rack:1',
    ],
    [
      'mongodb://h1:27017,h2:27018,h3:27019/app?replicaSet=rs0',
      'mongodb://h1:27017,h2:27018,h3:27019/t1?replicaSet=rs0',
    ],
  ])('%s → %s', (uri, expected) => {
    expect(withDatabase(uri, 't1')).toBe(expected);
  });

  it('keeps the user authenticating where the original URI said (authSource)', () => {
    expect(withDatabase('mongodb://u:p%40ss@db:27017/app?tls=true', 't1')).toBe(
      'mongodb://u:p%40ss@db:27017/t1?tls=true&authSource=app',
    );
    expect(withDatabase('mongodb+srv://u:p@cluster0.example.net/?retryWrites=true', 't1')).toBe(
      'mongodb+srv://u:p@cluster0.example.net/t1?retryWrites=true&authSource=admin',
    );
    expect(withDatabase('mongodb://u:p@db:27017/app?authSource=other', 't1')).toBe(
      'mongodb://u:p@db:27017/t1?authSource=other',
    );
  });

  it('refuses what is not a MongoDB connection string', () => {
    expect(() => withDatabase('http://localhost:27017', 't1')).toThrow(/mongodb:\/\//);
    expect(() => withDatabase('localhost:27017', 't1')).toThrow(/mongodb:\/\//);
  });
});
