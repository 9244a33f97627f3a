import type { NextFunction, Request, Response, Router } from 'express';
import type { SignedInOperator } from '../../bot/operations/operators.js';

/**
 * One part of the console's API, mounted at `/ops/api/<name>` behind the session check: every
 * request reaching `router` has a signed-in operator (`signedIn(res)`).
 */
export interface OpsSection {
  name: string;
  router: Router;
}

/** The operator of the request; set by the session check before any section runs. */
export function signedIn(res: Response): SignedInOperator {
  const operator = res.locals['operator'] as SignedInOperator | undefined;
  if (!operator) throw new Error('ops section reached without a session: mount it through opsConsole()');
  return operator;
}

/** For routes that change something (open a crisis, apply rules): viewers get 403. */
export function operatorsOnly(_req: Request, res: Response, next: NextFunction): void {
  if (signedIn(res).role !== 'operator') {
    res.status(403).json({ error: { code: 'forbidden', message: 'viewers may read the console but not change anything; ask an operator' } });
    return;
  }
  next();
}
