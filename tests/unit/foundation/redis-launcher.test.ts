import { freePort, redisAnswers, startRedisServer } from '../../../src/embedded/redis';

describe('redis-server launcher', () => {
  it('starts a private redis-server on a free port and stops it', async () => {
    const redis = await startRedisServer();
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
    expect(await redisAnswers('127.0.0.1', redis.port)).toBe(true);
    await redis.stop();
    expect(await redisAnswers('127.0.0.1', redis.port)).toBe(false);
  });

  it('explains how to get redis-server when the binary is missing', async () => {
    await expect(startRedisServer({ binary: '/nonexistent/redis-server' })).rejects.toThrow(
      /apt-get install redis-server/,
    );
  });

  it('reports nothing listening on a free port', async () => {
    expect(await redisAnswers('127.0.0.1', await freePort(), 200)).toBe(false);
  });
});
