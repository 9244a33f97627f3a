import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Everything the emulator signs derives from the one configured secret, one purpose each, so that
 * nothing needs storing and every signature survives a restart.
 */
export class Keys {
  constructor(private readonly secret: string) {}

  sign(purpose: string, data: string): string {
    return createHmac('sha256', this.secret).update(`${purpose}\n${data}`).digest('base64url');
  }

  verify(purpose: string, data: string, signature: string): boolean {
    return safeEqual(this.sign(purpose, data), signature);
  }
}

/** Compares secrets in constant time; a length mismatch is no secret. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
