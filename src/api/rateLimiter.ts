import { sleep } from './signals';

/**
 * A token bucket that hands out start times instead of polling: each `take()` removes a token,
 * the balance may go negative, and a caller waits until its own token has been refilled. Waiters
 * are therefore served in call order without a queue. `pauseUntil()` lets a 429's Retry-After hold
 * every caller back, not only the request that received it.
 *
 * undici has no client-side rate limiter (its Pool bounds connections, not requests per second),
 * hence this one.
 */
export class RateLimiter {
  private tokens: number;
  private lastRefill: number;
  private pausedUntil = 0;

  /**
   * @param perSecond sustained rate
   * @param burst bucket size: how many requests may start at once after a quiet period
   */
  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.lastRefill = now();
  }

  /** Waits for a token; rejects with `onAbort()` if `signal` aborts first. */
  async take(signal: AbortSignal | undefined, onAbort: () => Error): Promise<void> {
    if (signal?.aborted) throw onAbort();
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.lastRefill) * this.perSecond) / 1000);
    this.lastRefill = now;
    this.tokens -= 1;
    const waitForToken = this.tokens >= 0 ? 0 : (-this.tokens * 1000) / this.perSecond;
    const wait = Math.max(waitForToken, this.pausedUntil - now);
    if (wait > 0) await sleep(wait, signal, onAbort);
  }

  /** Holds back every `take()` until `time` (epoch ms). */
  pauseUntil(time: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, time);
  }
}
