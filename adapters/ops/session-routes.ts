import express, { Router } from 'express';
import { z } from 'zod';
import type { OperatorAccounts } from '../../bot/operations/accounts.js';
import { sendError } from './errors.js';
import { requireCsrfHeader } from './require-session.js';
import { clearSessionCookie, setSessionCookie, sessionToken, type CookiePolicy } from './session-cookie.js';
import { SignInThrottle } from './sign-in-throttle.js';

const credentials = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(200),
});

/** Sign-in and sign-out at /ops/api/session: open to anyone, but only from the console's own scripts. */
export function sessionRoutes(accounts: OperatorAccounts, cookie: CookiePolicy): Router {
  const router = Router();
  const throttle = new SignInThrottle();

  router.use('/api/session', requireCsrfHeader, express.json({ limit: '10kb' }));

  router.post('/api/session', throttle.check, async (req, res) => {
    const parsed = credentials.safeParse(req.body);
    if (!parsed.success) {
      sendError(res, 400, 'bad_request', 'send JSON {"username": "…", "password": "…"}');
      return;
    }
    const result = await accounts.signIn(parsed.data.username, parsed.data.password);
    if (!result.ok) await throttle.failed(req);
    if (result.ok) {
      setSessionCookie(res, result.token, cookie);
      res.json({ operator: result.operator, expiresAt: result.expiresAt.toISOString() });
      return;
    }
    if (result.reason === 'locked') {
      sendError(res, 423, 'locked', `too many wrong passwords: this account is locked until ${result.until.toISOString()}`, { lockedUntil: result.until.toISOString() });
      return;
    }
    sendError(res, 401, 'wrong_credentials', 'wrong username or password');
  });

  router.delete('/api/session', async (req, res) => {
    const token = sessionToken(req);
    if (token) await accounts.signOut(token);
    clearSessionCookie(res, cookie);
    res.status(204).end();
  });

  return router;
}
