import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { OperatorAccounts } from '../../bot/operations/accounts.js';
import { sendError } from './errors.js';
import { sessionToken } from './session-cookie.js';

/** What the console's own scripts send with every change; another site's form cannot set a header. */
export const CSRF_HEADER = 'x-requested-with';
export const CSRF_VALUE = 'returnbot-ops';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Lets a request on only with a live session, putting its operator in `res.locals.operator`
 * (read with `signedIn(res)`). A page opened in the browser is sent to the sign-in page; scripts
 * and API calls get 401.
 */
export function requireSession(accounts: OperatorAccounts): RequestHandler {
  return async (req, res, next) => {
    const token = sessionToken(req);
    const operator = token ? await accounts.session(token) : null;
    if (operator) {
      res.locals['operator'] = operator;
      next();
      return;
    }
    if (isPageNavigation(req)) {
      res.redirect(303, '/ops/login');
      return;
    }
    sendError(res, 401, 'unauthenticated', 'sign in at /ops/login first (or your session has ended)');
  };
}

/** Refuses a change (POST, PUT, DELETE …) that does not carry the console's header. */
export function requireCsrfHeader(req: Request, res: Response, next: NextFunction): void {
  if (SAFE_METHODS.has(req.method) || req.get(CSRF_HEADER) === CSRF_VALUE) {
    next();
    return;
  }
  sendError(res, 403, 'csrf', `changes must carry the header "X-Requested-With: ${CSRF_VALUE}" (the console sends it)`);
}

function isPageNavigation(req: Request): boolean {
  return req.method === 'GET' && !req.path.startsWith('/api/') && req.accepts(['json', 'html']) === 'html';
}
