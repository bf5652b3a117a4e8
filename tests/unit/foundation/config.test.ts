import { buildConfig, ConfigError } from '../../../src/config';
import { resolveLegacyNames } from '../../../src/config/env';

const STRONG = 'k7Qw2zR9vLp4Xn8TgB3sJm6YhC1dF5aE0uWqZrNt';

describe('config', () => {
  it('applies development defaults and says which were used', () => {
    const cfg = buildConfig({ NODE_ENV: 'development' });
    expect(cfg.port).toBe(8000);
    expect(cfg.auth.bcryptRounds).toBe(12);
    expect(cfg.limits.sessionQuestionLimit).toBe(50);
    expect(cfg.ai.provider).toBe('offline');
    expect(cfg.ai.model).toBe('llama-3.1-8b-instant');
    expect(cfg.defaultsUsed).toContain('JWT_SECRET (development default)');
    expect(cfg.mail.outboxDir.endsWith('outbox')).toBe(true);
    expect(cfg.cors.origins).toEqual(['http://localhost:3000', 'http://localhost:5173']);
  });

  it('maps the old variable names onto the new ones', () => {
    const env = resolveLegacyNames({
      MONGO_URI: 'mongodb://db/x',
      GROQ_API: 'gk',
      REDIS_HOST: 'cache',
      REDIS_PORT: '6380',
      REDIS_PASSWORD: 'p@ss',
      EMAIL_SERVICE: 'smtp',
      SMTP_HOST: 'mail.example.com',
      SMTP_PORT: '587',
      SMTP_USER: 'u',
      SMTP_PASS: 'p',
    });
    expect(env.MONGODB_URI).toBe('mongodb://db/x');
    expect(env.GROQ_API_KEY).toBe('gk');
    expect(env.REDIS_URL).toBe('redis://:p%40ss@cache:6380');
    expect(env.SMTP_URL).toBe('smtp://u:p@mail.example.com:587');
    expect(resolveLegacyNames({ EMAIL_SERVICE: 'sendgrid', SENDGRID_API_KEY: 'SG.k' }).SMTP_URL).toBe(
      'smtp://apikey:SG.k@smtp.sendgrid.net:587',
    );
    expect(resolveLegacyNames({ MONGODB_URI: 'new', MONGO_URI: 'old' }).MONGODB_URI).toBe('new');
  });

  it('picks groq when a key is present, and refuses groq without a key', () => {
    expect(buildConfig({ GROQ_API_KEY: 'k' }).ai.provider).toBe('groq');
    expect(buildConfig({ GROQ_API_KEY: 'k', AI_PROVIDER: 'offline' }).ai.provider).toBe('offline');
    expect(() => buildConfig({ AI_PROVIDER: 'groq' })).toThrow(/GROQ_API_KEY/);
  });

  it('refuses a production start without a strong secret or required services, naming the setting', () => {
    const base = { NODE_ENV: 'production', MONGODB_URI: 'mongodb://m/db', REDIS_URL: 'redis://r' };
    expect(() => buildConfig(base)).toThrow(/JWT_SECRET is required/);
    expect(() => buildConfig({ ...base, JWT_SECRET: 'short' })).toThrow(/JWT_SECRET is too weak/);
    expect(() => buildConfig({ ...base, JWT_SECRET: STRONG, MONGODB_URI: '' })).toThrow(/MONGODB_URI/);
    expect(() => buildConfig({ ...base, JWT_SECRET: STRONG, REDIS_URL: '' })).toThrow(/REDIS_URL/);
    expect(() => buildConfig({ ...base, JWT_SECRET: STRONG, BCRYPT_ROUNDS: '8' })).toThrow(/BCRYPT_ROUNDS/);
    expect(buildConfig({ ...base, JWT_SECRET: STRONG }).isProduction).toBe(true);
  });

  it('rejects malformed values with the setting name', () => {
    expect(() => buildConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => buildConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => buildConfig({ NODE_ENV: 'staging' })).toThrow(/NODE_ENV/);
  });
});
