/**
 * The pacer on a virtual clock: loadAllPages walks a simulated listing whose every request takes a
 * fixed latency, reporting its attempts to the pacer as the transport does. Every start time is
 * exact, so rates and in-flight counts are checked without sleeping. (pacing.test.ts runs the same
 * behaviour through the real client and the fake server.)
 */
import * as assert from 'node:assert/strict';
import type { Contact } from '../../../src/api';
import { Pacer } from '../../../src/api/pacer';
import { loadAllPages, type FetchPage } from '../../../src/api/pagination';
import { VirtualClock } from './virtualClock';

interface Listing {
  readonly pages?: number;
  readonly latencyMs: number;
  readonly mode?: 'pages' | 'cursor';
  /** Pages whose first attempt gets a 429 (retried after a backoff, as the transport would). */
  readonly refused?: (page: number) => boolean;
  /** Pages that take this much longer to answer. */
  readonly slow?: (page: number) => number;
  readonly perSecond?: number;
  readonly ceiling?: number;
  /** How late the n-th timer fires. */
  readonly lateness?: (n: number) => number;
}

interface Outcome {
  readonly contacts: Contact[];
  /** Virtual time at which each request started, retries included. */
  readonly starts: number[];
  /** Page of each request in `starts`. */
  readonly requested: number[];
  readonly peakInFlight: number;
  readonly pacer: Pacer;
  readonly slowDowns: number[];
  /** Virtual time of the first 429 the pacer heard of. */
  readonly firstRefusalAt?: number;
}

const BACKOFF_MS = 100;

async function walk(listing: Listing): Promise<Outcome> {
  const { pages = 500, latencyMs, mode = 'pages', refused = () => false, slow = () => 0 } = listing;
  const clock = new VirtualClock(listing.lateness);
  const slowDowns: number[] = [];
  const pacer = new Pacer({
    perSecond: listing.perSecond ?? 100,
    ceiling: listing.ceiling ?? 48,
    now: clock.now,
    sleep: clock.sleep,
    onSlowDown: (perSecond) => slowDowns.push(perSecond),
  });
  const starts: number[] = [];
  const requested: number[] = [];
  let inFlight = 0;
  let peakInFlight = 0;
  let firstRefusalAt: number | undefined;
  const fetchPage: FetchPage = async (request, signal) => {
    const page = request.page ?? (request.after !== undefined ? Number(request.after) : 1);
    starts.push(clock.now());
    requested.push(page);
    peakInFlight = Math.max(peakInFlight, ++inFlight);
    try {
      await clock.sleep(latencyMs + slow(page), signal);
      if (refused(page)) {
        firstRefusalAt ??= clock.now();
        pacer.observe({ status: 429, durationMs: latencyMs, error: 'rateLimited' });
        // The retry, as the transport makes it: after a backoff, at its turn in the budget.
        await clock.sleep(BACKOFF_MS, signal);
        await pacer.turn(signal);
        starts.push(clock.now());
        requested.push(page);
        await clock.sleep(latencyMs, signal);
      }
      pacer.observe({ status: 200, durationMs: latencyMs });
      const uuid = `contact-${page}`;
      const contacts: Contact[] = [{ uuid, name: uuid, tags: [], customFields: {}, raw: { uuid } }];
      const meta = mode === 'pages' ? { page, pages } : { next: page < pages ? String(page + 1) : null };
      return { contacts, rawCount: 20, meta };
    } finally {
      inFlight -= 1;
    }
  };
  const options = { maxConcurrency: listing.ceiling ?? 48, pacer, maxPages: 500, maxCursorPages: 1000, maxContacts: 100_000, pageSize: 20 };
  const contacts = await clock.run(loadAllPages(fetchPage, options));
  return { contacts, starts, requested, peakInFlight, pacer, slowDowns, firstRefusalAt };
}

/** Most request starts in any window of `ms` (1 s by default) from `from` on. */
function peakRate(starts: readonly number[], from = -Infinity, ms = 1000): number {
  const sorted = starts.filter((t) => t >= from).sort((a, b) => a - b);
  let peak = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i] - sorted[j] >= ms) j += 1;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}

