import { Router } from 'express';
import type { OpsSection } from './section.js';

export interface OpsConsoleOptions {
  sections: OpsSection[];
}

/** Placeholder until sign-in lands: nothing under /ops answers without a session, and none exists yet. */
export function opsConsole(_options: OpsConsoleOptions): Router {
  const router = Router();
  router.use((_req, res) => {
    res.status(401).json({ error: { code: 'unauthenticated', message: 'sign in at /ops/login' } });
  });
  return router;
}
