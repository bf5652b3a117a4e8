import { Router } from 'express';
import { validate } from '../../http/route-spec';
import { requireAuth } from '../auth/auth.middleware';
import * as c from './bulk.controller';
import * as spec from './bulk.schemas';

/** /api/v1/bulk — multi-select actions on the caller's questions. */
export const bulkRouter = Router();
bulkRouter.use(requireAuth);
bulkRouter.post('/delete', validate(spec.bulkDeleteRoute), c.remove);
bulkRouter.post('/difficulty', validate(spec.bulkDifficultyRoute), c.difficulty);
bulkRouter.post('/toggle-pin', validate(spec.bulkPinRoute), c.togglePin);
