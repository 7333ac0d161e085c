/**
 * A clock that jumps from timer to timer instead of waiting: code under test gets `now` and `sleep`
 * from it, and `run()` fires the earliest pending timer whenever nothing else is left to run. Minutes
 * of paced requests then take milliseconds, and every start time is exact.
 */
interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly fire: () => void;
}

export class VirtualClock {
  private time = 0;
  private seq = 0;
  private timers: Timer[] = [];

  /** @param lateness how late the n-th timer fires (ms), like timers on a busy event loop. Default 0. */
  constructor(private readonly lateness: (n: number) => number = () => 0) {}

  readonly now = (): number => this.time;

  readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve, reject) => {
      const onAbort = (): void => {
        this.timers = this.timers.filter((t) => t !== timer);
        reject(new Error('aborted'));
      };
      const timer: Timer = {
        at: this.time + Math.max(0, ms) + this.lateness(this.seq),
        seq: this.seq++,
        fire: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      if (signal?.aborted) {
        reject(new Error('aborted'));
        return;
      }
      this.timers.push(timer);
      signal?.addEventListener('abort', onAbort, { once: true });
    });

  /** Settles `work`, moving the clock to each next timer once every pending callback has run. */
  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    work.then(() => (settled = true), () => (settled = true));
    for (;;) {
      // Promise callbacks all run before a setImmediate does: after it, only timers can move things on.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (settled) return work;
      if (this.timers.length === 0) throw new Error('stuck: the work waits, but no timer is pending');
      const next = this.timers.reduce((a, b) => (b.at < a.at || (b.at === a.at && b.seq < a.seq) ? b : a));
      this.timers = this.timers.filter((t) => t !== next);
      this.time = next.at;
      next.fire();
    }
  }
}
