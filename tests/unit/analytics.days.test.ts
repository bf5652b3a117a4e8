import { dayRange, isValidTimeZone, localDay } from '../../src/modules/analytics/days';
import { streakFrom } from '../../src/modules/analytics/analytics.service';
import { normaliseTopic } from '../../src/modules/analytics/trending.service';
import { topicOf } from '../../src/modules/practice/practice.service';

describe('analytics days', () => {
  it('localDay is the calendar day in the zone', () => {
    const at = new Date('2024-11-04T04:30:00Z');
    expect(localDay(at, 'UTC')).toBe('2024-11-04');
    expect(localDay(at, 'America/New_York')).toBe('2024-11-03');
    expect(localDay(at, 'Asia/Tokyo')).toBe('2024-11-04');
  });

  it('dayRange counts calendar days (no skipped or repeated day around DST, leap days kept)', () => {
    expect(dayRange('2024-03-11', 3)).toEqual(['2024-03-09', '2024-03-10', '2024-03-11']);
    expect(dayRange('2024-03-01', 2)).toEqual(['2024-02-29', '2024-03-01']);
    expect(dayRange('2025-01-01', 2)).toEqual(['2024-12-31', '2025-01-01']);
    expect(dayRange('2024-11-04', 30)).toHaveLength(30);
    expect(new Set(dayRange('2024-11-04', 30)).size).toBe(30);
  });

  it('validates IANA zones', () => {
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });

  it('streak: consecutive days ending today, or yesterday while today has no practice yet', () => {
    const days = new Set(['2024-03-10', '2024-03-09', '2024-03-08', '2024-03-06']);
    expect(streakFrom(days, '2024-03-10')).toBe(3);
    expect(streakFrom(days, '2024-03-11')).toBe(3);
    expect(streakFrom(days, '2024-03-12')).toBe(0);
    expect(streakFrom(new Set(), '2024-03-12')).toBe(0);
    expect(streakFrom(new Set(['2024-03-06']), '2024-03-06')).toBe(1);
  });

  it('topics are trimmed and lower-cased (trending also folds inner spaces)', () => {
    expect(normaliseTopic('  Machine   Learning ')).toBe('machine learning');
    expect(topicOf('  SQL ')).toBe('sql');
    expect(topicOf('')).toBe('general');
    expect(topicOf(undefined)).toBe('general');
  });
});
