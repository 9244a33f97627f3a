import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { OperatorAccounts } from '../../bot/operations/accounts.js';
import type { Logger } from '../../bot/logger.js';
import { sendError } from './errors.js';
import { requireCsrfHeader, requireSession } from './require-session.js';
import type { OpsSection } from './section.js';
import { securityHeaders } from './security-headers.js';
import type { CookiePolicy } from './session-cookie.js';
import { sessionRoutes } from './session-routes.js';
import { publicAssets, shellAssets } from './static-routes.js';

export interface OpsConsoleOptions {
  /** Read at each request: parts of the console may add their section after mounting. */
  sections: readonly OpsSection[];
  accounts: OperatorAccounts;
  cookie: CookiePolicy;
  logger: Logger;
}

/**
 * The operations console, mounted at /ops. Open to anyone: the sign-in page and sign-in/out.
 * Everything else needs a session, and every change the console's CSRF header.
 */
export function opsConsole(options: OpsConsoleOptions): Router {
  const router = Router();
  router.use(securityHeaders);
  router.use(publicAssets());
  router.use(sessionRoutes(options.accounts, options.cookie));

  router.use(requireSession(options.accounts));
  router.use(requireCsrfHeader);
  router.use('/api', express.json({ limit: '1mb' }));
  router.use(shellAssets());
  router.get('/api/me', (_req, res) => {
    res.json({ operator: res.locals['operator'] });
  });
  router.use('/api/:section', (req, res, next) => {
    const section = options.sections.find(candidate => candidate.name === req.params['section']);
    if (section) section.router(req, res, next);
    else next();
  });
  router.use((req, res) => sendError(res, 404, 'not_found', `nothing at ${req.method} /ops${req.path}`));
  router.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const type = (error as { type?: string }).type;
    if (type === 'entity.parse.failed') return sendError(res, 400, 'bad_request', 'the body is not valid JSON');
    if (type === 'entity.too.large') return sendError(res, 413, 'too_large', 'the body is too large for this request');
    options.logger.error({ err: error, path: req.originalUrl }, 'operations console: request failed');
    if (!res.headersSent) sendError(res, 500, 'internal', 'something went wrong on our side; the log has the details');
  });
  return router;
}
