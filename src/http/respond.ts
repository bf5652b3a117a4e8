import type { Response } from 'express';

/** Success envelope: `{ success: true, message, data, ...extra }` (extra carries `count`, `pagination`, job fields). */
export function send(
  res: Response,
  status: number,
  message: string,
  data?: unknown,
  extra: Record<string, unknown> = {},
): void {
  const body: Record<string, unknown> = { success: true, message, ...extra };
  if (data !== undefined) body.data = data;
  res.status(status).json(body);
}

export const ok = (res: Response, message: string, data?: unknown, extra?: Record<string, unknown>) =>
  send(res, 200, message, data, extra);
export const created = (res: Response, message: string, data?: unknown, extra?: Record<string, unknown>) =>
  send(res, 201, message, data, extra);
export const accepted = (res: Response, message: string, data?: unknown, extra?: Record<string, unknown>) =>
  send(res, 202, message, data, extra);

export interface Pagination {
  page: number;
  limit: number;
  total: number;
  pages: number;
}
export function pagination(page: number, limit: number, total: number): Pagination {
  return { page, limit, total, pages: Math.max(1, Math.ceil(total / limit)) };
}
