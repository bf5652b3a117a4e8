import { Router } from 'express';
import { requireAuth } from '../auth/auth.middleware';
import * as c from './bulk.controller';

/** /api/v1/bulk — multi-select actions on the caller's questions. */
export const bulkRouter = Router();
bulkRouter.use(requireAuth);
bulkRouter.post('/delete', c.remove);
bulkRouter.post('/difficulty', c.difficulty);
bulkRouter.post('/toggle-pin', c.togglePin);
