import type { NextFunction, Request, Response } from 'express';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { sendError } from './errors.js';

/** Wrong sign-ins one address may make in WINDOW_SECONDS before it must wait. */
const FAILURES_PER_ADDRESS = 20;
const WINDOW_SECONDS = 15 * 60;

/**
 * The accounts' lock-out stops guessing one operator's password; this stops one address from
 * trying many usernames (password spraying, finding which accounts exist through their lock-out).
 * Only failures count, so colleagues behind one office address never block each other by signing in.
 */
export class SignInThrottle {
  private readonly failures = new RateLimiterMemory({ points: FAILURES_PER_ADDRESS, duration: WINDOW_SECONDS });

  /** Refuses with 429 an address that has used up its failures. */
  readonly check = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const seen = await this.failures.get(addressOf(req));
    if (seen && seen.consumedPoints >= FAILURES_PER_ADDRESS) {
      const seconds = Math.ceil(seen.msBeforeNext / 1000);
      res.set('Retry-After', String(seconds));
      sendError(res, 429, 'too_many_attempts', `too many failed sign-ins from this address: try again in ${Math.ceil(seconds / 60)} minutes`);
      return;
    }
    next();
  };

  async failed(req: Request): Promise<void> {
    // Spending the last point rejects; the refusal is the next request's `check`, not this one's.
    await this.failures.consume(addressOf(req)).catch(() => undefined);
  }
}

function addressOf(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
