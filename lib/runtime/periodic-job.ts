/**
 * A background job that runs one round every `intervalMs` (ms), never two rounds at
 * once in this process: a round still running is joined, not started again. The timer
 * does not keep the process alive; `close()` stops it and waits for the round in flight.
 * Subclasses supply `round(now)` (now in epoch ms) and handle their own errors.
 */
export abstract class PeriodicJob<T> {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<T> | undefined;

  protected constructor(private readonly intervalMs: number) {}

  protected abstract round(now: number): Promise<T>;

  start(): void {
    this.timer = setInterval(() => void this.runOnce(), this.intervalMs);
    this.timer.unref();
  }

  /** One round; resolves with its result when done (joins a round already running). */
  runOnce(now = Date.now()): Promise<T> {
    this.running ??= this.round(now).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
