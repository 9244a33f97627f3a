import type { NextFunction, Request, Response } from 'express';

/**
 * Scripts only from the console's own files (no inline script, no eval). Inline styles are
 * allowed because ECharts writes style attributes into its tooltips.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** On every /ops response, including refusals. */
export function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.set({
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'same-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
    // Pages and answers hold operators' data: nothing is kept by the browser or a proxy unless a route says otherwise.
    'Cache-Control': 'no-store',
  });
  next();
}
