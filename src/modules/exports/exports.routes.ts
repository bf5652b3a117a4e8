import { Router } from 'express';
import { exportLimiter } from '../../http/rate-limit';
import { validate } from '../../http/route-spec';
import { requireAuth } from '../auth/auth.middleware';
import * as c from './exports.controller';
import * as spec from './exports.schemas';

/** /api/v1/export */
export const exportsRouter = Router();
exportsRouter.use(requireAuth);
exportsRouter.post('/export/:sessionId', exportLimiter, validate(spec.createExportRoute), c.create);
exportsRouter.get('/status/:jobId', validate(spec.exportStatusRoute), c.status);
exportsRouter.get('/download/:filename', validate(spec.downloadExportRoute), c.download);
exportsRouter.get('/', validate(spec.listExportsRoute), c.list);
exportsRouter.delete('/:jobId', validate(spec.deleteExportRoute), c.remove);
