/**
 * Pacing through the real client against the fake server: requests in flight follow the latency,
 * the request rate stays within the budget, a 429 is warned once per listing and does not carry
 * over to the next one, and cursor mode stays one request at a time.
 */
import * as assert from 'node:assert/strict';
import { CallbellError, type RequestLogEvent } from '../../../src/api';
import { generateContacts } from '../../fake-server/data';
import type { FakeCallbell } from '../../fake-server/server';
import { closeAll, contactRequests, harness, rejection } from './helpers';

/** Most requests in flight at once, from the attempts as the client logged them. */
function peakInFlight(log: readonly (RequestLogEvent & { end: number })[]): number {
  const spans = log.map((e) => ({ start: e.end - e.durationMs, end: e.end }));
  // 1 ms of slack either side for the rounding of durationMs.
  return Math.max(...spans.map((s) => spans.filter((o) => o.start < s.start - 1 && o.end > s.start + 1).length + 1));
}

/** Most requests the server received in any sliding second. */
function peakPerSecond(server: FakeCallbell): number {
  const times = contactRequests(server).map((r) => r.at).sort((a, b) => a - b);
  let peak = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i] - times[j] >= 1000) j += 1;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}

function timedLog(): { log: (RequestLogEvent & { end: number })[]; onRequest: (event: RequestLogEvent) => void } {
  const log: (RequestLogEvent & { end: number })[] = [];
  return { log, onRequest: (event) => log.push({ ...event, end: performance.now() }) };
}

describe('CallbellClient.listContacts: pacing', () => {
  afterEach(closeAll);

  it('keeps more pages in flight on a slow link: about budget × latency, not a fixed number', async () => {
    const { log, onRequest } = timedLog();
    // 100 ms per request at the default 100 req/s: about 10 in flight.
    const { client } = await harness({ contacts: generateContacts(60 * 20, { seed: 21 }), latencyMs: 100 }, { onRequest });

    const contacts = await client.listContacts({});

    assert.equal(contacts.length, 1200);
    const peak = peakInFlight(log);
    // The round trip is 100 ms plus whatever a busy machine adds; the window is 1.5 × budget × that.
    const slowest = Math.max(...log.map((e) => e.durationMs));
    assert.ok(peak > 4, `${peak} requests in flight at once: more than the former fixed 4`);
    assert.ok(peak <= Math.ceil((1.5 * 100 * slowest) / 1000), `${peak} in flight, slowest round trip ${slowest} ms`);
  });

  it('stays within the request budget, against a server that enforces it', async () => {
    const { server, client } = await harness(
      { contacts: generateContacts(60 * 20, { seed: 22 }), latencyMs: 20, rateLimitPerSecond: 50 },
      { maxRequestsPerSecond: 40 },
    );

    const contacts = await client.listContacts({});

    assert.equal(contacts.length, 1200);
    assert.equal(server.rateLimited, 0, 'no 429 from the server');
    // A tenth of slack: arrivals bunch up when the event loop (shared with the server) stalls.
    assert.ok(peakPerSecond(server) <= 44, `${peakPerSecond(server)} requests in one second at a budget of 40`);
  });

  it('a 429 is warned once per listing, and the next listing starts again at the full budget', async () => {
    const { server, client, warnings } = await harness({ contacts: generateContacts(15 * 20, { seed: 23 }) }, { maxRequestsPerSecond: 200 });
    const refuse = (): void => {
      // Two refusals in one listing: page 3, and page 4, which is sent after the slowdown.
      server.addFault({ kind: 'rateLimit', page: 3, times: 1 });
      server.addFault({ kind: 'rateLimit', page: 4, times: 1 });
    };

    refuse();
    assert.equal((await client.listContacts({})).length, 300);
    refuse();
    assert.equal((await client.listContacts({})).length, 300);

    assert.equal(contactRequests(server).filter((r) => r.query.page === '3' || r.query.page === '4').length, 8, 'four 429s, each retried');
    const slowed = warnings.filter((w) => w.code === 'rateLimited');
    assert.equal(slowed.length, 2, 'one warning per listing, not one per 429');
    // Each listing halves its own budget from the configured 200: the second did not inherit the first's.
    for (const warning of slowed) assert.match(warning.message, /\(429\).* 100 requests per second/);
  });

  it('a page refused with 429 beyond its retries is asked for again later, at most twice', async () => {
    const data = generateContacts(6 * 20, { seed: 26 });
    const { server, client } = await harness({ contacts: data }, { retries: 0 });
    server.addFault({ kind: 'rateLimit', page: 3, times: 2 });

    const contacts = await client.listContacts({});

    assert.deepEqual(contacts.map((c) => c.uuid), data.map((c) => c.uuid), 'all of them, in server order');
    assert.equal(contactRequests(server).filter((r) => r.query.page === '3').length, 3);

    server.addFault({ kind: 'rateLimit', page: 3, times: 3 });
    const error = await rejection(client.listContacts({}));
    assert.ok(error instanceof CallbellError && error.kind === 'rateLimited', String(error));
  });

  it('a Retry-After longer than maxRetryDelayMs still ends the load, without asking again', async () => {
    const { server, client } = await harness({ contacts: generateContacts(6 * 20, { seed: 27 }) }, { maxRetryDelayMs: 5000 });
    server.addFault({ kind: 'rateLimit', page: 3, retryAfter: '120' });

    const error = await rejection(client.listContacts({}));

    assert.ok(error instanceof CallbellError && error.kind === 'rateLimited' && error.retryAfterMs === 120_000);
    assert.equal(contactRequests(server).filter((r) => r.query.page === '3').length, 1);
  });

  it('cursor mode stays one request at a time, whatever the latency', async () => {
    const { log, onRequest } = timedLog();
    const { client } = await harness({ contacts: generateContacts(10 * 20, { seed: 25 }), latencyMs: 50, pagination: 'cursor' }, { onRequest });

    const contacts = await client.listContacts({});

    assert.equal(contacts.length, 200);
    assert.equal(log.length, 10);
    assert.equal(peakInFlight(log), 1);
  });
});
