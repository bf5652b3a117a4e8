import { Router } from 'express';
import { validate } from '../../http/route-spec';
import * as c from './meta.controller';
import { optionsRoute } from './meta.schemas';

/** /api/v1/meta (no auth) */
export const metaRouter = Router();
metaRouter.get('/options', validate(optionsRoute), c.options);
