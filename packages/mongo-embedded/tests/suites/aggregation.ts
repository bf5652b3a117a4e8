import type { Connection } from 'mongoose';

type Document = Record<string, unknown>;
type Collection = ReturnType<NonNullable<Connection['db']>['collection']>;
import { errorOf, type Connector } from '../helpers';

/**
 * The aggregation stages and operators the analytics pipelines use, checked against MongoDB's documented
 * semantics ($bucket: https://www.mongodb.com/docs/manual/reference/operator/aggregation/bucket/,
 * $dateToString / $dateTrunc with `timezone`: Olson identifiers and UTC offsets, DST-aware) and mongod's
 * output field order. Runs against whatever server `connect` reaches (embedded or a real mongod).
 */
export function aggregationSuite(connect: Connector): void {
  let conn: Connection;
  let close: () => Promise<void>;
  let c: Collection;

  beforeAll(async () => {
    ({ conn, close } = await connect('aggregation'));
    c = conn.db!.collection('agg');
  });
  afterAll(async () => close());
  beforeEach(async () => {
    await c.deleteMany({});
  });

  const run = (pipeline: Document[]) => c.aggregate(pipeline).toArray();

  describe('$bucket', () => {
    beforeEach(async () => {
      await c.insertMany(
        [0, 1.99, 2, 4, 5.99, 6, 10, 'text', null].map((v, i) => ({ i, v })).concat([{ i: 99 } as never]),
      );
    });

    it('boundaries are lower-inclusive and upper-exclusive; the rest goes to default, sorted by _id', async () => {
      const out = await run([
        {
          $bucket: {
            groupBy: '$v',
            boundaries: [0, 2, 6, 10],
            default: 'other',
            output: { n: { $sum: 1 }, members: { $push: '$i' } },
          },
        },
      ]);
      expect(out).toEqual([
        { _id: 0, n: 2, members: [0, 1] }, // 0 and 1.99
        { _id: 2, n: 3, members: [2, 3, 4] }, // 2, 4, 5.99
        { _id: 6, n: 1, members: [5] }, // 6 (10 is the upper bound, excluded)
        { _id: 'other', n: 4, members: [6, 7, 8, 99] }, // 10, a string, null, missing
      ]);
      // _id first, then the output fields in specification order.
      expect(out.map((d) => Object.keys(d))).toEqual(out.map(() => ['_id', 'n', 'members']));
    });

    it('emits no empty bucket, counts by default, and sorts a numeric default among the buckets', async () => {
      const out = await run([
        { $match: { v: { $type: 'number' } } },
        { $bucket: { groupBy: '$v', boundaries: [1, 2, 3, 5, 6], default: -1 } },
      ]);
      // 0, 6 (equal to the highest boundary) and 10 go to the default; [5, 6) holds 5.99.
      expect(out).toEqual([
        { _id: -1, count: 3 },
        { _id: 1, count: 1 },
        { _id: 2, count: 1 },
        { _id: 3, count: 1 },
        { _id: 5, count: 1 },
      ]);
    });

    it('a value outside the boundaries without default fails (40066)', async () => {
      const err = await errorOf(run([{ $bucket: { groupBy: '$v', boundaries: [0, 5] } }]));
      expect(err.code).toBe(40066);
    });

    it('rejects unsorted boundaries, too few boundaries and a default inside the range', async () => {
      expect((await errorOf(run([{ $bucket: { groupBy: '$v', boundaries: [0, 5, 3] } }]))).code).toBe(40194);
      expect((await errorOf(run([{ $bucket: { groupBy: '$v', boundaries: [0] } }]))).code).toBe(40192);
      expect(
        (await errorOf(run([{ $bucket: { groupBy: '$v', boundaries: [0, 5], default: 2 } }]))).code,
      ).toBe(40199);
    });

    it('works inside $facet', async () => {
      const [out] = await run([
        { $match: { v: { $type: 'number' } } },
        {
          $facet: {
            hist: [{ $bucket: { groupBy: '$v', boundaries: [0, 5, 10.5], output: { n: { $sum: 1 } } } }],
            total: [{ $count: 'n' }],
          },
        },
      ]);
      expect(out).toEqual({
        hist: [
          { _id: 0, n: 4 },
          { _id: 5, n: 3 },
        ],
        total: [{ n: 7 }],
      });
      expect(Object.keys(out!)).toEqual(['hist', 'total']);
    });
  });

  describe('dates in a time zone, across DST changes', () => {
    // New York: spring forward 2024-03-10 07:00Z (02:00 EST → 03:00 EDT), fall back 2024-11-03 06:00Z.
    const instants = [
      '2024-03-10T06:30:00Z', // 01:30 EST
      '2024-03-10T07:30:00Z', // 03:30 EDT
      '2024-11-03T05:30:00Z', // 01:30 EDT
      '2024-11-03T06:30:00Z', // 01:30 EST (the repeated hour)
      '2024-11-04T04:30:00Z', // 23:30 EST on Nov 3 (a 25-hour day)
      '2024-11-04T05:00:00Z', // 00:00 EST on Nov 4
    ];
    beforeEach(async () => {
      await c.insertMany(instants.map((s, i) => ({ i, d: new Date(s) })));
    });

    it('$dateToString honours the zone and its offset at each instant', async () => {
      const out = await run([
        { $sort: { i: 1 } },
        {
          $project: {
            _id: 0,
            ny: { $dateToString: { date: '$d', format: '%Y-%m-%d %H:%M %z', timezone: 'America/New_York' } },
            utc: { $dateToString: { date: '$d', format: '%Y-%m-%d %H:%M', timezone: 'UTC' } },
            india: { $dateToString: { date: '$d', format: '%H:%M', timezone: '+05:30' } },
            fixed: { $dateToString: { date: '$d', format: '%H:%M', timezone: 'Etc/GMT+5' } },
          },
        },
      ]);
      expect(out.map((d) => d.ny)).toEqual([
        '2024-03-10 01:30 -0500',
        '2024-03-10 03:30 -0400',
        '2024-11-03 01:30 -0400',
        '2024-11-03 01:30 -0500',
        '2024-11-03 23:30 -0500',
        '2024-11-04 00:00 -0500',
      ]);
      expect(out.map((d) => d.utc)).toEqual(instants.map((s) => `${s.slice(0, 10)} ${s.slice(11, 16)}`));
      expect(out[0]).toMatchObject({ india: '12:00', fixed: '01:30' }); // Etc/GMT+5 is UTC-5
      expect(Object.keys(out[0]!)).toEqual(['ny', 'utc', 'india', 'fixed']);
    });

    it('grouping by local day counts the 25-hour day whole', async () => {
      const out = await run([
        {
          $group: {
            _id: { $dateToString: { date: '$d', format: '%Y-%m-%d', timezone: 'America/New_York' } },
            n: { $sum: 1 },
          },
        },
        { $sort: { _id: 1 } },
      ]);
      expect(out).toEqual([
        { _id: '2024-03-10', n: 2 },
        { _id: '2024-11-03', n: 3 },
        { _id: '2024-11-04', n: 1 },
      ]);
    });

    it('$dateTrunc to day and week starts at local midnight with the offset in force then', async () => {
      const out = await run([
        { $sort: { i: 1 } },
        {
          $project: {
            _id: 0,
            day: { $dateTrunc: { date: '$d', unit: 'day', timezone: 'America/New_York' } },
            week: {
              $dateTrunc: { date: '$d', unit: 'week', timezone: 'America/New_York', startOfWeek: 'monday' },
            },
            hour: { $hour: { date: '$d', timezone: 'America/New_York' } },
          },
        },
      ]);
      expect(out.map((d) => (d.day as Date).toISOString())).toEqual([
        '2024-03-10T05:00:00.000Z', // midnight EST, also for the instant after the change
        '2024-03-10T05:00:00.000Z',
        '2024-11-03T04:00:00.000Z', // midnight EDT, also for the instants after the change
        '2024-11-03T04:00:00.000Z',
        '2024-11-03T04:00:00.000Z',
        '2024-11-04T05:00:00.000Z',
      ]);
      expect((out[1]!.week as Date).toISOString()).toBe('2024-03-04T05:00:00.000Z');
      expect((out[5]!.week as Date).toISOString()).toBe('2024-11-04T05:00:00.000Z');
      expect(out.map((d) => d.hour)).toEqual([1, 3, 1, 1, 23, 0]);
    });

    it('an unknown zone is refused (40485)', async () => {
      const err = await errorOf(
        run([{ $project: { x: { $dateToString: { date: '$d', format: '%Y', timezone: 'Mars/Olympus' } } } }]),
      );
      expect(err.code).toBe(40485);
    });
  });

  describe('output field order', () => {
    beforeEach(async () => {
      await c.insertMany([
        { _id: 1 as never, b: 2, a: 1, cat: '  SQL ', s: 'héllo' },
        { _id: 2 as never, b: 4, a: 3, cat: 'sql', s: '' },
        { _id: 3 as never, b: 6, a: 5, cat: '', s: 'x' },
        { _id: 4 as never, b: 8, a: 7, s: 'yz' },
      ]);
    });

    it('$group: _id first, accumulators in specification order', async () => {
      const [row] = await run([
        { $group: { _id: null, z: { $sum: '$a' }, m: { $max: '$b' }, a: { $avg: '$a' } } },
      ]);
      expect(Object.keys(row!)).toEqual(['_id', 'z', 'm', 'a']);
      expect(row).toEqual({ _id: null, z: 16, m: 8, a: 4 });
    });

    it('$project keeps document order for inclusions, appends computed fields in spec order', async () => {
      const [row] = await run([{ $match: { _id: 1 } }, { $project: { z: { $add: ['$a', 1] }, b: 1, a: 1 } }]);
      expect(Object.keys(row!)).toEqual(['_id', 'b', 'a', 'z']);
    });

    it('$addFields keeps the position of a replaced field and appends new ones', async () => {
      const [row] = await run([{ $match: { _id: 1 } }, { $addFields: { new1: 1, b: 'replaced', new0: 0 } }]);
      expect(Object.keys(row!)).toEqual(['_id', 'b', 'a', 'cat', 's', 'new1', 'new0']);
      expect(row!.b).toBe('replaced');
    });

    it('normalises categories and counts code points as the analytics pipelines do', async () => {
      const out = await run([
        {
          $group: {
            _id: {
              $let: {
                vars: { t: { $toLower: { $trim: { input: { $ifNull: ['$cat', ''] } } } } },
                in: { $cond: [{ $eq: ['$$t', ''] }, 'general', '$$t'] },
              },
            },
            n: { $sum: 1 },
            chars: { $sum: { $strLenCP: { $ifNull: ['$s', ''] } } },
          },
        },
        { $sort: { _id: 1 } },
      ]);
      expect(out).toEqual([
        { _id: 'general', n: 2, chars: 3 },
        { _id: 'sql', n: 2, chars: 5 },
      ]);
    });
  });
}
