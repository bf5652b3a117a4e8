import { onShutdown, resetShutdownRegistry, shutdown } from '../../../src/infra/shutdown';

describe('shutdown registry', () => {
  afterEach(() => resetShutdownRegistry());

  it('runs steps by phase, survives failing steps and bounds slow ones', async () => {
    const order: string[] = [];
    onShutdown('mongo', 40, () => void order.push('mongo'));
    onShutdown('http', 10, () => void order.push('http'));
    onShutdown('broken', 20, () => {
      throw new Error('nope');
    });
    onShutdown('stuck', 30, () => new Promise<void>(() => undefined));
    onShutdown('redis', 30, () => void order.push('redis'));
    const started = Date.now();
    await shutdown('test', 200);
    expect(order).toEqual(['http', 'redis', 'mongo']);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('is idempotent: concurrent calls share one run', async () => {
    let runs = 0;
    onShutdown('count', 10, () => void runs++);
    await Promise.all([shutdown('a', 100), shutdown('b', 100)]);
    expect(runs).toBe(1);
  });
});
