import { pingMongo } from './mongo';
import { queueHealth } from './queues';
import { pingRedis } from './redis';

/**
 * Dependency state shared by the api's and the worker's ops endpoints. Liveness (/health) reports it
 * but answers 200 while the process can serve; readiness (/ready) is 503 while a dependency is down.
 */
export async function dependencyReport() {
  const [mongoUp, redisUp] = await Promise.all([pingMongo(), pingRedis()]);
  const queues = redisUp ? await queueHealth() : {};
  const queuesUp = redisUp && Object.values(queues).every((q) => q.status === 'up');
  return { mongoUp, redisUp, queues, queuesUp, ready: mongoUp && redisUp && queuesUp };
}
