import { z } from 'zod';
import { defineRoute, envelope, listEnvelope } from '../../http/route-spec';
import { objectId, paginationQuery } from '../../http/schemas';
import { CONTENT_TYPES, EXPORT_FILENAME, EXPORT_FORMATS, EXPORT_STATUS } from './export.model';

// The forms' choices (GET /api/v1/meta/options) come from the same list.
export { EXPORT_FORMATS };

export const FORMAT_MESSAGE = 'Invalid format. Use pdf, csv, or docx';

export const exportSessionParams = z.object({ sessionId: objectId });

/** `?format=pdf|csv|docx` (case-insensitive); missing or unknown → 400 with the old message. */
export const exportFormatQuery = z.object({
  format: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
    z.enum(EXPORT_FORMATS, { error: FORMAT_MESSAGE }),
  ),
});

// Any short token is accepted; ids that are not ours (or not ids at all) are simply not found.
export const exportJobParams = z.object({ jobId: z.string().min(1).max(100) });

export const exportFilenameParams = z.object({
  filename: z.string().regex(EXPORT_FILENAME, 'Not a valid export filename'),
});

export const listExportsQuery = paginationQuery(20, 100).strict();

// ---- HTTP contract: response shapes and one spec per route line (validated and documented) ----

const isoDate = z.string().openapi({ format: 'date-time' });

/** An export as the list and the 202 answer show it (exports.service.ts `toExportView`). */
export const exportSchema = z
  .object({
    _id: z.string(),
    jobId: z.string().openapi({ description: 'The export id, also its job id' }),
    sessionId: z.string(),
    format: z.enum(EXPORT_FORMATS),
    status: z.enum(EXPORT_STATUS),
    progress: z.number().int().min(0).max(100),
    filename: z.string(),
    size: z.number().int().optional().openapi({ description: 'Bytes, once rendered' }),
    questionCount: z.number().int().optional(),
    error: z.string().optional(),
    downloadUrl: z.string().optional().openapi({ description: 'Only when completed' }),
    createdAt: isoDate,
    completedAt: isoDate.optional(),
    expiresAt: isoDate.openapi({ description: 'After this the export and its file are gone' }),
  })
  .openapi('Export');

/**
 * `GET /export/status/:jobId` (and `/queue/export/:jobId`): the job fields at the top level, the old
 * shape. `success` is false when the export failed; `downloadUrl`, `filename`, `size`, `expiresAt`
 * appear once it completed, `error` when it failed.
 */
export const exportJobStatusSchema = z
  .object({
    success: z.boolean(),
    message: z.string(),
    jobId: z.string(),
    status: z.enum(EXPORT_STATUS),
    progress: z.number().int().min(0).max(100),
    format: z.enum(EXPORT_FORMATS),
    downloadUrl: z.string().optional(),
    filename: z.string().optional(),
    size: z.number().int().optional(),
    expiresAt: isoDate.optional(),
    error: z.string().optional(),
  })
  .openapi('ExportJobStatus');

const FORMAT_PARAM_MESSAGE = { message: FORMAT_MESSAGE };

export const createExportRoute = defineRoute({
  summary: "Queue an export of a session's questions (PDF, CSV or Word)",
  description:
    'Renders in the worker; poll `checkStatusUrl`, then download from `downloadUrl`. Files expire after ' +
    '`EXPORT_TTL_HOURS` (24 by default). Limited to 10 exports per 10 minutes per user.',
  params: exportSessionParams,
  query: exportFormatQuery,
  // The old API's message for a bad format; a bad session id keeps the usual one.
  invalidInput: ({ part }) => (part === 'query' ? FORMAT_PARAM_MESSAGE : undefined),
  responses: {
    202: {
      description: 'Queued: the job fields at the top level, the export record in `data.export`',
      schema: envelope(z.object({ export: exportSchema }), {
        jobId: z.string(),
        status: z.enum(EXPORT_STATUS),
        checkStatusUrl: z.string().openapi({ example: '/api/v1/export/status/665f1c2ab1e4c1a2b3c4d5e6' }),
      }),
    },
  },
  errors: ['session_not_found', 'empty_session'],
});

export const exportStatusRoute = defineRoute({
  summary: 'Status of an export job',
  params: exportJobParams,
  responses: { 200: { description: 'The job state (also when it failed)', schema: exportJobStatusSchema } },
  errors: ['export_not_found'],
});

const binary = z.string().openapi({ format: 'binary' });
export const downloadExportRoute = defineRoute({
  summary: 'Download an export file (owner only, until it expires)',
  description: 'Sent with `Content-Disposition: attachment; filename="<filename>"`.',
  params: exportFilenameParams,
  invalidInput: 'Invalid filename',
  responses: {
    200: {
      description: 'The file, with the Content-Type of its format (pdf, csv, docx)',
      schema: binary,
      contentType: ['application/pdf', 'text/csv', CONTENT_TYPES.docx],
    },
  },
  errors: ['file_not_found'],
});

export const listExportsRoute = defineRoute({
  summary: "The user's exports, newest first, with status and expiry",
  query: listExportsQuery,
  responses: {
    200: {
      description: 'One page of exports',
      schema: listEnvelope(z.object({ exports: z.array(exportSchema) })),
    },
  },
});

export const deleteExportRoute = defineRoute({
  summary: 'Delete an export and its file',
  params: exportJobParams,
  responses: {
    200: { description: 'Deleted', schema: envelope(z.object({ deletedId: z.string() })) },
  },
  errors: ['export_not_found'],
});
