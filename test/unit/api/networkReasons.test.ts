/**
 * Each network and timeout reason provoked for real on 127.0.0.1 (closed ports, proxies that refuse
 * the tunnel, a self-signed certificate, cut connections), checked down to the sentence a user reads.
 */
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as https from 'node:https';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { CallbellClient, CallbellError, type CallbellClientOptions, type CallbellErrorKind, type CallbellErrorReason } from '../../../src/api';
import { reasonForCode } from '../../../src/api/failures';
import { describeError, type Localizer } from '../../../src/errorText';
import { closeAll, harness, rejection } from './helpers';
import { selfSignedCertificate } from './selfSigned';
import { freePort, startTinyproxy } from './tinyproxy';

const english: Localizer = { t: (message, ...args) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)])) };

function assertReason(error: unknown, kind: CallbellErrorKind, reason: CallbellErrorReason): asserts error is CallbellError {
  assert.ok(error instanceof CallbellError, `expected a CallbellError, got ${String(error)}`);
  assert.deepEqual({ kind: error.kind, reason: error.reason }, { kind, reason }, error.message);
}

const closers: (() => Promise<void>)[] = [];

/** 127.0.0.1 written as an IPv4-mapped IPv6 address: this machine, yet not a name that skips the proxy. */
const MAPPED_LOOPBACK = '[::ffff:7f00:1]';

function client(options: Partial<CallbellClientOptions> & { baseUrl: string }): CallbellClient {
  const created = new CallbellClient({ token: 'tok-test', retries: 0, retryBaseDelayMs: 1, timeoutMs: 2000, env: {}, ...options });
  closers.push(() => created.close());
  return created;
}

async function listen<T extends Server>(server: T): Promise<{ server: T; port: number }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  closers.push(() => new Promise<void>((resolve) => {
    for (const socket of sockets) socket.destroy();
    server.close(() => resolve());
  }));
  return { server, port: (server.address() as AddressInfo).port };
}

/** A proxy that answers every CONNECT with `status`, and counts them. */
async function refusingProxy(status: number): Promise<{ url: string; connects: string[] }> {
  const connects: string[] = [];
  const { port } = await listen(createServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', (data) => {
      connects.push(data.toString('latin1').split('\r\n')[0]);
      socket.end(`HTTP/1.1 ${status} Refused\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n`);
    });
  }));
  return { url: `http://127.0.0.1:${port}`, connects };
}

