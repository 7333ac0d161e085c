/**
 * Hostile HTTP behaviour (bodies, encodings, headers, redirects, Retry-After, token echoes) through the
 * real client. Each probe asserts the safe behaviour.
 */
import * as assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { assertCallbellError, closeHostile, fake, hex, hostileClient, rawServer, rejection, sendJson, settlesWithin, TOKEN } from './hostileHelpers';

const MB = 1024 * 1024;

/** Every string a CallbellError can put in front of a user or into a log. */
function surfaces(error: unknown): string {
  const e = error as Error;
  return [e.message, String(e.stack), JSON.stringify(e), String(e)].join('\n');
}

describe('hostile server: transport', function () {
  this.timeout(5000);
  afterEach(closeHostile);

  describe('oversized and encoded bodies', () => {
    it('a 50 MB chunked body (no Content-Length) is cut off at the cap: invalidResponse, quickly', async () => {
      const chunk = Buffer.alloc(MB, 0x20);
      let sent = 0;
      const server = await rawServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"contacts":[');
        const pump = (): void => {
          while (sent < 50 && !res.destroyed) {
            sent += 1;
            if (!res.write(chunk)) {
              res.once('drain', pump);
              return;
            }
          }
          if (!res.destroyed) res.end(']}');
        };
        res.on('error', () => undefined);
        pump();
      });
      const { client } = hostileClient(server.baseUrl, { retries: 0 });
      const started = Date.now();
      const error = await rejection(client.listContacts({}));
      assertCallbellError(error, 'invalidResponse', 'tooLarge');
      assert.match(error.message, /larger than 20 MB/);
      assert.ok(sent < 50, 'the client stopped reading before the whole 50 MB');
      assert.ok(Date.now() - started < 2000);
    });

    it('a declared Content-Length of 50 MB is refused before reading', async () => {
      const server = await rawServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(50 * MB) });
        res.write('{"contacts":[');
        // Never finish: the client must not wait for the rest.
      });
      const { client } = hostileClient(server.baseUrl, { retries: 0 });
      const error = await rejection(client.listContacts({}));
      assertCallbellError(error, 'invalidResponse');
    });

    it('a gzip bomb (Content-Encoding: gzip) is not inflated: invalidResponse, memory stays flat', async () => {
      const bomb = gzipSync(Buffer.alloc(64 * MB, 0x20), { level: 9 });
      const server = await rawServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': bomb.length });
        res.end(bomb);
      });
      const { client } = hostileClient(server.baseUrl, { retries: 0 });
      const before = process.memoryUsage().rss;
      const error = await rejection(client.listContacts({}));
      assertCallbellError(error, 'invalidResponse');
      assert.ok(process.memoryUsage().rss - before < 48 * MB, 'the bomb was not inflated');
    });

    it('a deeply nested (1,000,000 levels) 2xx body is invalidResponse, not a stack overflow', async () => {
      const body = '['.repeat(1_000_000) + ']'.repeat(1_000_000);
      const server = await rawServer((_req, res) => sendJson(res, body));
      const { client } = hostileClient(server.baseUrl, { retries: 0 });
      assertCallbellError(await rejection(client.listContacts({})), 'invalidResponse');
    });

    it('a 100 KB response header is a CallbellError, not a crash', async () => {
      const server = await rawServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'x-junk': 'j'.repeat(100 * 1024) });
        res.end('{"contacts":[]}');
      });
      const { client } = hostileClient(server.baseUrl, { retries: 0 });
      assertCallbellError(await rejection(client.listContacts({})));
    });
  });

  describe('redirects', () => {
    for (const status of [301, 302, 303, 307, 308]) {
      it(`a ${status} to another host is not followed, and the Authorization header goes nowhere else`, async () => {
        const elsewhere = await rawServer((_req, res) => sendJson(res, { contacts: [] }));
        const server = await rawServer((req, res) => {
          res.writeHead(status, { location: `${elsewhere.origin}/steal${req.url ?? ''}`, 'content-length': 0 });
          res.end();
        });
        const { client } = hostileClient(server.baseUrl);
        const error = await rejection(client.listContacts({}));
        assertCallbellError(error, 'invalidResponse', 'redirect');
        assert.equal(error.status, status);
        assert.equal(elsewhere.requests.length, 0, 'the redirect was followed');
        assert.equal(server.requests.length, 1, 'redirects are not retried');
        assert.ok(!surfaces(error).includes(elsewhere.origin), 'the Location is not echoed');
      });
    }
  });

  describe('the token never leaks into an error', () => {
    it('a status line whose reason text holds the token', async () => {
      const server = await rawServer((req, res) => {
        res.writeHead(400, `Bad ${req.headers.authorization ?? ''}`, { 'content-type': 'text/plain', 'content-length': 0 });
        res.end();
      });
      const { client } = hostileClient(server.baseUrl, { retries: 0 });
      const error = await rejection(client.listContacts({}));
      assertCallbellError(error, 'invalidResponse');
      assert.ok(!surfaces(error).includes(TOKEN));
    });

    it('an error body that echoes the Authorization header (400, 404, 422, 200 text, proxy-ish)', async () => {
      const statuses = [400, 404, 422, 200, 418];
      let index = 0;
      const server = await rawServer((req, res) => {
        const status = statuses[index++ % statuses.length];
        const text = `Invalid request; you sent Authorization: ${req.headers.authorization ?? ''} and ${TOKEN}`;
        res.writeHead(status, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      });
      const { client } = hostileClient(server.baseUrl, { retries: 0 });
      for (const status of statuses) {
        const error = await rejection(client.listContacts({}));
        assertCallbellError(error, 'invalidResponse');
        assert.ok(!surfaces(error).includes(TOKEN), `HTTP ${status}: ${error.message}`);
        assert.ok(!surfaces(error).includes(TOKEN.slice(0, 12)), `HTTP ${status}: part of the token in ${error.message}`);
      }
    });

    it('no prefix of the token survives when the echo straddles the 16 KB error-body cut', async () => {
      const keep = TOKEN.length - 1;
      const server = await rawServer((req, res) => {
        // Whitespace collapses away, so the cut-off token is all that is left for the snippet.
        const padding = ' '.repeat(16 * 1024 - 'Bearer '.length - keep);
        const text = `${padding}${req.headers.authorization ?? ''}${' '.repeat(1000)}`;
        res.writeHead(400, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      });
      const { client } = hostileClient(server.baseUrl, { retries: 0 });
      const error = await rejection(client.listContacts({}));
      assertCallbellError(error, 'invalidResponse');
      assert.ok(!surfaces(error).includes(TOKEN.slice(0, 12)), `token prefix in: ${error.message}`);
    });

    it('no token in the message when the server JSON-escapes it (e.g. "/" written as "\\/")', async () => {
      const token = 'cb_live/Zq9XvB3kPm7RtW2y+Hs4=';
      const server = await rawServer((req, res) => {
        const echoed = (req.headers.authorization ?? '').replace(/\//g, '\\/');
        sendJson(res, `{"error":"invalid key","authorization":"${echoed}"}`, 400);
      });
      const { client } = hostileClient(server.baseUrl, { retries: 0, token });
      const error = await rejection(client.listContacts({}));
      assertCallbellError(error, 'invalidResponse');
      assert.ok(!surfaces(error).includes('Zq9XvB3kPm7RtW2y'), `token body in: ${error.message}`);
    });

    it('the request log never carries the token, even when the server echoes it in headers', async () => {
      const server = await rawServer((req, res) => {
        res.writeHead(500, { 'x-echo': req.headers.authorization ?? '', 'retry-after': '0', 'content-length': 0 });
        res.end();
      });
      const { client, log } = hostileClient(server.baseUrl, { retries: 1 });
      const error = await rejection(client.listContacts({}));
      assertCallbellError(error, 'server');
      assert.ok(!JSON.stringify(log).includes(TOKEN));
      assert.ok(!surfaces(error).includes(TOKEN));
    });
  });

  describe('Retry-After', () => {
    it('1e12 seconds: gives up at once with rateLimited, no hang', async () => {
      const server = await fake();
      server.addFault({ kind: 'rateLimit', retryAfter: '1000000000000' });
      const { client } = hostileClient(server.baseUrl);
      const call = client.listContacts({});
      assert.ok(await settlesWithin(call, 1500), 'still waiting');
      assertCallbellError(await rejection(call), 'rateLimited');
      assert.equal(server.requests.length, 1);
    });

    it('400 digits (Infinity once parsed): no "Infinity" in the message and a finite retryAfterMs', async () => {
      const server = await fake();
      server.addFault({ kind: 'rateLimit', retryAfter: '9'.repeat(400) });
      const { client } = hostileClient(server.baseUrl);
      const error = await rejection(client.listContacts({}));
      assertCallbellError(error, 'rateLimited');
      assert.ok(!/Infinity|NaN/.test(error.message), error.message);
      assert.ok(error.retryAfterMs === undefined || Number.isFinite(error.retryAfterMs), `retryAfterMs = ${error.retryAfterMs}`);
    });

    for (const value of ['-1', '-99999', 'garbage', '1e12', 'Infinity', '0x10', '1, 2', 'Wed, 21 Oct 2015 07:28:00 GMT', '']) {
      it(`${JSON.stringify(value)}: bounded retries, settles fast`, async () => {
        const server = await fake();
        server.addFault({ kind: 'rateLimit', retryAfter: value });
        const { client } = hostileClient(server.baseUrl, { retries: 3 });
        const call = client.listContacts({});
        assert.ok(await settlesWithin(call, 1500), 'still waiting');
        const error = await rejection(call);
        assertCallbellError(error, 'rateLimited');
        assert.ok(server.requests.length <= 4, `${server.requests.length} requests`);
        assert.ok(!/Infinity|NaN|-\d/.test(error.message), error.message);
      });
    }
  });

  it('an abort during a long Retry-After pause settles at once', async () => {
    const server = await fake();
    server.addFault({ kind: 'rateLimit', retryAfter: '20' });
    const { client } = hostileClient(server.baseUrl, { maxRetryDelayMs: 30_000 });
    const controller = new AbortController();
    const call = client.listContacts({}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    assert.ok(await settlesWithin(call, 1000), 'still waiting after the abort');
    assertCallbellError(await rejection(call), 'aborted');
  });

  it('a uuid in the path cannot be used to reach another path or host (contacts are listed only via /contacts)', async () => {
    const server = await rawServer((_req, res) => sendJson(res, { contacts: [{ uuid: '../../../@evil.example', name: 'x' }, { uuid: hex(3) }] }));
    const { client } = hostileClient(server.baseUrl);
    const contacts = await client.listContacts({});
    assert.deepEqual(server.requests.map((r) => r.url.split('?')[0]), ['/v1/contacts']);
    assert.ok(contacts.every((c) => !/\s/.test(c.uuid)));
  });
});
