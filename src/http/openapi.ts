import type { Express, RequestHandler, Router } from 'express';
import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { config } from '../config';
import { errorCodes, statusOfCode, type ErrorCode } from '../lib/error-codes';
import { apiRoutes } from './routes';
import { opsRouter } from './ops.routes';
import { guardDocOf, type GuardDoc, type RouteSpec } from './route-spec';
import { ADMIN_DASHBOARD_PATH } from '../modules/admin/admin.routes';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
interface StackLayer {
  handle: RequestHandler & { spec?: RouteSpec };
  route?: { path: string; methods: Record<string, boolean>; stack: StackLayer[] };
}

/** Every router the app mounts, with its mount path: the document is built from these, route by route. */
export const documentedMounts = (): Array<[path: string, router: Router]> => [['', opsRouter], ...apiRoutes];

/** `/session/:id` → `/session/{id}` */
const toOpenApiPath = (p: string) => p.replace(/:(\w+)/g, '{$1}');

export interface MountedRoute {
  method: Method;
  path: string;
  tag: string;
  spec?: RouteSpec;
  guard: GuardDoc;
}

/** The mounted routes as the routers hold them, with the spec of their `validate(...)` and their guards. */
export function mountedRoutes(): MountedRoute[] {
  const out: MountedRoute[] = [];
  for (const [prefix, router] of documentedMounts()) {
    const tag = prefix.split('/').filter(Boolean).pop() ?? 'operations';
    // Router-level guards (`router.use(requireAuth)`) apply to the routes after them.
    let routerGuard: GuardDoc = {};
    for (const layer of (router as unknown as { stack: StackLayer[] }).stack) {
      if (!layer.route) {
        routerGuard = mergeGuards(routerGuard, guardDocOf(layer.handle));
        continue;
      }
      let guard = routerGuard;
      let spec: RouteSpec | undefined;
      for (const h of layer.route.stack) {
        guard = mergeGuards(guard, guardDocOf(h.handle));
        spec ??= h.handle.spec;
      }
      for (const method of Object.keys(layer.route.methods) as Method[]) {
        // A router's `/` is its mount path itself: `/api/v1/session`, not `/api/v1/session/`.
        const path = layer.route.path === '/' && prefix ? prefix : prefix + layer.route.path;
        out.push({ method, path: toOpenApiPath(path), tag, spec, guard });
      }
    }
  }
  return out;
}

const mergeGuards = (a: GuardDoc, b: GuardDoc | undefined): GuardDoc =>
  b ? { auth: a.auth || b.auth, roles: b.roles ?? a.roles } : a;

const ALL_CODES = Object.keys(errorCodes) as [ErrorCode, ...ErrorCode[]];

const fieldErrors = z.array(z.object({ field: z.string(), message: z.string() }));
const errorEnvelope = (codes: readonly ErrorCode[]) =>
  z.object({
    success: z.literal(false),
    message: z.string(),
    code: z.enum(codes as [ErrorCode, ...ErrorCode[]]),
    requestId: z.string(),
    errors: fieldErrors.optional(),
  });

/**
 * The error codes a route can answer, with their status: the ones its input, guards and mount imply,
 * plus its own. A code keeps its catalogue status, except that the login guard answers 401 for all of its
 * codes (a disabled account's token stops working: 401 there, 403 at login).
 */
function errorCodesOf(route: MountedRoute): Map<ErrorCode, number> {
  const spec = route.spec;
  const codes = new Map<ErrorCode, number>((spec?.errors ?? []).map((c) => [c, statusOfCode(c)]));
  const add = (c: ErrorCode, status = statusOfCode(c)) => codes.set(c, status);
  if (spec?.body || spec?.query || spec?.params) add('validation_error');
  if (spec?.body) {
    for (const c of ['invalid_json', 'payload_too_large', 'unsupported_media_type'] as const) add(c);
  }
  if (route.guard.auth) {
    for (const c of [
      'unauthenticated',
      'invalid_token',
      'token_expired',
      'token_revoked',
      'account_disabled',
    ] as const)
      add(c, 401);
  }
  if (route.guard.roles) add('forbidden');
  if (route.path.startsWith('/api/')) add('rate_limited');
  add('dependency_unavailable');
  return codes;
}

function errorResponses(route: MountedRoute): RouteConfig['responses'] {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const [code, status] of errorCodesOf(route)) {
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: RouteConfig['responses'] = {};
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[status] = {
      description: codes.map((c) => `\`${c}\`: ${errorCodes[c][1]}`).join('\n\n'),
      content: { 'application/json': { schema: errorEnvelope(codes) } },
    };
  }
  return responses;
}

function successResponses(spec: RouteSpec): RouteConfig['responses'] {
  const responses: RouteConfig['responses'] = {};
  for (const [status, doc] of Object.entries(spec.responses)) {
    responses[status] = doc.schema
      ? {
          description: doc.description,
          content: Object.fromEntries(
            [doc.contentType ?? 'application/json'].flat().map((type) => [type, { schema: doc.schema }]),
          ),
        }
      : { description: doc.description };
  }
  return responses;
}

const operationId = (method: string, path: string) =>
  method +
  path.replace(/\{(\w+)\}/g, 'By_$1').replace(/[^A-Za-z0-9]+(\w)/g, (_m, c: string) => c.toUpperCase());

const security: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { cookieAuth: [] }];

