import { redact } from '../../../src/infra/logger';

describe('log redaction', () => {
  it('hides secret keys at any depth and secret-looking values anywhere', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abcdefghijklmnop';
    const hash = '$2b$12$' + 'a'.repeat(53);
    const out = redact({
      email: 'a@b.co',
      password: 'hunter22',
      body: { newPassword: 'x', otp: '123456', nested: { apiKey: 'k', authorization: 'Bearer x' } },
      note: `token was ${jwt}`,
      stored: hash,
      list: [{ refreshToken: 'r' }],
    }) as Record<string, unknown>;
    const text = JSON.stringify(out);
    expect(out.email).toBe('a@b.co');
    for (const secret of ['hunter22', '123456', jwt, hash, 'Bearer x']) expect(text).not.toContain(secret);
    expect(text).toContain('[REDACTED]');
  });

  it('keeps errors readable', () => {
    const out = redact(new Error('boom')) as { message: string; name: string };
    expect(out).toMatchObject({ name: 'Error', message: 'boom' });
  });
});
