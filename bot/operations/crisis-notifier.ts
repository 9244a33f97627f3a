import Bottleneck from 'bottleneck';
import type { Engine } from '../engine.js';
import type { Logger } from '../logger.js';
import type { CrisisStore, PendingNotice } from './crisis-store.js';

export interface CrisisNotifierOptions {
  store: CrisisStore;
  engine: Pick<Engine, 'act'>;
  clock: () => Date;
  logger: Logger;
  /** Notices sent per second at most (default 5): a crisis must not flood a channel's API. */
  perSecond?: number;
  /** How often queued notices are looked for besides the desk's kicks (default one minute). */
  pollMs?: number;
}

const DEFAULT_NOTICES_PER_SECOND = 5;
/** Notices read from the store at a time. */
const BATCH = 100;

/** One notice at a time, the next no sooner than 1/perSecond after the previous one started. */
export function limiterSettings(perSecond: number): Bottleneck.ConstructorOptions {
  if (!(perSecond > 0)) throw new RangeError(`CrisisNotifier: perSecond must be above 0, got ${perSecond}`);
  return { maxConcurrent: 1, minTime: Math.ceil(1000 / perSecond) };
}

/**
 * Sends queued crisis notices at a bounded rate. Each is a turn of the customer's conversation
 * (`engine.act`, action key `crisis:<id>` per conversation), so it is stored with the messages,
 * leaves through the outbox, and is sent once even when a restart interrupts it between the send
 * and the mark: notices still queued at start are picked up again.
 */
export class CrisisNotifier {
  private readonly limiter: Bottleneck;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private kickedWhileRunning = false;
  private stopped = false;

  constructor(private readonly options: CrisisNotifierOptions) {
    this.limiter = new Bottleneck(limiterSettings(options.perSecond ?? DEFAULT_NOTICES_PER_SECOND));
  }

  start(): void {
    this.stopped = false;
    void this.kick();
    this.timer = setInterval(() => void this.kick(), this.options.pollMs ?? 60_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** Sends what is queued; a kick during a round makes another round follow it. */
  kick(): Promise<void> {
    if (this.running) {
      this.kickedWhileRunning = true;
      return this.running;
    }
    this.running = this.round().finally(() => {
      this.running = undefined;
      if (this.kickedWhileRunning && !this.stopped) {
        this.kickedWhileRunning = false;
        void this.kick();
      }
    });
    return this.running;
  }

  private async round(): Promise<void> {
    const failed = new Set<string>();
    try {
      while (!this.stopped) {
        // Notices that failed in this round are skipped, so they cannot hold back the others.
        const pending = (await this.options.store.pendingNotices(BATCH + failed.size)).filter(notice => !failed.has(keyOf(notice)));
        if (pending.length === 0) return;
        for (const notice of pending) {
          if (this.stopped) return;
          if (!(await this.limiter.schedule(() => this.send(notice)))) failed.add(keyOf(notice));
        }
      }
    } catch (error) {
      this.options.logger.error({ err: error }, 'crisis notices: round failed');
    }
  }

  /** True when the notice was sent now or before; false when it must be tried again later. */
  private async send(notice: PendingNotice): Promise<boolean> {
    const { store, engine, clock, logger } = this.options;
    const { crisisId, conversationId, channel, userId, lang } = notice;
    try {
      const sent = await engine.act({ conversationId, channel, userId }, { channel: `crisis:${crisisId}`, messageId: conversationId }, async context => {
        // Closed since it was queued: the preset the notice announces no longer applies.
        if ((await store.find(crisisId))?.closedAt !== null) return { changes: null, result: false };
        // A conversation with no dialog yet (known from its cases only) goes on in the notice's language.
        context.state.lang = lang;
        context.replies.sayText(notice.notice[lang]);
        return { changes: {}, result: true };
      }, true);
      if (sent) await store.markNoticeSent(crisisId, conversationId, clock().toISOString());
      return sent;
    } catch (error) {
      logger.warn({ err: error, crisisId, conversationId }, 'crisis notice not sent; will retry');
      return false;
    }
  }
}

function keyOf(notice: PendingNotice): string {
  return `${notice.crisisId} ${notice.conversationId}`;
}