function toRouteConfig(route: MountedRoute): RouteConfig {
  const spec = route.spec;
  const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const bodyExample = spec?.example === undefined ? {} : { example: spec.example };
  return {
    method: route.method,
    path: route.path,
    operationId: operationId(route.method, route.path),
    tags: [route.tag],
    summary: spec?.summary ?? `${route.method.toUpperCase()} ${route.path}`,
    description: spec?.description,
    security: route.guard.auth ? security : [],
    ...(spec ? {} : { 'x-undocumented': true }),
    request: {
      params: (spec?.params ??
        (params.length ? z.object(Object.fromEntries(params.map((p) => [p, z.string()]))) : undefined)) as
        z.ZodObject | undefined,
      query: spec?.query as z.ZodObject | undefined,
      body: spec?.body
        ? { required: true, content: { 'application/json': { schema: spec.body, ...bodyExample } } }
        : undefined,
    },
    responses: {
      ...errorResponses(route),
      // A status the spec documents itself (e.g. /ready's 503) replaces the generic error response.
      ...(spec ? successResponses(spec) : { 200: { description: 'Success envelope' } }),
    },
  };
}

/** Routes createApp mounts outside the routers (docs, bull-board): documented here explicitly. */
export function routesOutsideRouters(): MountedRoute[] {
  const html = (description: string) => ({ description, contentType: 'text/html', schema: z.string() });
  return [
    {
      method: 'get',
      path: '/openapi.json',
      tag: 'operations',
      guard: {},
      spec: {
        summary: 'This OpenAPI 3.1 document',
        responses: {
          200: {
            description: 'The OpenAPI document',
            schema: z.looseObject({
              openapi: z.string(),
              info: z.looseObject({ title: z.string(), version: z.string() }),
              paths: z.record(z.string(), z.unknown()),
            }),
          },
        },
      },
    },
    {
      method: 'get',
      path: '/api-docs',
      tag: 'operations',
      guard: {},
      spec: {
        summary: 'Swagger UI over /openapi.json',
        description: 'Its assets are served under `/api-docs/`.',
        responses: { 200: html('The Swagger UI page') },
      },
    },
    {
      method: 'get',
      path: ADMIN_DASHBOARD_PATH,
      tag: 'admin',
      guard: { auth: true, roles: ['admin'] },
      spec: {
        summary: 'Queue dashboard (bull-board; admins only)',
        description: 'Its pages and API are served under `/admin/queues/`, behind the same guard.',
        responses: { 200: html('The bull-board page') },
      },
    },
  ];
}

let cached: object | undefined;

export function buildOpenApiDocument(): object {
  if (cached) return cached;
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  registry.registerComponent('securitySchemes', 'cookieAuth', {
    type: 'apiKey',
    in: 'cookie',
    name: 'token',
  });
  registry.register('ErrorCode', z.enum(ALL_CODES).openapi({ description: codeTable() }));
  registry.register('ErrorEnvelope', errorEnvelope(ALL_CODES));
  for (const route of [...mountedRoutes(), ...routesOutsideRouters()])
    registry.registerPath(toRouteConfig(route));
  cached = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'IntervAI API',
      version: '2.0.0',
      description:
        'Interview preparation API: sessions, AI-generated questions, practice, exports, notifications.\n\n' +
        'Authenticate with `POST /api/v1/user/login`: it sets the httpOnly cookie `token` and returns ' +
        '`data.token` for `Authorization: Bearer <token>`. Errors share one envelope ' +
        '`{ success:false, message, code, requestId, errors? }`; every `code` is listed under `ErrorCode`.',
    },
    servers: [{ url: '/' }],
  });
  return cached;
}

function codeTable(): string {
  return (
    'Every error code the API answers:\n\n| code | status | meaning |\n|---|---|---|\n' +
    Object.entries(errorCodes)
      .map(([code, [status, meaning]]) => `| \`${code}\` | ${status} | ${meaning} |`)
      .join('\n')
  );
}

/**
 * Swagger UI at /api-docs and its document at /openapi.json, both or neither: on by default outside
 * production, in production only with API_DOCS=true (otherwise both are 404 `route_not_found`).
 * "Try it out" calls this same origin (`servers: [{ url: '/' }]`): after `POST /api/v1/user/login` the
 * browser holds the httpOnly `token` cookie and sends it with every call; "Authorize" takes a Bearer token.
 */
export function mountApiDocs(app: Express): void {
  if (!config.apiDocs) return;
  app.get('/openapi.json', (_req, res) => {
    res.json(buildOpenApiDocument());
  });
  let handlers: RequestHandler[] | undefined;
  app.use('/api-docs', async (req, res, next) => {
    // The page loads its assets relatively (./swagger-ui.css): they resolve under /api-docs/ only.
    const [pathname, query] = req.originalUrl.split(/\?(.*)/s);
    if (pathname === '/api-docs') return res.redirect(301, `api-docs/${query ? `?${query}` : ''}`);
    // swagger-ui-express is loaded lazily: it is only needed when someone opens the docs.
    handlers ??= await loadSwaggerUi();
    const run = (i: number): void => {
      if (i >= handlers!.length) return next();
      void handlers![i](req, res, () => run(i + 1));
    };
    run(0);
  });
}

async function loadSwaggerUi(): Promise<RequestHandler[]> {
  const swaggerUi = await import('swagger-ui-express');
  const setup = swaggerUi.setup(buildOpenApiDocument(), {
    customSiteTitle: 'IntervAI API',
    swaggerOptions: {
      // No badge image from validator.swagger.io: the page loads nothing from another origin (CSP img-src 'self').
      validatorUrl: null,
      // Keep a Bearer token entered in "Authorize" across reloads (the browser's localStorage).
      persistAuthorization: true,
      // Send the `token` cookie with "Try it out" calls (same origin).
      withCredentials: true,
      displayRequestDuration: true,
      // ~70 operations in ~15 tags: the page opens on the tag list (fast, an index); a tag opens on a click.
      docExpansion: 'none',
      filter: true,
    },
  });
  return [...swaggerUi.serve, setup];
}
