import { Router } from 'express';
import { exportLimiter } from '../../http/rate-limit';
import { requireAuth } from '../auth/auth.middleware';
import * as c from './exports.controller';

/** /api/v1/export */
export const exportsRouter = Router();
exportsRouter.use(requireAuth);
exportsRouter.post('/export/:sessionId', exportLimiter, c.create);
exportsRouter.get('/status/:jobId', c.status);
exportsRouter.get('/download/:filename', c.download);
exportsRouter.get('/', c.list);
exportsRouter.delete('/:jobId', c.remove);
