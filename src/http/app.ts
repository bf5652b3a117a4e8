import express, { type Express } from 'express';
import helmet from 'helmet';
import cors from 'cors';
import cookieParser from 'cookie-parser';
import { config } from '../config';
import { isAllowedOrigin } from '../lib/origins';
import { accessLog, errorHandler, notFound, requestId } from './middleware';
import { opsRouter } from './ops.routes';
import { apiRoutes } from './routes';
import { generalLimiter } from './rate-limit';
import { readCache } from './read-cache';
import { mountApiDocs } from './openapi';
import { mountAdminDashboard } from '../modules/admin/admin.routes';
import { wireFeatures } from '../wiring';

/** Builds the Express app without listening, so tests drive it directly with Supertest. */
export function createApp(): Express {
  wireFeatures();
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('query parser', 'simple');

  app.use(requestId);
  app.use(accessLog);
  app.use(
    helmet({
      contentSecurityPolicy: config.isProduction ? undefined : false,
      crossOriginEmbedderPolicy: false,
    }),
  );
  // Per request: a page the API serves itself (Swagger UI) sends its own origin on POSTs — same origin, allowed.
  app.use(
    cors((req, done) =>
      done(null, {
        origin(origin, callback) {
          // No Origin: curl, Postman, same-origin GETs. Local frontends are allowed outside production.
          if (isAllowedOrigin(origin, config.cors, req.headers.host)) callback(null, true);
          else callback(new Error('Not allowed by CORS'));
        },
        credentials: true,
        methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
        allowedHeaders: ['Content-Type', 'Authorization', 'X-Requested-With', 'X-Request-Id'],
        exposedHeaders: [
          'X-Request-Id',
          'RateLimit',
          'RateLimit-Policy',
          'Retry-After',
          'Content-Disposition',
        ],
        maxAge: 86400,
      }),
    ),
  );
  app.use(express.json({ limit: '1mb' }));
  app.use(express.urlencoded({ extended: false, limit: '1mb' }));
  app.use(cookieParser());

  app.use(opsRouter);
  app.use('/api', generalLimiter);
  app.use(readCache);
  mountApiDocs(app);
  for (const [path, router] of apiRoutes) app.use(path, router);
  mountAdminDashboard(app);

  app.use(notFound);
  app.use(errorHandler);
  return app;
}
