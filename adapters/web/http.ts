import express, { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import { describeError, type Logger } from './logger.js';

/** An error meant for the caller: its status and message are sent as they are. */
export class HttpError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 413 | 503,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/**
 * Parses a JSON object body up to `limit` bytes. Anything else is refused here, so handlers only
 * ever see an object (body-parser's own errors carry 400 and 413).
 */
export function jsonObjectBody(limit: number): RequestHandler[] {
  return [
    express.json({ limit, type: () => true }),
    (req, _res, next) => {
      const body: unknown = req.body;
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new HttpError(400, 'expected a JSON object');
      }
      next();
    },
  ];
}

/**
 * Gives a router its own error reply. Inside the router it only sees the router's errors, never
 * those of routes the composition root mounted next to ours.
 */
export function guarded(logger: Logger, where: string, router: Router): Router {
  return Router({ mergeParams: true }).use(router, errorReply(logger, where));
}

function statusOf(error: unknown): number {
  if (error instanceof HttpError) return error.status;
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : 500;
}

/**
 * Turns any error of a router into one JSON reply (Direct Line's `{ error: { code, message } }`)
 * and one log line. Logs the route pattern, not the URL: some URLs carry keys.
 */
function errorReply(logger: Logger, where: string): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const status = statusOf(error);
    const fields = {
      where,
      method: req.method,
      route: (req.route as { path?: string } | undefined)?.path,
      conversationId: req.params.conversationId,
      status,
      ...describeError(error),
    };
    if (status >= 500) logger.error(fields, 'web request failed');
    else logger.warn(fields, 'web request refused');
    if (res.headersSent) {
      res.end();
      return;
    }
    const message = status >= 500 ? 'internal error' : describeError(error).error;
    res.status(status).json({ error: { code: String(status), message } });
  };
}
