/**
 * Paces one contacts listing on a request-rate budget. Loading 500 pages is bound by the round trip
 * unless enough requests are in flight: by Little's law a listing running at `perSecond` needs
 * perSecond × latency of them. So page requests start evenly spaced at the budget (never more than
 * the budget in any second), and the number allowed in flight follows the smoothed round-trip time,
 * up to a ceiling. The budget, not the
 * latency, then decides how long a full load takes: 10,000 contacts in about 5 s at 100 req/s on a
 * 50 ms link as on a 300 ms one.
 *
 * A 429 halves the budget for the rest of the listing (down to a floor); the next listing starts
 * again at the configured budget. Retries take their turn in the budget too (`turn`). Retry-After
 * itself is honoured by the transport's RateLimiter, which holds back every request of the client.
 */
import { CallbellError } from './errors';
import { messages } from './messages';
import { sleep } from './signals';
import type { RequestLogEvent } from './transport';

/** Slowest a listing gets after repeated 429s: 500 pages still load in under two minutes. */
export const DEFAULT_FLOOR_PER_SECOND = 5;
/**
 * In flight even when budget × latency says fewer: one slow page (a stalled socket, a slow body)
 * must not hold back the pages behind it. (The former fixed number of pages in flight.)
 */
const MIN_IN_FLIGHT = 4;
/** Room above budget × latency, so that latency jitter does not make the round trip the bound. */
const IN_FLIGHT_HEADROOM = 1.5;
/**
 * How far behind its schedule a listing may catch up, by starting requests back to back: a busy
 * event loop or a late timer then costs no time, up to this much. The sliding-second check in
 * `acquire` still keeps any second within the budget.
 */
const CATCH_UP_MS = 100;
/** Weight of a new round-trip sample, as in TCP's smoothed RTT (RFC 6298). */
const RTT_GAIN = 1 / 8;
/**
 * Callbell counts requests per second, so a 429 speaks of the second before it: a request sent less
 * than this long after a cut was judged partly on traffic at the old budget, and says nothing new.
 */
const RATE_WINDOW_MS = 1000;

export interface PacerOptions {
  /** The budget: page requests started per second. Infinity lets `ceiling` alone bound the load. */
  readonly perSecond: number;
  /** Most requests in flight, whatever the latency. */
  readonly ceiling: number;
  /** Lowest budget 429s can bring the listing to. Default 5 (or `perSecond`, if lower). */
  readonly floorPerSecond?: number;
  /** Called once, on the first 429 of the listing, with the slowed budget. */
  readonly onSlowDown?: (perSecond: number) => void;
  /** Injectable clock and timer for tests. Default performance.now and a timer. */
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** What the pacer learns from each HTTP attempt (a RequestLogEvent fits). */
export type Attempt = Pick<RequestLogEvent, 'status' | 'durationMs' | 'error'>;

export class Pacer {
  private budget: number;
  private readonly floor: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  private running = 0;
  /** Smoothed round-trip time in ms, once a request has completed. */
  private srtt?: number;
  /** Planned start of the next request: starts are spaced 1/budget apart, without drift. */
  private nextStart?: number;
  /** Start times of the last requests, oldest first, for the sliding-second check. */
  private readonly recentStarts: number[] = [];
  /** When the budget was last cut; see RATE_WINDOW_MS. */
  private lastCut = -Infinity;
  private slowedDown = false;
  private readonly waiters = new Set<() => void>();

  constructor(private readonly options: PacerOptions) {
    this.budget = options.perSecond;
    this.floor = Math.min(options.perSecond, options.floorPerSecond ?? DEFAULT_FLOOR_PER_SECOND);
    this.now = options.now ?? (() => performance.now());
    this.sleep = options.sleep ?? defaultSleep;
  }

  /** The budget now, in requests per second. */
  get perSecond(): number {
    return this.budget;
  }

