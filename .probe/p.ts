import mongoose from 'mongoose';
import { startEmbeddedMongo } from '../src/embedded/mongo';
(async () => {
  const s = await startEmbeddedMongo({ port: 0, quiet: true });
  const c = await mongoose.createConnection(`${s.uri}/probe`).asPromise();
  const col = c.db!.collection('x');
  await col.insertMany([
    { s: 0, d: new Date('2024-03-10T06:30:00Z'), t: 'a', b: 2 },
    { s: 5, d: new Date('2024-03-10T07:30:00Z'), t: 'b', b: 1 },
    { s: 10, d: new Date('2024-11-03T05:30:00Z'), t: 'a', b: 3 },
    { s: 4.99, d: new Date('2024-11-03T06:30:00Z'), t: 'a' },
  ]);
  const run = async (name: string, p: object[]) => {
    try { console.log(name, JSON.stringify(await col.aggregate(p).toArray())); }
    catch (e) { console.log(name, 'ERR', (e as Error).message); }
  };
  await run('bucket', [{ $bucket: { groupBy: '$s', boundaries: [0, 5, 10, 11], default: 'other', output: { n: { $sum: 1 }, avg: { $avg: '$s' } } } }]);
  await run('bucket-noout', [{ $bucket: { groupBy: '$s', boundaries: [0, 5, 10.5] } }]);
  await run('dts', [{ $project: { _id: 0, a: { $dateToString: { date: '$d', format: '%Y-%m-%d %H:%M %z', timezone: 'America/New_York' } }, b: { $dateToString: { date: '$d', format: '%Y-%m-%d' } } } }]);
  await run('dts-offset', [{ $project: { _id: 0, a: { $dateToString: { date: '$d', format: '%Y-%m-%dT%H:%M', timezone: '+05:30' } } } }]);
  await run('trunc', [{ $project: { _id: 0, a: { $dateTrunc: { date: '$d', unit: 'day', timezone: 'America/New_York' } } } }]);
  await run('trunc-week', [{ $project: { _id: 0, a: { $dateTrunc: { date: '$d', unit: 'week', timezone: 'America/New_York', startOfWeek: 'monday' } } } }]);
  await run('group-order', [{ $group: { _id: '$t', z: { $sum: 1 }, a: { $max: '$s' } } }, { $sort: { _id: 1 } }]);
  await run('addFields-order', [{ $addFields: { z: 1, a: 2 } }, { $limit: 1 }]);
  await run('facet', [{ $facet: { x: [{ $count: 'n' }], y: [{ $group: { _id: null, avg: { $avg: '$s' } } }] } }]);
  await run('round', [{ $group: { _id: null, avg: { $avg: '$s' } } }, { $project: { r: { $round: ['$avg', 1] } } }]);
  await run('dayDiff', [{ $project: { _id: 0, a: { $dateDiff: { startDate: '$d', endDate: new Date('2024-12-01'), unit: 'day', timezone: 'America/New_York' } } } }]);
  await run('lookup', [{ $lookup: { from: 'x', localField: 't', foreignField: 't', as: 'm' } }, { $project: { n: { $size: '$m' } } }]);
  await c.close(); await s.stop();
})();
