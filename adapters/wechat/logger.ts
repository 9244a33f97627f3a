/** The part of a logger (pino's) the WeChat channel uses, so that the composition root passes its own. */
export interface WechatLogger {
  debug(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

/** For a channel built without a logger: says nothing. */
export const silentLogger: WechatLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** One error as log fields: its message and code, never the puppet's whole object graph. */
export function describeError(error: unknown): { error: string; code?: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? { error: error.message, code } : { error: error.message };
  }
  return { error: String(error) };
}
