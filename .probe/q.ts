import mongoose from 'mongoose';
import { startEmbeddedMongo } from '../src/embedded/mongo';
(async () => {
  const s = await startEmbeddedMongo({ port: 0, quiet: true });
  const c = await mongoose.createConnection(`${s.uri}/probe`).asPromise();
  const col = c.db!.collection('x');
  await col.insertMany([{ d: new Date('2024-03-10T06:30:00Z') }, { d: new Date('2024-03-10T07:30:00Z') }]);
  for (const tz of ['UTC', 'GMT', 'Etc/GMT+5', 'America/Argentina/Buenos_Aires', 'America/Port-au-Prince', 'America/New_York', '+05:30', 'Mars/Base']) {
    try {
      const r = await col.aggregate([{ $project: { _id: 0, a: { $dateToString: { date: '$d', format: '%Y-%m-%d %H:%M %z', timezone: tz } }, t: { $dateTrunc: { date: '$d', unit: 'day', timezone: tz } }, h: { $hour: { date: '$d', timezone: tz } } } }]).toArray();
      console.log(tz, JSON.stringify(r));
    } catch (e) { console.log(tz, 'ERR', (e as Error & {code?: number}).code, (e as Error).message); }
  }
  await c.close(); await s.stop();
})();
