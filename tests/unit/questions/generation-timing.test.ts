import { estimateFromDurations } from '../../../src/modules/questions/generation-timing';

describe('estimateFromDurations', () => {
  it('quotes the provider default until there are three samples', () => {
    expect(estimateFromDurations([], 'groq')).toEqual({ text: '30-60 seconds', seconds: 45 });
    expect(estimateFromDurations([800, 900], 'offline')).toEqual({ text: '1-5 seconds', seconds: 3 });
    expect(estimateFromDurations([NaN, -5, 1000], 'offline')).toEqual({ text: '1-5 seconds', seconds: 3 });
  });

  it('one-second jobs are quoted as one to two seconds, not "30-60 seconds"', () => {
    expect(estimateFromDurations([900, 1100, 1000, 1200, 950], 'groq')).toEqual({
      text: '1-2 seconds',
      seconds: 1,
    });
  });

  it('spans the median to the 90th percentile', () => {
    // sorted: 2,3,4,5,6,7,8,9,10,20 s → median 6.5 s, p90 11 s
    const ms = [20, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((s) => s * 1000);
    expect(estimateFromDurations(ms, 'groq')).toEqual({ text: '6-11 seconds', seconds: 7 });
  });

  it('switches to minutes for long waits', () => {
    expect(estimateFromDurations([150_000, 180_000, 240_000], 'groq')).toEqual({
      text: '3-4 minutes',
      seconds: 180,
    });
  });
});