  /** Requests allowed in flight: budget × smoothed RTT with headroom, within [4, ceiling]. */
  get window(): number {
    const { ceiling } = this.options;
    if (!Number.isFinite(this.budget)) return ceiling;
    const wanted = Math.ceil((this.budget * (this.srtt ?? 0) * IN_FLIGHT_HEADROOM) / 1000);
    return Math.max(1, Math.min(ceiling, Math.max(MIN_IN_FLIGHT, wanted)));
  }

  /**
   * Waits until a request may start: room in the window, and its turn in the budget. Counts it in
   * flight until `release()`. Rejects with kind `aborted` when `signal` aborts first.
   */
  async acquire(signal: AbortSignal): Promise<void> {
    while (this.running >= this.window) await this.waitForRoom(signal);
    if (signal.aborted) throw aborted();
    this.running += 1;
    try {
      await this.turn(signal);
    } catch (error) {
      this.release();
      throw error;
    }
  }

  /**
   * Waits for the next turn in the budget, without taking room in the window: for a retry of a
   * request already in flight, so that retries, too, stay within the (slowed) budget.
   */
  async turn(signal: AbortSignal): Promise<void> {
    if (signal.aborted) throw aborted();
    const now = this.now();
    const start = this.plan(now);
    if (start > now) {
      try {
        await this.sleep(start - now, signal);
      } catch (error) {
        throw signal.aborted ? aborted() : error;
      }
      if (signal.aborted) throw aborted();
    }
    if (!Number.isFinite(this.options.perSecond)) return;
    // The real start, which a late timer pushes back, is what the sliding-second check must count.
    this.recentStarts.push(this.now());
    if (this.recentStarts.length > Math.max(1, Math.floor(this.options.perSecond))) this.recentStarts.shift();
  }

  /** Books the next start: its turn in the even schedule, and never more than the budget in a second. */
  private plan(now: number): number {
    if (!Number.isFinite(this.budget)) return now;
    // Planned from the schedule, not from when the last request really left: lateness is made up for.
    let planned = Math.max(this.nextStart ?? now, now - CATCH_UP_MS);
    const perSecond = Math.max(1, Math.floor(this.budget));
    const recent = this.recentStarts;
    if (recent.length >= perSecond) planned = Math.max(planned, recent[recent.length - perSecond] + 1000);
    this.nextStart = planned + 1000 / this.budget;
    return Math.max(now, planned);
  }

  release(): void {
    this.running = Math.max(0, this.running - 1);
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }

  /** Feeds one HTTP attempt: a success is a round-trip sample, a 429 slows the listing down. */
  observe(attempt: Attempt): void {
    if (attempt.status === 429) {
      this.rateLimited(this.now() - attempt.durationMs);
    } else if (attempt.error === undefined) {
      this.srtt = this.srtt === undefined ? attempt.durationMs : this.srtt + RTT_GAIN * (attempt.durationMs - this.srtt);
    }
  }

  /**
   * Halves the budget, at most once per overload: the requests on the wire, or sent within a second
   * of the cut, went out at (or were judged on) the old rate; their 429s would otherwise halve it
   * again and again for what is one overload.
   */
  private rateLimited(sentAt: number): void {
    if (sentAt >= this.lastCut + RATE_WINDOW_MS && this.budget > this.floor && Number.isFinite(this.budget)) {
      this.lastCut = this.now();
      const oldSpacing = 1000 / this.budget;
      this.budget = Math.max(this.floor, this.budget / 2);
      // The next start keeps its distance from the last one, at the new spacing.
      if (this.nextStart !== undefined) this.nextStart += 1000 / this.budget - oldSpacing;
    }
    if (this.slowedDown) return;
    this.slowedDown = true;
    try {
      this.options.onSlowDown?.(this.budget);
    } catch {
      // A warning hook must not turn a slowdown into a failed listing.
    }
  }

  private waitForRoom(signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) {
        reject(aborted());
        return;
      }
      const onAbort = (): void => {
        this.waiters.delete(wake);
        reject(aborted());
      };
      const wake = (): void => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      this.waiters.add(wake);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}

function aborted(): CallbellError {
  return new CallbellError('aborted', messages.aborted());
}

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return sleep(ms, signal, aborted);
}
