import { Router } from 'express';
import { validate } from '../../http/route-spec';
import { requireAuth } from '../auth/auth.middleware';
import * as c from './queue.controller';
import { status as exportStatus } from '../exports/exports.controller';
import { exportStatusRoute } from '../exports/exports.schemas';
import * as spec from './queue.schemas';

/** /api/v1/queue */
export const queueRouter = Router();
queueRouter.use(requireAuth);
queueRouter.get('/question/:jobId', validate(spec.questionJobStatusRoute), c.questionStatus);
queueRouter.get('/job/:jobId', validate(spec.anyJobStatusRoute), c.jobStatus);
// The same endpoint as GET /export/status/:jobId (same spec, same controller).
queueRouter.get('/export/:jobId', validate(exportStatusRoute), exportStatus);
