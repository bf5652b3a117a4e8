import { z } from 'zod';
import { parseWith, toFieldErrors } from '../../src/http/validate';
import { isAllowedOrigin } from '../../src/lib/origins';

/** toFieldErrors also words errors of a plain `safeParse` (no reportInput), as the bulk controller makes. */
describe('toFieldErrors', () => {
  const schema = z
    .object({
      name: z.string().max(5),
      limit: z.coerce.number().int().min(1),
      tags: z.array(z.string()).max(2),
      kind: z.enum(['a', 'b']),
      custom: z.string().min(3, 'custom needs 3 letters'),
    })
    .strict();

  it('words zod’s defaults for people and keeps a schema’s own messages', () => {
    const result = schema.safeParse({
      name: 'toolong',
      limit: 'x',
      tags: ['1', '2', '3'],
      custom: 'ab',
      more: 1,
    });
    expect(toFieldErrors(result.error!)).toEqual([
      { field: 'name', message: 'name is too long (at most 5 characters)' },
      { field: 'limit', message: 'limit must be a number' },
      { field: 'tags', message: 'tags has too many items (at most 2)' },
      { field: 'kind', message: 'kind must be one of: a, b' },
      { field: 'custom', message: 'custom needs 3 letters' },
      { field: 'more', message: 'Unknown field(s): more' },
    ]);
  });

  it('a missing field is "required", with or without the input reported', () => {
    const plain = toFieldErrors(z.object({ name: z.string() }).safeParse({}).error!);
    expect(plain).toEqual([{ field: 'name', message: 'name is required' }]);
    expect(() => parseWith(schema, { name: 'a', limit: 1, tags: [], custom: 'abc' })).toThrow(
      expect.objectContaining({ errors: [{ field: 'kind', message: 'kind is required' }] }),
    );
  });
});

describe('isAllowedOrigin', () => {
  const dev = { origins: ['https://app.example'], allowLocalhost: true };
  const prod = { ...dev, allowLocalhost: false };

  it.each([
    [undefined, true, true],
    ['https://app.example', true, true],
    ['http://localhost:4200', true, false],
    ['http://127.0.0.1:5173', true, false],
    ['http://localhost', true, false],
    ['https://localhost:4200', false, false],
    ['http://localhost:4200.evil.example', false, false],
    ['http://127.0.0.1.evil.example', false, false],
    ['null', false, false],
  ])('%s: development %s, production %s', (origin, inDev, inProd) => {
    expect(isAllowedOrigin(origin, dev)).toBe(inDev);
    expect(isAllowedOrigin(origin, prod)).toBe(inProd);
  });

  it('the API’s own origin, by its Host header', () => {
    expect(isAllowedOrigin('https://api.example', prod, 'api.example')).toBe(true);
    expect(isAllowedOrigin('https://api.example:8443', prod, 'api.example:8443')).toBe(true);
    expect(isAllowedOrigin('https://evil.example', prod, 'api.example')).toBe(false);
    expect(isAllowedOrigin('null', prod, 'null')).toBe(false);
  });
});