describe('network failures over real sockets', function () {
  this.timeout(15_000);
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
    await closeAll();
  });

  it('a closed port is network/refused: “Could not reach Callbell”, and no proxy is named', async () => {
    const error = await rejection(client({ baseUrl: `http://127.0.0.1:${await freePort()}/v1` }).whoAmI());
    assertReason(error, 'network', 'refused');
    assert.equal(error.code, 'ECONNREFUSED');
    assert.equal(error.proxyConfigured, undefined);
    assert.equal(describeError(error, english, 'en'), 'Could not reach Callbell: the connection was refused (ECONNREFUSED). Check your internet connection.');
    assert.doesNotMatch(error.message, /proxy/i, 'the English log message does not blame a proxy either');
  });

  it('a closed port with a proxy configured but bypassed (NO_PROXY) is still refused, and the advice names the proxy', async () => {
    const proxy = await refusingProxy(403);
    const baseUrl = `http://127.0.0.1:${await freePort()}/v1`;
    const error = await rejection(client({ baseUrl, proxy: { url: proxy.url }, env: { NO_PROXY: '127.0.0.1' } }).whoAmI());
    assertReason(error, 'network', 'refused');
    assert.equal(error.proxyConfigured, true);
    assert.deepEqual(proxy.connects, []);
    assert.equal(
      describeError(error, english, 'en'),
      'Could not reach Callbell: the connection was refused (ECONNREFUSED). Check your internet connection and the “http.proxy” setting.',
    );
  });

  for (const status of [403, 407, 502]) {
    it(`a proxy answering CONNECT with ${status} is network/proxy, and is not retried`, async () => {
      const proxy = await refusingProxy(status);
      const error = await rejection(client({ baseUrl: `https://${MAPPED_LOOPBACK}:9/v1`, proxy: { url: proxy.url }, retries: 2 }).whoAmI());
      assertReason(error, 'network', 'proxy');
      assert.equal(proxy.connects.length, 1, proxy.connects.join('\n'));
      assert.match(proxy.connects[0], /^CONNECT \S+:9 /);
      assert.equal(
        describeError(error, english, 'en'),
        'The proxy did not let the request through to Callbell. Check the “http.proxy” setting and the proxy’s credentials.',
      );
    });
  }

  it('tinyproxy refusing the tunnel (ConnectPort 443) is network/proxy', async () => {
    const strict = await startTinyproxy(['ConnectPort 443']);
    closers.push(() => strict.stop());
    const { server } = await harness();
    const baseUrl = `https://${MAPPED_LOOPBACK}:${new URL(server.baseUrl).port}/v1`;
    const error = await rejection(client({ baseUrl, token: server.token, proxy: { url: strict.url } }).whoAmI());
    assertReason(error, 'network', 'proxy');
    assert.equal(server.requests.length, 0);
  });

  it('a proxy that is down is network/proxyUnreachable, retried like any refused connection', async () => {
    const deadProxy = `http://127.0.0.1:${await freePort()}`;
    const log: unknown[] = [];
    const call = client({ baseUrl: `https://${MAPPED_LOOPBACK}:9/v1`, proxy: { url: deadProxy }, retries: 1, onRequest: (event) => log.push(event) }).whoAmI();
    const error = await rejection(call);
    assertReason(error, 'network', 'proxyUnreachable');
    assert.equal(error.code, 'ECONNREFUSED');
    assert.equal(log.length, 2);
    assert.equal(
      describeError(error, english, 'en'),
      'Could not reach the proxy (ECONNREFUSED). Check the “http.proxy” setting, or the HTTPS_PROXY and HTTP_PROXY environment variables.',
    );
  });

  describe('TLS', () => {
    let keys: { key: string; cert: string };
    before(() => (keys = selfSignedCertificate()));

    async function selfSignedServer(): Promise<{ baseUrl: string; hits: () => number }> {
      let hits = 0;
      const { port } = await listen(https.createServer(keys, (_req, res) => {
        hits += 1;
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"contacts":[]}');
      }));
      return { baseUrl: `https://127.0.0.1:${port}/v1`, hits: () => hits };
    }

    it('a self-signed certificate is network/certificate, pointing to the certificate store, not to strictSSL', async () => {
      const server = await selfSignedServer();
      const error = await rejection(client({ baseUrl: server.baseUrl, retries: 2 }).listContacts({}));
      assertReason(error, 'network', 'certificate');
      assert.equal(error.code, 'DEPTH_ZERO_SELF_SIGNED_CERT');
      assert.equal(server.hits(), 0);
      assert.equal(
        describeError(error, english, 'en'),
        'Could not verify Callbell’s certificate (DEPTH_ZERO_SELF_SIGNED_CERT). If a company proxy inspects secure traffic, its root certificate must be trusted: add it to your operating system’s certificate store, or name its file in the NODE_EXTRA_CA_CERTS environment variable and restart VS Code.',
      );
      assert.doesNotMatch(error.message, /proxyStrictSSL/);
    });

    it('the same certificate behind a proxy that lets the tunnel through is still Callbell’s certificate, not the proxy', async () => {
      const proxy = await startTinyproxy();
      closers.push(() => proxy.stop());
      const server = await selfSignedServer();
      const baseUrl = server.baseUrl.replace('127.0.0.1', MAPPED_LOOPBACK);
      const error = await rejection(client({ baseUrl, proxy: { url: proxy.url } }).whoAmI());
      assertReason(error, 'network', 'certificate');
      assert.equal(error.proxyConfigured, true);
      assert.ok(proxy.requestLines().some((line) => line.includes('CONNECT ')), proxy.log());
    });

    it('https:// to a server that does not speak TLS is network/tls', async () => {
      const { port } = await listen(http.createServer((_req, res) => res.end('{}')));
      const error = await rejection(client({ baseUrl: `https://127.0.0.1:${port}/v1` }).whoAmI());
      assertReason(error, 'network', 'tls');
    });
  });

  it('a connection cut in the middle of the body is network/reset', async () => {
    const { server } = await harness();
    server.addFault({ kind: 'dropConnection' });
    const error = await rejection(client({ baseUrl: server.baseUrl, token: server.token }).listContacts({}));
    assertReason(error, 'network', 'reset');
  });

  it('a server that never answers is timeout/headers', async () => {
    const { server } = await harness();
    server.addFault({ kind: 'hang' });
    const error = await rejection(client({ baseUrl: server.baseUrl, token: server.token, timeoutMs: 150 }).listContacts({}));
    assertReason(error, 'timeout', 'headers');
    assert.equal(describeError(error, english, 'en'), 'Callbell did not answer in time. Try again.');
  });

  it('a body still trickling at the deadline is timeout/deadline', async () => {
    const { server } = await harness();
    server.addFault({ kind: 'slowBody', delayMs: 2000 });
    const error = await rejection(client({ baseUrl: server.baseUrl, token: server.token, timeoutMs: 200 }).listContacts({}));
    assertReason(error, 'timeout', 'deadline');
  });

  it('low-level codes the machine cannot provoke here map to their reasons', () => {
    const expected: Record<string, string> = {
      ENOTFOUND: 'network/hostNotFound', EAI_AGAIN: 'network/hostNotFound', ECONNRESET: 'network/reset', EPIPE: 'network/reset',
      UND_ERR_SOCKET: 'network/reset', ENETUNREACH: 'network/unreachable', EHOSTUNREACH: 'network/unreachable',
      CERT_HAS_EXPIRED: 'network/certificate', UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'network/certificate',
      ERR_TLS_CERT_ALTNAME_INVALID: 'network/certificate', UND_ERR_CONNECT_TIMEOUT: 'timeout/connect', ETIMEDOUT: 'timeout/connect',
      UND_ERR_HEADERS_TIMEOUT: 'timeout/headers', UND_ERR_BODY_TIMEOUT: 'timeout/body', toString: 'network/other', unknown: 'network/other',
    };
    const actual = Object.fromEntries(Object.keys(expected).map((code) => {
      const { kind, reason } = reasonForCode(code);
      return [code, `${kind}/${reason}`];
    }));
    assert.deepEqual(actual, expected);
  });
});
