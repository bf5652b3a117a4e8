import type { z } from 'zod';

/** Keys that must never leave the server, at any depth of a response. */
export const INTERNAL_KEYS = [
  '__v',
  'nameKey',
  'fileId',
  'pendingFileId',
  'searchTokens',
  'fingerprint',
  'password',
];

export function internalKeysIn(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => internalKeysIn(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [
    ...(INTERNAL_KEYS.includes(k) ? [`${path}.${k}`] : []),
    ...internalKeysIn(v, `${path}.${k}`),
  ]);
}

/**
 * The body matches the documented schema exactly: it parses, and parsing changes nothing. zod drops
 * keys a schema does not name, so an undocumented (or internal) field fails the comparison, as does a
 * missing or mistyped one.
 */
export function expectMatchesSchema(schema: z.ZodType, body: unknown): void {
  const parsed = schema.safeParse(body);
  expect(parsed.error?.issues ?? []).toEqual([]);
  expect(parsed.data).toEqual(body);
  expect(internalKeysIn(body)).toEqual([]);
}
