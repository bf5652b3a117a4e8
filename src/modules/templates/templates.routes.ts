import { Router } from 'express';
import { validate } from '../../http/route-spec';
import { requireAuth } from '../auth/auth.middleware';
import * as c from './templates.controller';
import * as spec from './templates.schemas';

/** /api/v1/templates — fixed paths before `/:id`. */
export const templatesRouter = Router();
templatesRouter.use(requireAuth);
templatesRouter.get('/', validate(spec.listTemplatesRoute), c.list);
templatesRouter.post('/', validate(spec.createTemplateRoute), c.create);
templatesRouter.get('/public', validate(spec.listPublicTemplatesRoute), c.listPublic);
templatesRouter.get('/:id', validate(spec.getTemplateRoute), c.get);
templatesRouter.put('/:id', validate(spec.updateTemplateRoute), c.update);
templatesRouter.delete('/:id', validate(spec.deleteTemplateRoute), c.remove);
templatesRouter.post('/:id/share', validate(spec.shareTemplateRoute), c.share);
templatesRouter.post('/:id/apply', validate(spec.applyTemplateRoute), c.apply);
