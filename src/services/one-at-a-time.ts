/**
 * Runs an async job one call at a time: a call made while another runs waits for it to settle,
 * then runs its own. The digest's and the follows' ticks use it, so a slow tick and the next one
 * (from the schedule, a command or a test) never overlap.
 */
export class OneAtATime<A extends unknown[], R> {
  private current: Promise<R> | undefined;

  constructor(private readonly job: (...args: A) => Promise<R>) {}

  async run(...args: A): Promise<R> {
    while (this.current) await this.current.catch(() => undefined);
    const current = this.job(...args);
    this.current = current;
    try {
      return await current;
    } finally {
      this.current = undefined;
    }
  }

  /** Settles when the call under way (if any) has settled, whatever its outcome. */
  async idle(): Promise<void> {
    await this.current?.catch(() => undefined);
  }
}
