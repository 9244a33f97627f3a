import { parseCookie, stringifySetCookie } from 'cookie';
import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'returnbot_ops';

export interface CookiePolicy {
  /** Only over https: set when PUBLIC_URL is https. */
  secure: boolean;
  sessionHours: number;
}

export function sessionToken(req: Request): string | undefined {
  const header = req.headers.cookie;
  return header ? parseCookie(header)[SESSION_COOKIE] : undefined;
}

/** HttpOnly (no script reads it), SameSite=Strict (no other site sends it), only under /ops. */
export function setSessionCookie(res: Response, token: string, policy: CookiePolicy): void {
  res.append('Set-Cookie', stringifySetCookie(SESSION_COOKIE, token, { ...attributes(policy), maxAge: Math.floor(policy.sessionHours * 3600) }));
}

export function clearSessionCookie(res: Response, policy: CookiePolicy): void {
  res.append('Set-Cookie', stringifySetCookie(SESSION_COOKIE, '', { ...attributes(policy), maxAge: 0 }));
}

function attributes(policy: CookiePolicy) {
  return { httpOnly: true, sameSite: 'strict', path: '/ops', secure: policy.secure } as const;
}
