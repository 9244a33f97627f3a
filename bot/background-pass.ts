/**
 * Work done in passes, every `intervalMs` and whenever `kick()` says there is something new: a
 * kick during a pass runs one more pass right after it, never two at once, so new work never
 * waits for the next interval and nothing is taken twice by this process.
 */
export abstract class BackgroundPass {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;

  constructor(private readonly intervalMs: number) {}

  start(): void {
    this.timer = setInterval(() => this.kick(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Runs a pass soon, without making the caller wait. */
  kick(): void {
    void this.runOnce();
  }

  runOnce(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.pass();
      } while (this.again);
    })().finally(() => { this.running = undefined; });
    return this.running;
  }

  /** One pass over what is pending; must not throw (log instead: the next pass tries again). */
  protected abstract pass(): Promise<void>;
}
