import { z } from 'zod';
import { questionSchema } from '../questions/question-entity.schemas';
import { defineRoute } from '../../http/route-spec';
import { EXPORT_FORMATS } from '../exports/exports.schemas';

// Any short token is accepted here; ids that are not ours (or not ids at all) are simply not found.
export const jobParams = z.object({ jobId: z.string().min(1).max(100) });

/** Bull-like state names shared by every job kind (generation, export, evaluation, explanation). */
const jobState = z.enum(['waiting', 'active', 'delayed', 'completed', 'failed']);
const isoDate = z.string().openapi({ format: 'date-time' });

/**
 * A question as a finished generation job returns it. The Question entity is documented with the
 * questions routes; here only the fields every question has are required.
 */
/** Job results carry questions in the one Question shape every endpoint uses. */
export const questionItemSchema = questionSchema;

export const generationResultSchema = z
  .object({
    count: z.number().int(),
    questions: z.array(questionItemSchema),
    uncoveredTopics: z
      .array(z.object({ topic: z.string(), closestTopic: z.string().nullable() }))
      .optional()
      .openapi({ description: 'Generation only: requested topics the offline question bank does not cover' }),
  })
  .openapi('GenerationResult');

/**
 * `GET /queue/question/:jobId`: the old shape, state at the top level. `success` is false when the
 * job failed (with `error`); a completed job puts its questions in `data`; a running one adds `stage`.
 */
export const questionJobStatusSchema = z
  .object({
    success: z.boolean(),
    message: z.string(),
    jobId: z.string(),
    type: z.enum(['question-generation', 'question-regeneration']),
    status: jobState,
    progress: z.number().int().min(0).max(100),
    stage: z.string().optional(),
    error: z.string().optional(),
    data: generationResultSchema.optional(),
  })
  .openapi('QuestionJobStatus');

/**
 * `GET /queue/job/:jobId`: any of the user's jobs, whatever its kind. The contract's job fields sit at
 * the top level (`jobId, status, progress, downloadUrl, checkStatusUrl, error`); `data` holds a
 * completed job's result (`{count, questions}`, `{attempt}` or `{explanation}`); an export adds its
 * `format`, `filename`, `expiresAt` and, once done, `downloadUrl`.
 */
export const jobStatusSchema = z
  .object({
    success: z.boolean(),
    message: z.string(),
    jobId: z.string(),
    type: z.string().openapi({
      example: 'question-generation',
      description:
        'question-generation, question-regeneration, export-generation, answer-evaluation or concept-explanation',
    }),
    status: jobState,
    progress: z.number().int().min(0).max(100),
    stage: z.string().optional(),
    error: z.string().optional(),
    format: z.enum(EXPORT_FORMATS).optional(),
    filename: z.string().optional(),
    downloadUrl: z.string().optional(),
    expiresAt: isoDate.optional(),
    data: z.unknown().optional(),
  })
  .openapi('JobStatus');

export const questionJobStatusRoute = defineRoute({
  summary: 'Status of a question generation or regeneration job',
  description: "Only the job's owner sees it; the status outlives Bull's job retention.",
  params: jobParams,
  responses: {
    200: { description: 'The job state (also when it failed)', schema: questionJobStatusSchema },
  },
  errors: ['job_not_found'],
});

export const anyJobStatusRoute = defineRoute({
  summary: "Status of any of the user's jobs, whatever its kind",
  params: jobParams,
  responses: { 200: { description: 'The job state (also when it failed)', schema: jobStatusSchema } },
  errors: ['job_not_found'],
});
