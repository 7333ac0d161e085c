/**
 * The fake server's rate limit: at most `perSecond` accepted requests in any sliding second, like
 * Callbell's 300 requests/s. Refused requests do not count, so a client that waits gets back in.
 */
export class SlidingWindow {
  /** Arrival times (ms) of the accepted requests of the last second, oldest first. */
  private readonly accepted: number[] = [];
  private head = 0;

  /** Records the request and returns true when it fits under `perSecond`; false means 429. */
  admit(now: number, perSecond: number): boolean {
    while (this.head < this.accepted.length && this.accepted[this.head] <= now - 1000) this.head += 1;
    // Drop the expired entries now and then, not on every call.
    if (this.head > 1024) {
      this.accepted.splice(0, this.head);
      this.head = 0;
    }
    if (this.accepted.length - this.head >= perSecond) return false;
    this.accepted.push(now);
    return true;
  }
}
