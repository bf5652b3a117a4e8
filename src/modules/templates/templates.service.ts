import { Types } from 'mongoose';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors';
import type { BeforeModel, GenerateOutcome } from '../questions/generation.service';
import { requestGeneration } from '../questions/generation.service';
import type { Difficulty } from '../questions/question.model';
import { createSession, deleteSession } from '../sessions/sessions.service';
import type { CreateSessionInput } from '../sessions/sessions.schemas';
import { nameKeyOf, Template, type TemplateDoc } from './template.model';
import type {
  CreateTemplateInput,
  ListTemplatesQuery,
  ShareInput,
  UpdateTemplateInput,
} from './templates.schemas';

/** Who is asking: templates are shared by email, so the viewer's email matters as much as the id. */
export interface Viewer {
  id: string;
  email: string;
}

export const TEMPLATE_NOT_FOUND = 'Template not found';

export type TemplateDto = ReturnType<typeof toTemplateDto>;

export function toTemplateDto(t: TemplateDoc, viewerId: string) {
  const isOwner = String(t.user) === viewerId;
  return {
    _id: String(t._id),
    id: String(t._id),
    owner: String(t.user),
    isOwner,
    name: t.name,
    description: t.description ?? '',
    role: t.role,
    experience: t.experience,
    topicsToFocus: t.topicsToFocus,
    questionCount: t.questionCount,
    difficultyMix: {
      easy: t.difficultyMix?.easy ?? 0,
      medium: t.difficultyMix?.medium ?? 0,
      hard: t.difficultyMix?.hard ?? 0,
    },
    visibility: t.isPublic ? 'public' : t.sharedWith?.length ? 'shared' : 'private',
    isPublic: Boolean(t.isPublic),
    // Only the owner sees whom a template is shared with.
    ...(isOwner ? { sharedWith: t.sharedWith ?? [] } : {}),
    usageCount: t.usageCount ?? 0,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}

const visibleTo = (viewer: Viewer) => ({
  $or: [{ user: new Types.ObjectId(viewer.id) }, { sharedWith: viewer.email }, { isPublic: true }],
});

/** A template the viewer may see (own, shared with them, or public), else 404. */
async function findVisible(viewer: Viewer, id: string): Promise<TemplateDoc> {
  const t = await Template.findOne({ _id: id, ...visibleTo(viewer) }).lean<TemplateDoc>();
  if (!t) throw new NotFoundError(TEMPLATE_NOT_FOUND, 'template_not_found');
  return t;
}

/** A template the viewer owns; one they can only see is a 403, one they cannot see a 404. */
async function findOwned(viewer: Viewer, id: string): Promise<TemplateDoc> {
  const t = await findVisible(viewer, id);
  if (String(t.user) !== viewer.id)
    throw new ForbiddenError('Only the owner can change this template', 'not_template_owner');
  return t;
}

function rethrowDuplicateName(err: unknown): never {
  if ((err as { code?: number }).code === 11000)
    throw new ConflictError('You already have a template with this name', 'template_name_taken');
  throw err;
}

export async function createTemplate(viewer: Viewer, input: CreateTemplateInput): Promise<TemplateDto> {
  try {
    const doc = await Template.create({ ...input, user: viewer.id, nameKey: nameKeyOf(input.name) });
    return toTemplateDto(doc.toObject() as TemplateDoc, viewer.id);
  } catch (err) {
    rethrowDuplicateName(err);
  }
}

/** Mine and shared with me, most recently changed first. */
export async function listTemplates(viewer: Viewer, q: ListTemplatesQuery) {
  const filter = { $or: [{ user: new Types.ObjectId(viewer.id) }, { sharedWith: viewer.email }] };
  const [rows, total] = await Promise.all([
    Template.find(filter)
      .sort({ updatedAt: -1, _id: -1 })
      .skip((q.page - 1) * q.limit)
      .limit(q.limit)
      .lean<TemplateDoc[]>(),
    Template.countDocuments(filter),
  ]);
  return { templates: rows.map((t) => toTemplateDto(t, viewer.id)), total };
}

/** Public templates, most used first. */
export async function listPublicTemplates(viewer: Viewer, q: ListTemplatesQuery) {
  const filter = { isPublic: true };
  const [rows, total] = await Promise.all([
    Template.find(filter)
      .sort({ usageCount: -1, createdAt: -1, _id: -1 })
      .skip((q.page - 1) * q.limit)
      .limit(q.limit)
      .lean<TemplateDoc[]>(),
    Template.countDocuments(filter),
  ]);
  return { templates: rows.map((t) => toTemplateDto(t, viewer.id)), total };
}

export async function getTemplate(viewer: Viewer, id: string): Promise<TemplateDto> {
  return toTemplateDto(await findVisible(viewer, id), viewer.id);
}

export async function updateTemplate(
  viewer: Viewer,
  id: string,
  input: UpdateTemplateInput,
): Promise<TemplateDto> {
  await findOwned(viewer, id);
  const set: Record<string, unknown> = Object.fromEntries(
    Object.entries(input).filter(([, v]) => v !== undefined),
  );
  if (input.name !== undefined) set.nameKey = nameKeyOf(input.name);
  try {
    const t = await Template.findOneAndUpdate(
      { _id: id, user: viewer.id },
      { $set: set },
      { returnDocument: 'after', runValidators: true },
    ).lean<TemplateDoc>();
    if (!t) throw new NotFoundError(TEMPLATE_NOT_FOUND, 'template_not_found');
    return toTemplateDto(t, viewer.id);
  } catch (err) {
    rethrowDuplicateName(err);
  }
}

export async function deleteTemplate(viewer: Viewer, id: string): Promise<void> {
  await findOwned(viewer, id);
  await Template.deleteOne({ _id: id, user: viewer.id });
}

/** `{ email }` adds a reader (idempotent); `{ isPublic }` publishes or unpublishes. Owner only. */
export async function shareTemplate(viewer: Viewer, id: string, input: ShareInput): Promise<TemplateDto> {
  await findOwned(viewer, id);
  if (input.email !== undefined && input.email === viewer.email)
    throw new BadRequestError('You cannot share a template with yourself', 'cannot_share_with_self');
  const update =
    input.email !== undefined
      ? { $addToSet: { sharedWith: input.email } }
      : { $set: { isPublic: Boolean(input.isPublic) } };
  const t = await Template.findOneAndUpdate({ _id: id, user: viewer.id }, update, {
    returnDocument: 'after',
  }).lean<TemplateDoc>();
  if (!t) throw new NotFoundError(TEMPLATE_NOT_FOUND, 'template_not_found');
  return toTemplateDto(t, viewer.id);
}

/** The one difficulty to ask the generator for, when the mix names only one; mixed otherwise. */
export function difficultyOf(mix: TemplateDoc['difficultyMix']): Difficulty | undefined {
  const only = (['easy', 'medium', 'hard'] as const).filter((d) => (mix?.[d] ?? 0) > 0);
  return only.length === 1 ? only[0] : undefined;
}

export interface ApplyOutcome {
  template: TemplateDto;
  session: Awaited<ReturnType<typeof createSession>>;
  generation?: GenerateOutcome;
}

/**
 * Creates a session from a template the viewer can see and, with `generate`, requests its questions
 * through the generation service (cache, AI quota and queue included). If generation is refused (quota,
 * rate limit), the new session is removed again: the request changes nothing.
 */
export async function applyTemplate(
  viewer: Viewer,
  id: string,
  opts: { generate: boolean; requestId?: string } & BeforeModel,
): Promise<ApplyOutcome> {
  const t = await findVisible(viewer, id);
  const session = await createSession(viewer.id, {
    // Session roles are free text (2..100), the same rule templates use.
    role: t.role as CreateSessionInput['role'],
    experience: t.experience,
    topicsToFocus: [...t.topicsToFocus],
    ...(t.description ? { description: t.description } : {}),
  });
  let generation: GenerateOutcome | undefined;
  if (opts.generate) {
    const difficulty = difficultyOf(t.difficultyMix);
    try {
      generation = await requestGeneration(
        viewer.id,
        { sessionId: String(session._id), count: t.questionCount, ...(difficulty ? { difficulty } : {}) },
        opts.requestId,
        { beforeModel: opts.beforeModel },
      );
    } catch (err) {
      await deleteSession(viewer.id, String(session._id)).catch(() => undefined);
      throw err;
    }
  }
  const updated = await Template.findOneAndUpdate(
    { _id: t._id },
    { $inc: { usageCount: 1 } },
    { returnDocument: 'after' },
  ).lean<TemplateDoc>();
  return { template: toTemplateDto(updated ?? t, viewer.id), session, ...(generation ? { generation } : {}) };
}

/** Account deletion: the user's templates go. */
export async function deleteTemplatesOfUser(userId: string): Promise<void> {
  await Template.deleteMany({ user: userId });
}
