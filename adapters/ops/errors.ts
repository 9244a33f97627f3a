import type { Response } from 'express';

/** The console API's one error shape: `{ error: { code, message } }`. */
export function sendError(res: Response, status: number, code: string, message: string, extra: Record<string, unknown> = {}): void {
  res.status(status).json({ error: { code, message, ...extra } });
}
