import { Router } from 'express';
import * as c from './meta.controller';

/** /api/v1/meta (no auth) */
export const metaRouter = Router();
metaRouter.get('/options', c.options);
