import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import { ok, pagination } from '../../http/respond';
import { inputOf } from '../../http/route-spec';
import * as service from './exports.service';
import {
  createExportRoute,
  deleteExportRoute,
  downloadExportRoute,
  exportStatusRoute,
  listExportsRoute,
} from './exports.schemas';

const userId = (req: Request) => req.user!.id;

/** POST /export/export/:sessionId?format= → 202 with the job fields at the top level (old shape). */
export async function create(req: Request, res: Response) {
  const { params, query } = inputOf(req, createExportRoute);
  const { sessionId } = params;
  const { format } = query;
  const view = await service.requestExport(userId(req), sessionId, format, req.id);
  res.status(202).json({
    success: true,
    message: 'Export queued successfully',
    jobId: view.jobId,
    status: view.status,
    checkStatusUrl: service.statusUrl(view.jobId),
    data: { export: view },
  });
}

/** GET /export/status/:jobId and /queue/export/:jobId: state at the top level; failed → success:false. */
export async function status(req: Request, res: Response) {
  const { jobId } = inputOf(req, exportStatusRoute).params;
  const v = await service.getExport(userId(req), jobId);
  const body: Record<string, unknown> = {
    success: v.status !== 'failed',
    status: v.status,
    progress: v.progress,
    jobId: v.jobId,
    format: v.format,
    message: service.exportMessage(v),
  };
  if (v.status === 'completed') {
    Object.assign(body, {
      downloadUrl: v.downloadUrl,
      filename: v.filename,
      size: v.size,
      expiresAt: v.expiresAt,
    });
  }
  if (v.status === 'failed') body.error = v.error ?? 'Export failed';
  res.status(200).json(body);
}

export async function list(req: Request, res: Response) {
  const q = inputOf(req, listExportsRoute).query;
  const { exports, total } = await service.listExports(userId(req), q.page, q.limit);
  ok(
    res,
    'Exports retrieved successfully',
    { exports },
    { count: exports.length, pagination: pagination(q.page, q.limit, total) },
  );
}

export async function remove(req: Request, res: Response) {
  const { jobId } = inputOf(req, deleteExportRoute).params;
  await service.deleteExport(userId(req), jobId);
  ok(res, 'Export deleted successfully', { deletedId: jobId });
}

/** Streams the file from GridFS; only its owner, only while it has not expired. */
export async function download(req: Request, res: Response) {
  const { filename } = inputOf(req, downloadExportRoute).params;
  const file = await service.openExportDownload(userId(req), filename);
  res.status(200);
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Length', String(file.length));
  res.setHeader('Cache-Control', 'private, no-store');
  // The name matches EXPORT_FILENAME (no quotes or non-ASCII), so it can be quoted as is.
  res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
  await pipeline(file.stream, res).catch((err: NodeJS.ErrnoException) => {
    // A client that goes away mid-download is not a server error.
    if (err.code !== 'ERR_STREAM_PREMATURE_CLOSE') throw err;
  });
}
