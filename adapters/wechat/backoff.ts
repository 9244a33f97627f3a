/** How long to wait before the next try: doubling from `initialMs` up to `maxMs`. */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
}

/**
 * Exponential backoff with jitter (half fixed, half random), so that many bots restarting after
 * one outage do not all knock at once. `attempt` counts from 0.
 */
export function backoffDelay(attempt: number, { initialMs, maxMs }: BackoffOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, initialMs * 2 ** Math.min(Math.max(attempt, 0), 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
