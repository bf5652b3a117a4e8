import fs from 'node:fs';
import { buildOpenApiDocument } from '../../src/http/openapi';
import { buildCollection, COLLECTION_FILE } from '../../scripts/postman';

/**
 * The Postman collection stays in step with its generator (scripts/postman.ts) and with the API: every
 * operation of the OpenAPI document has a request, and every request asserts its status.
 */
interface Item {
  name: string;
  item?: Item[];
  event?: Array<{ listen: string; script: { exec: string[] } }>;
  request?: {
    method: string;
    header: Array<{ key: string; value: string }>;
    body?: { mode: string; raw: string };
    url: { raw: string; path: string[] };
  };
}

const collection = buildCollection() as unknown as { item: Item[]; variable: Array<{ key: string }> };
const requests: Item[] = collection.item.flatMap((folder) => folder.item ?? []);

/** The bull-board dashboard (/admin/queues) is a web page, not an API operation. */
const EXCLUDED = (path: string) => path.startsWith('/admin/');

const segments = (p: string) => p.split('/').filter(Boolean);

/** `{{var}}` in a request path stands for a path parameter; literal segments must match exactly. */
function covers(request: Item, method: string, path: string): boolean {
  if (request.request!.method !== method.toUpperCase()) return false;
  const want = segments(path);
  const got = request.request!.url.path.filter(Boolean);
  return (
    want.length === got.length &&
    want.every((w, i) => (/^\{\w+\}$/.test(w) ? /^\{\{\w+\}\}$/.test(got[i]) : w === got[i]))
  );
}

const operations = () =>
  Object.entries((buildOpenApiDocument() as { paths: Record<string, Record<string, unknown>> }).paths)
    .flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method, path })))
    .filter((op) => !EXCLUDED(op.path));

const testScript = (r: Item) =>
  (r.event ?? [])
    .filter((e) => e.listen === 'test')
    .flatMap((e) => e.script.exec)
    .join('\n');

describe('Postman collection', () => {
  it('is the file the generator writes (npm run postman:build)', () => {
    expect(JSON.parse(fs.readFileSync(COLLECTION_FILE, 'utf8'))).toEqual(
      JSON.parse(JSON.stringify(collection)),
    );
  });

  it('is a v2.1 collection with {{baseUrl}}, Bearer {{token}} and folders by feature', () => {
    const c = buildCollection();
    expect(c.info.schema).toBe('https://schema.getpostman.com/json/collection/v2.1.0/collection.json');
    expect(c.auth).toEqual({
      type: 'bearer',
      bearer: [{ key: 'token', value: '{{token}}', type: 'string' }],
    });
    expect(c.variable).toContainEqual({ key: 'baseUrl', value: 'http://localhost:8000', type: 'string' });
    expect(c.item.map((f) => f.name)).toEqual(
      expect.arrayContaining([
        'Auth',
        'Sessions',
        'Questions',
        'Practice',
        'Search',
        'Exports',
        'Queue',
        'Analytics',
        'Notifications',
        'Bulk',
        'Templates',
        'Usage/Meta',
        'Ops',
      ]),
    );
    expect(requests.every((r) => r.request!.url.raw.startsWith('{{baseUrl}}/'))).toBe(true);
  });

  it('has a request for every operation of the OpenAPI document', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(60);
    const uncovered = ops
      .filter((op) => !requests.some((r) => covers(r, op.method, op.path)))
      .map((op) => `${op.method.toUpperCase()} ${op.path}`);
    expect(uncovered).toEqual([]);
  });

  it('asserts the status in every request', () => {
    const missing = requests
      .filter(
        (r) =>
          !/pm\.response\.to\.have\.status\(\d{3}\)|pm\.expect\(pm\.response\.code\)\.to\.be\.oneOf\(\[\d{3}/.test(
            testScript(r),
          ),
      )
      .map((r) => r.name);
    expect(missing).toEqual([]);
  });

  it('sends every body as JSON with Content-Type: application/json', () => {
    const withBody = requests.filter((r) => r.request!.body);
    expect(withBody.length).toBeGreaterThan(20);
    for (const r of withBody) {
      expect({ name: r.name, header: r.request!.header }).toEqual({
        name: r.name,
        header: expect.arrayContaining([{ key: 'Content-Type', value: 'application/json' }]),
      });
      // Variables holding arrays are spliced in unquoted; once resolved the body must be JSON.
      const resolved = r.request!.body!.raw.replace(/\{\{(\w+)\}\}/g, (_m, v: string) =>
        v.endsWith('Ids') ? '["x"]' : 'x',
      );
      expect(() => JSON.parse(resolved)).not.toThrow();
    }
  });

  it('names requests uniquely (polling repeats a request by its name)', () => {
    const names = requests.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
