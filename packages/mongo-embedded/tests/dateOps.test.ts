import { offsetAt, resolveTimezone } from '../src/dateOps';

describe('embedded server time zones', () => {
  it('offsetAt follows DST', () => {
    expect(offsetAt('America/New_York', new Date('2024-03-10T06:59:00Z'))).toBe('-05:00');
    expect(offsetAt('America/New_York', new Date('2024-03-10T07:00:00Z'))).toBe('-04:00');
    expect(offsetAt('Asia/Kolkata', new Date('2024-03-10T07:00:00Z'))).toBe('+05:30');
    expect(offsetAt('America/St_Johns', new Date('2024-01-10T07:00:00Z'))).toBe('-03:30');
  });

  it('resolveTimezone hands mingo a form it understands, and refuses unknown zones with 40485', () => {
    expect(resolveTimezone(undefined, new Date())).toBeUndefined();
    expect(resolveTimezone('UTC', new Date())).toBe('+00:00');
    expect(resolveTimezone('-03:30', new Date())).toBe('-03:30');
    expect(resolveTimezone('Europe/Paris', new Date())).toBe('Europe/Paris');
    expect(resolveTimezone('America/Argentina/Buenos_Aires', new Date('2024-06-01T00:00:00Z'))).toBe(
      '-03:00',
    );
    expect(() => resolveTimezone('Mars/Olympus', new Date())).toThrow(
      expect.objectContaining({ code: 40485 }),
    );
  });
});
