import type { Express, Router } from 'express';
import { OpenAPIRegistry, OpenApiGeneratorV31, extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { apiRoutes } from './routes';

extendZodWithOpenApi(z);

/**
 * OpenAPI document. Features register their zod request schemas with `openapi.registerPath(...)`
 * (the same schemas that validate requests); every mounted route that did not register is still
 * listed from the router table, so the document never misses an endpoint.
 */
export const openapi = new OpenAPIRegistry();

openapi.registerComponent('securitySchemes', 'bearerAuth', {
  type: 'http',
  scheme: 'bearer',
  bearerFormat: 'JWT',
});
openapi.registerComponent('securitySchemes', 'cookieAuth', { type: 'apiKey', in: 'cookie', name: 'token' });

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** `/session/:id` → `/session/{id}` */
const toOpenApiPath = (p: string) => p.replace(/:(\w+)/g, '{$1}');

function listRoutes(): Array<{ method: Method; path: string; tag: string }> {
  const out: Array<{ method: Method; path: string; tag: string }> = [];
  for (const [prefix, router] of apiRoutes) {
    const tag = prefix.split('/').filter(Boolean).pop() ?? 'api';
    for (const layer of (router as Router & { stack: RouteLayer[] }).stack) {
      if (!layer.route) continue;
      for (const method of Object.keys(layer.route.methods) as Method[]) {
        out.push({ method, path: toOpenApiPath(prefix + layer.route.path), tag });
      }
    }
  }
  return out;
}

let cached: object | undefined;

export function buildOpenApiDocument(): object {
  if (cached) return cached;
  const registered = new Set(
    openapi.definitions.flatMap((d) => (d.type === 'route' ? [`${d.route.method} ${d.route.path}`] : [])),
  );
  const generic = new OpenAPIRegistry([openapi]);
  for (const r of listRoutes()) {
    if (registered.has(`${r.method} ${r.path}`)) continue;
    const params = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    generic.registerPath({
      method: r.method,
      path: r.path,
      tags: [r.tag],
      request: params.length
        ? { params: z.object(Object.fromEntries(params.map((p) => [p, z.string()]))) }
        : undefined,
      responses: { 200: { description: 'Success envelope `{ success, message, data }`' } },
    });
  }
  cached = new OpenApiGeneratorV31(generic.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'IntervAI API',
      version: '2.0.0',
      description:
        'Interview preparation API: sessions, AI-generated questions, practice, exports, notifications.',
    },
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }, { cookieAuth: [] }],
  });
  return cached;
}

export function mountApiDocs(app: Express): void {
  app.get('/openapi.json', (_req, res) => {
    res.json(buildOpenApiDocument());
  });
  // swagger-ui-express is loaded lazily: it is only needed when someone opens the docs.
  app.use('/api-docs', async (req, res, next) => {
    const swaggerUi = await import('swagger-ui-express');
    const handlers = [...swaggerUi.serve, swaggerUi.setup(buildOpenApiDocument())];
    const run = (i: number): void => {
      if (i >= handlers.length) return next();
      handlers[i](req, res, () => run(i + 1));
    };
    run(0);
  });
}
