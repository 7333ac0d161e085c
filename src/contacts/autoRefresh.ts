/** Shorter periods would spend the account's rate limit on one idle view. */
export const MIN_AUTO_REFRESH_MINUTES = 1;

/**
 * The refresh timer behind `callbell.autoRefreshMinutes`: runs only while the view is visible and
 * skips a tick while a load is still running, so a slow load is never aborted by the next tick.
 */
export class AutoRefresh {
  private timer: ReturnType<typeof setInterval> | undefined;
  private periodMs = 0;

  constructor(
    private readonly refresh: () => void,
    private readonly isBusy: () => boolean,
  ) {}

  /** The period in effect, or 0 when off. */
  get intervalMs(): number {
    return this.timer === undefined ? 0 : this.periodMs;
  }

  /** Re-arms the timer for the setting (0 or less: off; under a minute: one minute) and the view's visibility. */
  update(minutes: number, visible: boolean): void {
    const periodMs = Number.isFinite(minutes) && minutes > 0 ? Math.max(minutes, MIN_AUTO_REFRESH_MINUTES) * 60_000 : 0;
    const wanted = visible ? periodMs : 0;
    if (wanted === this.intervalMs) return;
    this.stop();
    if (wanted === 0) return;
    this.periodMs = wanted;
    this.timer = setInterval(() => {
      if (!this.isBusy()) this.refresh();
    }, wanted);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.stop();
  }
}
