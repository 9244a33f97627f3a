/** Codes of the errors returnbot raises on purpose; anything else is a bug. */
export type ErrorCode =
  | 'config_invalid'
  | 'rules_invalid'
  | 'stale_state'
  | 'duplicate_message'
  | 'store_failed'
  | 'channel_unavailable'
  | 'corpus_invalid';

/**
 * One error type for the whole bot, in the spirit of bolt-js's coded errors: callers switch on
 * `code`, and `message` names where it came from (`SqliteStore.saveTurn(): ...`).
 */
export class ReturnbotError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ReturnbotError';
  }
}

export function isCoded(error: unknown, code: ErrorCode): error is ReturnbotError {
  return error instanceof ReturnbotError && error.code === code;
}
