import type { Request, Response } from 'express';
import { accepted, created, ok, pagination } from '../../http/respond';
import { inputOf } from '../../http/route-spec';
import { statusUrl } from '../questions/generation.service';
import { consumeAiQuota } from '../usage/usage.service';
import * as service from './templates.service';
import {
  applyTemplateRoute,
  createTemplateRoute,
  deleteTemplateRoute,
  getTemplateRoute,
  listPublicTemplatesRoute,
  listTemplatesRoute,
  shareTemplateRoute,
  updateTemplateRoute,
} from './templates.schemas';

const viewer = (req: Request): service.Viewer => ({ id: req.user!.id, email: req.user!.email ?? '' });

export async function create(req: Request, res: Response) {
  const input = inputOf(req, createTemplateRoute).body;
  created(res, 'Template created successfully', {
    template: await service.createTemplate(viewer(req), input),
  });
}

export async function list(req: Request, res: Response) {
  const q = inputOf(req, listTemplatesRoute).query;
  const { templates, total } = await service.listTemplates(viewer(req), q);
  ok(
    res,
    'Templates retrieved successfully',
    { templates },
    { count: templates.length, pagination: pagination(q.page, q.limit, total) },
  );
}

export async function listPublic(req: Request, res: Response) {
  const q = inputOf(req, listPublicTemplatesRoute).query;
  const { templates, total } = await service.listPublicTemplates(viewer(req), q);
  ok(
    res,
    'Public templates retrieved successfully',
    { templates },
    { count: templates.length, pagination: pagination(q.page, q.limit, total) },
  );
}

export async function get(req: Request, res: Response) {
  const { id } = inputOf(req, getTemplateRoute).params;
  ok(res, 'Template retrieved successfully', { template: await service.getTemplate(viewer(req), id) });
}

export async function update(req: Request, res: Response) {
  const { params, body: input } = inputOf(req, updateTemplateRoute);
  const { id } = params;
  ok(res, 'Template updated successfully', {
    template: await service.updateTemplate(viewer(req), id, input),
  });
}

export async function remove(req: Request, res: Response) {
  const { id } = inputOf(req, deleteTemplateRoute).params;
  await service.deleteTemplate(viewer(req), id);
  ok(res, 'Template deleted successfully', { deletedId: id });
}

export async function share(req: Request, res: Response) {
  const { params, body: input } = inputOf(req, shareTemplateRoute);
  const { id } = params;
  const template = await service.shareTemplate(viewer(req), id, input);
  const message =
    input.email !== undefined
      ? `Template shared with ${input.email}`
      : `Template is now ${template.isPublic ? 'public' : 'not public'}`;
  ok(res, message, { template });
}

/** 201 with the new session; with `generate`, 201 + questions from the cache or 202 + the job id. */
export async function apply(req: Request, res: Response) {
  const { params, body } = inputOf(req, applyTemplateRoute);
  const { id } = params;
  const { generate } = body;
  const out = await service.applyTemplate(viewer(req), id, {
    generate,
    requestId: req.id,
    // The AI quota counts only generation that reaches the model (not cache hits).
    beforeModel: () => consumeAiQuota(req.user!),
  });
  const data = { session: out.session, template: out.template };
  if (!out.generation) {
    created(res, 'Session created from template', data);
    return;
  }
  if (out.generation.cached) {
    const questions = out.generation.questions;
    created(
      res,
      `Session created from template with ${questions.length} questions (from cache)`,
      { ...data, questions },
      { count: questions.length, cached: true },
    );
    return;
  }
  accepted(res, 'Session created from template; question generation queued', data, {
    jobId: out.generation.jobId,
    checkStatusUrl: statusUrl(out.generation.jobId),
    estimatedTime: '30-60 seconds',
  });
}
