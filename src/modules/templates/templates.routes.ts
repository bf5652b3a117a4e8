import { Router } from 'express';
import { requireAuth } from '../auth/auth.middleware';
import * as c from './templates.controller';

/** /api/v1/templates — fixed paths before `/:id`. */
export const templatesRouter = Router();
templatesRouter.use(requireAuth);
templatesRouter.get('/', c.list);
templatesRouter.post('/', c.create);
templatesRouter.get('/public', c.listPublic);
templatesRouter.get('/:id', c.get);
templatesRouter.put('/:id', c.update);
templatesRouter.delete('/:id', c.remove);
templatesRouter.post('/:id/share', c.share);
templatesRouter.post('/:id/apply', c.apply);