describe('Pacer: a listing paced on a request budget', () => {
  it('keeps budget × latency requests in flight as the latency grows, up to the ceiling', async () => {
    const peaks: Record<number, number> = {};
    for (const latencyMs of [20, 100, 300, 1000]) {
      const { contacts, peakInFlight } = await walk({ latencyMs });
      assert.equal(contacts.length, 500);
      peaks[latencyMs] = peakInFlight;
    }
    assert.ok(peaks[20] <= 4, `20 ms: ${peaks[20]} in flight (budget × latency = 2, at least 4 allowed)`);
    assert.ok(peaks[100] >= 10 && peaks[100] <= 16, `100 ms: ${peaks[100]} in flight`);
    assert.ok(peaks[300] >= 30 && peaks[300] <= 46, `300 ms: ${peaks[300]} in flight`);
    assert.equal(peaks[1000], 48, 'at 1 s the ceiling holds');
  });

  it('never starts more than the budget in any second, and reaches it whatever the latency', async () => {
    for (const latencyMs of [50, 150, 300]) {
      const { starts } = await walk({ latencyMs });
      const peak = peakRate(starts);
      assert.ok(peak <= 100, `${latencyMs} ms: ${peak} requests in one second`);
      // The budget binds, not the round trip: the steady state runs at the full 100 per second.
      assert.ok(peak >= 99, `${latencyMs} ms: only ${peak} requests in the busiest second`);
    }
  });

  it('makes up for late timers without ever exceeding the budget in a second', async () => {
    // Every 15th timer fires 60 ms late, as on a busy machine.
    const { starts } = await walk({ latencyMs: 50, lateness: (n) => (n % 15 === 0 ? 60 : 0) });
    assert.ok(peakRate(starts) <= 100, `${peakRate(starts)} requests in one second`);
    const perSecond = ((starts.length - 2) * 1000) / (starts[starts.length - 1] - starts[1]);
    // Without catching up, each late timer would cost its 60 ms: about 62 per second.
    assert.ok(perSecond >= 95, `${perSecond.toFixed(1)} requests per second over the listing`);
  });

  it('with a ceiling below budget × latency, the ceiling bounds the load instead', async () => {
    const { starts, peakInFlight } = await walk({ latencyMs: 300, ceiling: 6 });
    assert.equal(peakInFlight, 6);
    const perSecond = ((starts.length - 1) * 1000) / (starts[starts.length - 1] - starts[0]);
    assert.ok(perSecond <= 20.5, `${perSecond.toFixed(1)} requests per second (6 / 0.3 s = 20)`);
  });

  it('a 429 halves the budget for the rest of the listing, once per overload, and is warned once', async () => {
    // One overload: pages 100–104 refused together, and page 115, sent within the second after the
    // cut (judged partly on the old rate). Page 300 is refused seconds later, on its own.
    const refused = (page: number): boolean => (page >= 100 && page <= 104) || page === 115 || page === 300;
    const { contacts, starts, pacer, slowDowns, firstRefusalAt } = await walk({ latencyMs: 50, refused });

    assert.equal(contacts.length, 500);
    assert.deepEqual(slowDowns, [50], 'one warning, with the first slowed budget');
    assert.equal(pacer.perSecond, 25, 'halved twice: 100 → 50 (pages 100–104 and 115) → 25 (page 300)');
    assert.ok(firstRefusalAt !== undefined);
    const before = peakRate(starts.filter((t) => t < firstRefusalAt));
    const after = peakRate(starts, firstRefusalAt);
    assert.ok(before >= 99, `${before} requests/s before the 429`);
    assert.ok(after <= 51, `${after} requests/s after the 429`);
  });

  it('repeated 429s slow the listing down to the floor, never below', async () => {
    const { contacts, starts, pacer, slowDowns } = await walk({ pages: 200, latencyMs: 50, refused: (page) => page >= 20 });
    assert.equal(contacts.length, 200);
    assert.equal(pacer.perSecond, 5);
    assert.equal(slowDowns.length, 1);
    const last = starts.slice(-30);
    assert.ok(peakRate(last) <= 6, `${peakRate(last)} requests/s at the end`);
    // At the floor the listing still moves on at 5 per second, not slower.
    assert.ok(peakRate(last) >= 5, `${peakRate(last)} requests/s at the end`);
  });

  it('each listing has its own pacer: the next one starts at the full budget', async () => {
    const slowed = await walk({ latencyMs: 50, refused: (page) => page === 10 });
    const next = await walk({ latencyMs: 50 });
    assert.equal(slowed.pacer.perSecond, 50);
    assert.equal(next.pacer.perSecond, 100);
    assert.ok(peakRate(next.starts) >= 99);
    assert.deepEqual(next.slowDowns, []);
  });

  it('asks for at most twice the ceiling of pages beyond one that is late, so the buffer stays bounded', async () => {
    // Page 10 takes 5 s to answer; everything after it waits in the buffer until it does.
    const { contacts, requested, starts } = await walk({ latencyMs: 50, ceiling: 8, slow: (page) => (page === 10 ? 5000 : 0) });
    assert.equal(contacts.length, 500);
    assert.deepEqual(contacts.slice(0, 12).map((c) => c.uuid), Array.from({ length: 12 }, (_, i) => `contact-${i + 1}`));
    const page10 = starts[requested.indexOf(10)];
    const beforeAnswer = requested.filter((_, i) => starts[i] < page10 + 5050);
    assert.equal(Math.max(...beforeAnswer), 10 + 2 * 8 - 1, 'pages up to 25 while page 10 was late');
  });

  it('cursor mode stays sequential, one request in flight, at any latency', async () => {
    const { contacts, peakInFlight, starts } = await walk({ pages: 40, latencyMs: 300, mode: 'cursor' });
    assert.equal(contacts.length, 40);
    assert.equal(peakInFlight, 1);
    // Each request starts when the previous one has answered.
    for (let i = 1; i < starts.length; i++) assert.ok(starts[i] - starts[i - 1] >= 300);
  });
});
