import { describeSeconds, parseDurationSeconds } from '../../src/modules/auth/duration';
import { describeDevice } from '../../src/modules/auth/device';
import { generateOtpCode, hashOtp, normalizeOtp } from '../../src/modules/auth/otp.service';
import { emailField, otpField, registerBody, updateProfileBody } from '../../src/modules/auth/auth.schemas';
import { parsePromoteArgs } from '../../src/cli/promote-user';
import { onUserDeleted, registeredCleanupHooks, runUserCleanup } from '../../src/modules/users/user-cleanup';

describe('durations', () => {
  it.each([
    ['3600', 3600],
    ['15m', 900],
    ['12h', 43_200],
    ['7d', 604_800],
    ['2w', 1_209_600],
    [' 30 s ', 30],
  ])('parses %j', (input, seconds) => expect(parseDurationSeconds(input)).toBe(seconds));
  it.each(['', '7 days', '1.5h', '-5m', '0', 'd'])('rejects %j', (input) =>
    expect(() => parseDurationSeconds(input)).toThrow(/Invalid duration/),
  );
  it('describes OTP lifetimes as written in mails', () => {
    expect(describeSeconds(600)).toBe('10 minutes');
    expect(describeSeconds(60)).toBe('1 minute');
    expect(describeSeconds(1)).toBe('1 second');
    expect(describeSeconds(90)).toBe('90 seconds');
  });
});

describe('device descriptions', () => {
  it.each([
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
      'Safari 17 on iOS 17',
    ],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0', 'Firefox 121 on Linux'],
    ['curl/8.4.0', 'curl'],
    ['PostmanRuntime/7.36.0', 'PostmanRuntime'],
    [undefined, 'Unknown device'],
    ['', 'Unknown device'],
  ])('%s → %s', (ua, expected) => expect(describeDevice(ua)).toBe(expected));
});

describe('OTP codes', () => {
  it('are 6 zero-padded digits spread over the whole range', () => {
    const codes = Array.from({ length: 2000 }, generateOtpCode);
    expect(codes.every((c) => /^\d{6}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBeGreaterThan(1990);
    expect(codes.some((c) => c.startsWith('0'))).toBe(true);
  });
  it('accept strings and numbers, normalised to 6 digits', () => {
    expect(normalizeOtp('012345')).toBe('012345');
    expect(normalizeOtp(' 654321 ')).toBe('654321');
    expect(normalizeOtp(12345)).toBe('012345');
    expect(normalizeOtp(0)).toBe('000000');
    for (const bad of ['12345', '1234567', 'abcdef', '12 345', -1, 1.5, 1_000_000])
      expect(normalizeOtp(bad)).toBeUndefined();
  });
  it('are stored as keyed hashes bound to purpose and email', () => {
    const h = hashOtp('reset', 'A@Example.com', '123456');
    expect(h).toMatch(/^[a-f0-9]{64}$/);
    expect(h).not.toContain('123456');
    expect(hashOtp('reset', 'a@example.com', '123456')).toBe(h);
    expect(hashOtp('verify-email', 'a@example.com', '123456')).not.toBe(h);
    expect(hashOtp('reset', 'b@example.com', '123456')).not.toBe(h);
  });
});

describe('request schemas', () => {
  it('normalise emails and OTPs', () => {
    expect(emailField.parse('  Alice@Example.COM ')).toBe('alice@example.com');
    expect(otpField.parse(42)).toBe('000042');
    expect(otpField.safeParse({ $gt: '' }).success).toBe(false);
  });
  it('refuse passwords bcrypt would truncate (over 72 bytes)', () => {
    const base = { fullname: 'Al', email: 'a@b.co' };
    // Two-byte letters in no pattern (a run of one letter would be refused as too common).
    const letters = (n: number) =>
      Array.from({ length: n }, (_, i) => String.fromCharCode(0xc0 + ((i * 7) % 60))).join('');
    expect(registerBody.safeParse({ ...base, password: letters(36) }).success).toBe(true);
    expect(registerBody.safeParse({ ...base, password: letters(37) }).success).toBe(false);
  });
  it('profile updates need at least one field', () => {
    expect(updateProfileBody.safeParse({}).success).toBe(false);
    expect(updateProfileBody.safeParse({ preferences: {} }).success).toBe(true);
  });
});

describe('user:promote arguments', () => {
  it('defaults to admin and accepts --role', () => {
    expect(parsePromoteArgs(['Alice@Example.com'])).toEqual({ email: 'alice@example.com', role: 'admin' });
    expect(parsePromoteArgs(['--role', 'user', 'a@b.co'])).toEqual({ email: 'a@b.co', role: 'user' });
    expect(parsePromoteArgs(['a@b.co', '--role=admin'])).toEqual({ email: 'a@b.co', role: 'admin' });
  });
  it('explains bad usage', () => {
    expect(() => parsePromoteArgs([])).toThrow(/usage/);
    expect(() => parsePromoteArgs(['not-an-email'])).toThrow(/usage/);
    expect(() => parsePromoteArgs(['a@b.co', '--role', 'root'])).toThrow(/--role must be one of/);
  });
});

describe('user cleanup hooks', () => {
  it('runs every hook, reports failures and keeps going', async () => {
    const seen: string[] = [];
    const offs = [
      onUserDeleted('unit-a', async (id) => void seen.push(`a:${id}`)),
      onUserDeleted('unit-b', async () => {
        throw new Error('boom');
      }),
      onUserDeleted('unit-c', async (id) => void seen.push(`c:${id}`)),
    ];
    const report = await runUserCleanup('u1');
    offs.forEach((off) => off());
    expect(seen.sort()).toEqual(['a:u1', 'c:u1']);
    expect(report.failed).toEqual([{ name: 'unit-b', error: 'boom' }]);
    expect(report.succeeded).toEqual(expect.arrayContaining(['unit-a', 'unit-c']));
    expect(registeredCleanupHooks()).not.toContain('unit-a');
  });
});
