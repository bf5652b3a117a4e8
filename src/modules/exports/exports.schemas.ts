import { z } from 'zod';
import { objectId, paginationQuery } from '../../http/schemas';
import { EXPORT_FILENAME, EXPORT_FORMATS } from './export.model';

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
