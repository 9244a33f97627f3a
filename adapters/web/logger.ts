import { pino } from 'pino';

/** The part of pino the web channel uses, so that the composition root can pass its own logger. */
export interface Logger {
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

export function defaultLogger(): Logger {
  return pino({ name: 'web' });
}

/** Error details for one log line: the message and code, never the whole object graph. */
export function describeError(error: unknown): { error: string; code?: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? { error: error.message, code } : { error: error.message };
  }
  return { error: String(error) };
}
