import { ReplyError } from 'ioredis';
import mongoose from 'mongoose';

const { MongoNetworkError, MongoServerSelectionError } = mongoose.mongo;
import { DependencyError, dependencyOf } from '../../src/infra/dependencies';

/** Which errors mean "a dependency is unreachable" (503) and which are ordinary errors (their own status). */
describe('dependencyOf', () => {
  it('recognises MongoDB connection failures', () => {
    // As the driver builds it: the topology description says no server could be selected.
    const topology = { type: 'Unknown', servers: new Map(), error: null } as never;
    expect(
      dependencyOf(new MongoServerSelectionError('connect ECONNREFUSED 127.0.0.1:27017', topology)),
    ).toBe('mongo');
    expect(dependencyOf(new MongoNetworkError('connection 3 to 127.0.0.1:27017 closed'))).toBe('mongo');
    expect(
      dependencyOf(new mongoose.Error.MongooseServerSelectionError('Could not connect to any servers')),
    ).toBe('mongo');
    expect(dependencyOf(new Error('Operation `users.findOne()` buffering timed out after 1000ms'))).toBe(
      'mongo',
    );
  });

  it('recognises Redis connection failures', () => {
    expect(dependencyOf(new Error("Stream isn't writeable and enableOfflineQueue options is false"))).toBe(
      'redis',
    );
    expect(dependencyOf(new Error('Connection is closed.'))).toBe('redis');
    expect(dependencyOf(new Error('Command timed out'))).toBe('redis');
    expect(dependencyOf(new ReplyError('LOADING Redis is loading the dataset in memory'))).toBe('redis');
    expect(
      dependencyOf(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' })),
    ).toBe('redis');
    const maxRetries = new Error('Reached the max retries per request limit (which is 1).');
    maxRetries.name = 'MaxRetriesPerRequestError';
    expect(dependencyOf(maxRetries)).toBe('redis');
  });

  it('follows causes and our own DependencyError', () => {
    expect(dependencyOf(new DependencyError('redis', 'queue not connected'))).toBe('redis');
    expect(dependencyOf(new Error('wrapped', { cause: new MongoNetworkError('reset') }))).toBe('mongo');
  });

  it('leaves ordinary errors alone', () => {
    expect(dependencyOf(new Error('boom'))).toBeNull();
    expect(
      dependencyOf(new ReplyError('WRONGTYPE Operation against a key holding the wrong kind of value')),
    ).toBeNull();
    expect(dependencyOf(Object.assign(new Error('E11000 duplicate key'), { code: 11000 }))).toBeNull();
    expect(dependencyOf(new mongoose.Error.CastError('ObjectId', 'x', '_id'))).toBeNull();
    expect(dependencyOf(undefined)).toBeNull();
    expect(dependencyOf('a string')).toBeNull();
  });
});
