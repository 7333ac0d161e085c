import * as assert from 'node:assert/strict';
import { CallbellClient, CallbellError, type CallbellErrorKind, type CallbellErrorReason } from '../../../src/api';
import { generateContacts } from '../../fake-server/data';
import type { Fault } from '../../fake-server/server';
import { closeAll, contactRequests, harness, rejection } from './helpers';

function assertKind(error: unknown, kind: CallbellErrorKind, reason?: CallbellErrorReason): asserts error is CallbellError {
  assert.ok(error instanceof CallbellError, `expected a CallbellError, got ${String(error)}`);
  assert.equal(error.kind, kind, error.message);
  assert.equal(error.reason, reason, error.message);
}

describe('CallbellClient: retries and failures', () => {
  afterEach(closeAll);

  describe('429 Too Many Requests', () => {
    it('waits the Retry-After seconds, holding back the concurrent requests too', async () => {
      const { server, client, log } = await harness({ contacts: generateContacts(200, { seed: 1 }) });
      server.addFault({ kind: 'rateLimit', page: 2, times: 1, retryAfter: '1' });
      const contacts = await client.listContacts({});

      assert.equal(contacts.length, 200);
      const refused = server.requests.findIndex((r) => r.query.page === '2');
      const refusedAt = server.requests[refused].at;
      const retry = server.requests.findIndex((r, i) => i > refused && r.query.page === '2');
      assert.ok(server.requests[retry].at - refusedAt >= 950, `retried after ${server.requests[retry].at - refusedAt} ms`);
      // Requests that were not already on the wire waited for the pause as well (those on the wire,
      // up to the pacer's ceiling of them, land within the first quarter second).
      const during = server.requests.filter((r) => r.at > refusedAt + 250 && r.at < refusedAt + 900);
      assert.deepEqual(during, [], 'nothing sent while Callbell asked to wait');
      assert.deepEqual(log.find((e) => e.status === 429)?.retryInMs, 1000);
    });

    it('backs off exponentially with jitter when there is no Retry-After', async () => {
      const { server, client, log } = await harness({}, { retryBaseDelayMs: 100, maxConcurrency: 1 });
      server.addFault({ kind: 'rateLimit', page: 1, times: 2 });

      const contacts = await client.listContacts({});

      assert.equal(contacts.length, 100);
      const page1 = contactRequests(server).filter((r) => r.query.page === undefined);
      assert.equal(page1.length, 3);
      const waits = [page1[1].at - page1[0].at, page1[2].at - page1[1].at];
      // Equal jitter: attempt n waits between half and all of base * 2^(n-1).
      assert.ok(waits[0] >= 45 && waits[0] <= 400, `first wait ${waits[0]} ms`);
      assert.ok(waits[1] >= 95 && waits[1] <= 500, `second wait ${waits[1]} ms`);
      const planned = log.filter((e) => e.status === 429).map((e) => e.retryInMs ?? -1);
      assert.ok(planned[0] >= 50 && planned[0] <= 100 && planned[1] >= 100 && planned[1] <= 200, `planned ${planned.join(', ')}`);
    });

    it('gives up with rateLimited after the retries, carrying Retry-After', async () => {
      const { server, client } = await harness({}, { retries: 2 });
      server.addFault({ kind: 'rateLimit', retryAfter: '0' });

      const error = await rejection(client.listContacts({}));

      assertKind(error, 'rateLimited');
      assert.equal(error.status, 429);
      assert.equal(error.retryAfterMs, 0);
      assert.equal(contactRequests(server).length, 3);
    });

    it('does not sit out a Retry-After longer than maxRetryDelayMs', async () => {
      const { server, client } = await harness({}, { maxRetryDelayMs: 5000 });
      server.addFault({ kind: 'rateLimit', retryAfter: '120' });

      const error = await rejection(client.listContacts({}));

      assertKind(error, 'rateLimited');
      assert.equal(error.retryAfterMs, 120_000);
      assert.match(error.message, /Try again in 120 seconds/);
      assert.equal(contactRequests(server).length, 1);
    });

    it('reads Retry-After as an HTTP date', async () => {
      const { server, client } = await harness({}, { maxRetryDelayMs: 5000 });
      server.addFault({ kind: 'rateLimit', retryAfter: new Date(Date.now() + 60_000).toUTCString() });

      const error = await rejection(client.listContacts({}));

      assertKind(error, 'rateLimited');
      assert.ok(error.retryAfterMs !== undefined && error.retryAfterMs > 58_000 && error.retryAfterMs <= 60_000);
    });
  });

  it('retries a 503 and then succeeds, logging every attempt', async () => {
    const { server, client, log } = await harness();
    server.addFault({ kind: 'status', status: 503, page: 1, times: 2 });

    const contacts = await client.listContacts({});

    assert.equal(contacts.length, 100);
    const page1 = log.filter((e) => e.path === '/v1/contacts');
    assert.deepEqual(page1.map((e) => [e.attempt, e.status, e.error]), [[1, 503, 'server'], [2, 503, 'server'], [3, 200, undefined]]);
  });

  it('gives up on a persistent 500 after `retries` retries', async () => {
    const { server, client } = await harness({}, { retries: 2 });
    server.addFault({ kind: 'status', status: 500 });

    const error = await rejection(client.listContacts({}));

    assertKind(error, 'server');
    assert.equal(error.status, 500);
    assert.equal(contactRequests(server).length, 3);
  });

  it('retries a connection dropped mid-body', async () => {
    const { server, client, log } = await harness();
    server.addFault({ kind: 'dropConnection', page: 2, times: 1 });

    const contacts = await client.listContacts({});

    assert.equal(contacts.length, 100);
    assert.equal(contactRequests(server).filter((r) => r.query.page === '2').length, 2);
    const failed = log.find((e) => e.error !== undefined);
    assert.equal(failed?.error, 'network');
    assert.equal(failed?.status, 200, 'headers had arrived before the drop');
  });

  it('reports a network error when the connection keeps dropping', async () => {
    const { server, client } = await harness({}, { retries: 1 });
    server.addFault({ kind: 'dropConnection' });

    const error = await rejection(client.listContacts({}));

    assertKind(error, 'network', 'reset');
    assert.ok(error.code, 'the low-level code is kept');
    assert.match(error.message, /Could not reach Callbell/);
    assert.equal(contactRequests(server).length, 2);
  });

  it('reports a network error when nothing listens', async () => {
    const { server } = await harness();
    const baseUrl = server.baseUrl;
    await server.close();
    const client = new CallbellClient({ baseUrl, token: 'x', retries: 1, retryBaseDelayMs: 1, env: {} });
    try {
      const error = await rejection(client.whoAmI());
      assertKind(error, 'network', 'refused');
      assert.equal(error.code, 'ECONNREFUSED');
    } finally {
      await client.close();
    }
  });

  it('times out a server that never answers, after bounded retries', async () => {
    const { server, client } = await harness({}, { timeoutMs: 150, retries: 1 });
    server.addFault({ kind: 'hang' });
    const started = Date.now();

    const error = await rejection(client.listContacts({}));

    assertKind(error, 'timeout', 'headers');
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 290 && elapsed < 1500, `took ${elapsed} ms`);
    assert.equal(contactRequests(server).length, 2);
    assert.match(error.message, /did not answer within 150 ms/);
  });

  it('times out a body that trickles too slowly, then recovers', async () => {
    const { server, client } = await harness({}, { timeoutMs: 200 });
    server.addFault({ kind: 'slowBody', page: 1, times: 1, delayMs: 2000 });

    const contacts = await client.listContacts({});

    assert.equal(contacts.length, 100);
    assert.equal(contactRequests(server).filter((r) => r.query.page === undefined).length, 2);
  });

  it('401 is "unauthorized", tells the user what to do, and is not retried', async () => {
    const { server } = await harness();
    const client = new CallbellClient({ baseUrl: server.baseUrl, token: 'wrong-token-1234', env: {}, retryBaseDelayMs: 1 });
    try {
      const error = await rejection(client.listContacts({}));
      assertKind(error, 'unauthorized', 'rejected');
      assert.equal(error.status, 401);
      assert.match(error.message, /Set API Key/);
      assert.equal(server.requests.length, 1);
    } finally {
      await client.close();
    }
  });

  it('403 is "forbidden" and not retried', async () => {
    const { server, client } = await harness();
    server.addFault({ kind: 'status', status: 403 });
    assertKind(await rejection(client.listContacts({})), 'forbidden');
    assert.equal(server.requests.length, 1);
  });

  it('other 4xx are invalidResponse, not retried', async () => {
    const { server, client } = await harness();
    server.addFault({ kind: 'status', status: 404 });
    const error = await rejection(client.listContacts({}));
    assertKind(error, 'invalidResponse', 'status');
    assert.equal(error.status, 404);
    assert.match(error.message, /HTTP 404/);
    assert.equal(server.requests.length, 1);
  });

  it('malformed JSON is invalidResponse and not retried', async () => {
    const { server, client } = await harness();
    server.addFault({ kind: 'malformedJson', page: 2 });
    const error = await rejection(client.listContacts({}));
    assertKind(error, 'invalidResponse', 'brokenJson');
    assert.match(error.message, /broken or cut-off JSON/);
    assert.equal(contactRequests(server).filter((r) => r.query.page === '2').length, 1);
  });

  it('an HTML page is invalidResponse, even with status 200', async () => {
    const { server, client } = await harness();
    server.addFault({ kind: 'html', status: 200 });
    const error = await rejection(client.listContacts({}));
    assertKind(error, 'invalidResponse', 'html');
    assert.match(error.message, /web page/);
  });

  it('an HTML 502 from a gateway is a server error, retried', async () => {
    const { server, client } = await harness();
    server.addFault({ kind: 'html', status: 502, times: 1 });
    assert.equal((await client.listContacts({})).length, 100);
    assert.equal(contactRequests(server).length, 6);
  });

  it('a response without a contacts array is invalidResponse', async () => {
    const { server, client } = await harness();
    server.addFault({ kind: 'missingContacts', page: 1 });
    const error = await rejection(client.listContacts({}));
    assertKind(error, 'invalidResponse', 'noContacts');
    assert.match(error.message, /no contacts list/);
  });

  it('refuses a body larger than maxBodyBytes', async () => {
    const { client } = await harness({}, { maxBodyBytes: 2000 });
    const error = await rejection(client.listContacts({}));
    assertKind(error, 'invalidResponse', 'tooLarge');
    assert.match(error.message, /larger than/);
  });

  it('whoAmI returns the email and name, and drops api_key', async () => {
    const { server, client } = await harness({ user: { email: 'ana@example.com', name: 'Ana' } });
    const me = await client.whoAmI();
    assert.deepEqual(me, { email: 'ana@example.com', name: 'Ana' });
    assert.ok(!JSON.stringify(me).includes(server.token));
  });

  it('the token never appears in a message, a log line or a URL', async () => {
    const token = 'tok-SECRET-9f8e7d6c5b4a39281706';
    const { server, client, log, warnings } = await harness({ token }, { timeoutMs: 150, retries: 1, maxRetryDelayMs: 100 });
    const faults: Fault[] = [
      { kind: 'status', status: 401 }, { kind: 'status', status: 403 }, { kind: 'status', status: 500 },
      { kind: 'status', status: 400 }, { kind: 'rateLimit', retryAfter: '999' }, { kind: 'malformedJson' },
      { kind: 'html' }, { kind: 'missingContacts' }, { kind: 'dropConnection' }, { kind: 'hang' },
    ];
    const messages: string[] = [];
    for (const fault of faults) {
      server.clearFaults();
      server.addFault(fault);
      server.addFault({ ...fault, path: '/v1/auth/me' });
      for (const call of [() => client.listContacts({}), () => client.whoAmI()]) {
        const error = await rejection(call());
        assert.ok(error instanceof CallbellError);
        messages.push(error.message, String(error.stack), JSON.stringify(error));
      }
    }
    const wrong = new CallbellClient({ baseUrl: server.baseUrl, token: `${token}x`, env: {} });
    const rejected = await rejection(wrong.whoAmI());
    await wrong.close();
    messages.push(String((rejected as Error).message));

    assert.equal(messages.filter((m) => m.includes(token)).length, 0);
    assert.ok(log.length > 20);
    assert.ok(!JSON.stringify(log).includes(token), 'log events');
    assert.ok(!JSON.stringify(warnings).includes(token), 'warnings');
    assert.ok(server.requests.every((r) => !r.path.includes(token) && !Object.values(r.query).some((v) => v.includes(token))), 'URLs');
  });

  it('a token that cannot go into a header is refused before any request', async () => {
    const { server } = await harness();
    const client = new CallbellClient({ baseUrl: server.baseUrl, token: 'abc\r\nX-Evil: 1', env: {} });
    try {
      const error = await rejection(client.whoAmI());
      assertKind(error, 'unauthorized', 'badToken');
      assert.ok(!error.message.includes('X-Evil'));
      assert.equal(server.requests.length, 0);
    } finally {
      await client.close();
    }
  });

  it('caps the request rate with the client-side limiter', async () => {
    const { server, client } = await harness({ contacts: generateContacts(12 * 20, { seed: 2 }) }, { maxRequestsPerSecond: 40 });
    const started = Date.now();

    await client.listContacts({});

    // 12 requests at 40/s with a burst of 4: at least (12 - 4) / 40 s = 200 ms.
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 190, `took ${elapsed} ms`);
    const times = contactRequests(server).map((r) => r.at);
    const lastEight = times[times.length - 1] - times[times.length - 8];
    assert.ok(lastEight >= 150, `last 8 requests spread over ${lastEight} ms`);
  });
});
