import { Types } from 'mongoose';
import { difficultyOf, toTemplateDto } from '../../src/modules/templates/templates.service';
import type { TemplateDoc } from '../../src/modules/templates/template.model';
import { nameKeyOf } from '../../src/modules/templates/template.model';
import { dailyQuotaKey, nextUtcMidnight, utcDay } from '../../src/modules/usage/usage.service';

describe('quota days (UTC)', () => {
  it('the day and the next reset follow UTC, whatever the local zone', () => {
    const at = Date.UTC(2026, 11, 2, 23, 59, 59, 999);
    expect(utcDay(at)).toBe('2026-12-02');
    expect(nextUtcMidnight(at).toISOString()).toBe('2026-12-03T00:00:00.000Z');
    expect(nextUtcMidnight(Date.UTC(2026, 11, 3)).toISOString()).toBe('2026-12-04T00:00:00.000Z');
    expect(nextUtcMidnight(Date.UTC(2026, 11, 31, 12)).toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(dailyQuotaKey('u1', '2026-12-02')).toBe('quota:ai:u1:2026-12-02');
  });
});

describe('templates', () => {
  it('asks for one difficulty only when the mix names exactly one', () => {
    expect(difficultyOf({ easy: 0, medium: 0, hard: 100 })).toBe('hard');
    expect(difficultyOf({ easy: 100, medium: 0, hard: 0 })).toBe('easy');
    expect(difficultyOf({ easy: 50, medium: 50, hard: 0 })).toBeUndefined();
    expect(difficultyOf({ easy: 20, medium: 30, hard: 50 })).toBeUndefined();
  });

  it('names compare trimmed, case-folded and with collapsed spaces', () => {
    expect(nameKeyOf('  Frontend   LOOP ')).toBe('frontend loop');
    expect(nameKeyOf('Ｆｕｌｌ stack')).toBe('full stack');
  });

  const doc = (over: Partial<TemplateDoc> = {}): TemplateDoc => ({
    _id: new Types.ObjectId(),
    user: new Types.ObjectId(),
    name: 'Loop',
    description: '',
    role: 'SRE',
    experience: 'senior',
    topicsToFocus: ['Linux'],
    questionCount: 5,
    difficultyMix: { easy: 0, medium: 100, hard: 0 },
    isPublic: false,
    sharedWith: [],
    usageCount: 0,
    createdAt: new Date(),
    updatedAt: new Date(),
    ...over,
  });

  it('derives visibility; only the owner sees whom it is shared with', () => {
    const t = doc({ sharedWith: ['a@b.co'] });
    expect(toTemplateDto(t, String(t.user))).toMatchObject({ visibility: 'shared', sharedWith: ['a@b.co'] });
    const asReader = toTemplateDto(t, new Types.ObjectId().toHexString());
    expect(asReader.visibility).toBe('shared');
    expect('sharedWith' in asReader).toBe(false);
    expect(toTemplateDto(doc(), 'x').visibility).toBe('private');
    expect(toTemplateDto(doc({ isPublic: true, sharedWith: ['a@b.co'] }), 'x').visibility).toBe('public');
  });
});
