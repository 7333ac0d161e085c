import * as assert from 'node:assert/strict';
import { request, type Dispatcher } from 'undici';
import { CallbellClient, CallbellError, createDispatcher, type DispatcherOptions } from '../../../src/api';
import { generateContacts } from '../../fake-server/data';
import { FakeCallbell } from '../../fake-server/server';
import { rejection } from './helpers';
import { freePort, startTinyproxy, type Tinyproxy } from './tinyproxy';

/**
 * 127.0.0.1 written as an IPv4-mapped IPv6 address. It is this machine, but not one of the loopback
 * names that always bypass the proxy, so the tests can watch requests go through tinyproxy while
 * every packet stays on 127.0.0.1.
 */
const MAPPED_LOOPBACK = '[::ffff:7f00:1]';

describe('proxy routing with a real proxy (tinyproxy)', function () {
  this.timeout(15_000);
  let proxy: Tinyproxy;
  let server: FakeCallbell;
  const closeables: { close(): Promise<void> }[] = [];

  before(async () => {
    proxy = await startTinyproxy();
    server = await FakeCallbell.start({ contacts: generateContacts(45, { seed: 1 }) });
  });
  after(async () => {
    await proxy?.stop();
    await server?.close();
  });
  beforeEach(() => server.resetRequests());
  afterEach(async () => {
    await Promise.all(closeables.splice(0).map((c) => c.close()));
  });

  function client(options: Partial<ConstructorParameters<typeof CallbellClient>[0]>): CallbellClient {
    const created = new CallbellClient({ baseUrl: server.baseUrl, token: server.token, retryBaseDelayMs: 10, ...options });
    closeables.push(created);
    return created;
  }

  function dispatcher(options: DispatcherOptions): Dispatcher {
    const created = createDispatcher(options);
    closeables.push(created);
    return created;
  }

  /** `GET /v1/auth/me` on the fake server, reached as `host`, through `via`; resolves to the status. */
  async function authMe(via: Dispatcher, host = MAPPED_LOOPBACK): Promise<number> {
    const port = new URL(server.origin).port;
    const response = await request(`http://${host}:${port}/v1/auth/me`, { dispatcher: via, headers: { authorization: `Bearer ${server.token}` } });
    await response.body.dump();
    return response.statusCode;
  }

  /** Requests tinyproxy logged since `before` lines of its log, for the fake server's port. */
  function proxied(before: number): string[] {
    const port = new URL(server.origin).port;
    return proxy.requestLines().slice(before).filter((line) => line.includes(`:${port} `));
  }

  describe('loopback is always direct', () => {
    for (const host of ['127.0.0.1', 'localhost']) {
      it(`a http://${host} base URL never goes through http.proxy, so the proxy never sees the key`, async () => {
        const before = proxy.requestLines().length;
        const baseUrl = server.baseUrl.replace('127.0.0.1', host);

        const contacts = await client({ baseUrl, proxy: { url: proxy.url }, env: {} }).listContacts({});

        assert.equal(contacts.length, 45);
        assert.deepEqual(proxy.requestLines().slice(before), [], `tinyproxy log:\n${proxy.log()}`);
        assert.equal(server.requests.length, 3, 'every page reached the server directly');
      });
    }

    it('nor through HTTP_PROXY / HTTPS_PROXY from the environment', async () => {
      const before = proxy.requestLines().length;
      await client({ env: { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url } }).whoAmI();
      assert.deepEqual(proxy.requestLines().slice(before), []);
      assert.equal(server.requests.length, 1);
    });
  });

  describe('other hosts go through the proxy', () => {
    it('goes through the proxy given in the options (VS Code http.proxy)', async () => {
      const before = proxy.requestLines().length;
      assert.equal(await authMe(dispatcher({ proxy: { url: proxy.url }, env: {} })), 200);
      assert.equal(proxied(before).length, 1, `tinyproxy log:\n${proxy.log()}`);
      assert.equal(server.requests.length, 1);
    });

    it('accepts a proxy without a scheme, as people type it in settings', async () => {
      const before = proxy.requestLines().length;
      assert.equal(await authMe(dispatcher({ proxy: { url: `127.0.0.1:${proxy.port}` }, env: {} })), 200);
      assert.equal(proxied(before).length, 1);
    });

    it('goes through HTTP_PROXY from the environment (EnvHttpProxyAgent)', async () => {
      const before = proxy.requestLines().length;
      assert.equal(await authMe(dispatcher({ env: { HTTP_PROXY: proxy.url } })), 200);
      assert.equal(proxied(before).length, 1);
    });

    it('reads process.env when no env is passed', async () => {
      const saved = { ...process.env };
      for (const name of ['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY', 'no_proxy', 'NO_PROXY']) delete process.env[name];
      process.env.HTTP_PROXY = proxy.url;
      const before = proxy.requestLines().length;
      try {
        assert.equal(await authMe(dispatcher({})), 200);
      } finally {
        process.env = saved;
      }
      assert.equal(proxied(before).length, 1);
    });

    it('fails with a network error, reaching nobody, when the configured proxy is down', async () => {
      const deadProxy = `http://127.0.0.1:${await freePort()}`;
      const baseUrl = `https://${MAPPED_LOOPBACK}:${new URL(server.origin).port}/v1`;

      const error = await rejection(client({ baseUrl, proxy: { url: deadProxy }, env: {}, retries: 1 }).whoAmI());

      assert.ok(error instanceof CallbellError && error.kind === 'network', String(error));
      assert.equal(server.requests.length, 0, 'the request did not bypass the proxy');
    });

    it('reports a proxy that refuses the tunnel as a proxy problem, without retrying', async () => {
      const strict = await startTinyproxy(['ConnectPort 443']);
      const baseUrl = `https://${MAPPED_LOOPBACK}:${new URL(server.origin).port}/v1`;
      try {
        const error = await rejection(client({ baseUrl, proxy: { url: strict.url }, env: {} }).whoAmI());
        assert.ok(error instanceof CallbellError && error.kind === 'network', String(error));
        assert.equal(error.reason, 'proxy');
        assert.equal(strict.requestLines().length, 1, 'not retried');
        assert.equal(server.requests.length, 0);
      } finally {
        await strict.stop();
      }
    });
  });

  describe('exceptions', () => {
    for (const [name, noProxy] of [
      ['a host', [MAPPED_LOOPBACK]],
      ['a bare IPv6 address', ['::ffff:7f00:1']],
      ['a host and port', ['api.example', `${MAPPED_LOOPBACK}:${0}`]],
      ['the wildcard', ['example.com', '*']],
    ] as const) {
      it(`honours VS Code's http.noProxy with ${name}`, async () => {
        const port = new URL(server.origin).port;
        const list = noProxy.map((entry) => entry.replace(':0', `:${port}`));
        const before = proxy.requestLines().length;
        assert.equal(await authMe(dispatcher({ proxy: { url: proxy.url, noProxy: list }, env: {} })), 200);
        assert.deepEqual(proxied(before), [], `tinyproxy log:\n${proxy.log()}`);
        assert.equal(server.requests.length, 1);
      });
    }

    it('http.noProxy applies to HTTP_PROXY too, and adds to NO_PROXY', async () => {
      const before = proxy.requestLines().length;
      const options = { proxy: { noProxy: ['api.example'] }, env: { HTTP_PROXY: proxy.url, NO_PROXY: MAPPED_LOOPBACK } };
      assert.equal(await authMe(dispatcher(options)), 200);
      assert.equal(await authMe(dispatcher({ proxy: { noProxy: [MAPPED_LOOPBACK] }, env: { HTTP_PROXY: proxy.url, NO_PROXY: 'api.example' } })), 200);
      assert.deepEqual(proxied(before), []);
    });

    it('a host not listed still goes through the proxy', async () => {
      const before = proxy.requestLines().length;
      assert.equal(await authMe(dispatcher({ proxy: { url: proxy.url, noProxy: ['api.example', '127.0.0.2'] }, env: {} })), 200);
      assert.equal(proxied(before).length, 1);
    });

    it('skips the proxy for hosts in NO_PROXY', async () => {
      const before = proxy.requestLines().length;
      assert.equal(await authMe(dispatcher({ env: { HTTP_PROXY: proxy.url, NO_PROXY: `example.com,${MAPPED_LOOPBACK}` } })), 200);
      assert.deepEqual(proxied(before), []);
    });

    it('the explicit proxy also honours NO_PROXY', async () => {
      const before = proxy.requestLines().length;
      assert.equal(await authMe(dispatcher({ proxy: { url: proxy.url }, env: { no_proxy: MAPPED_LOOPBACK } })), 200);
      assert.deepEqual(proxied(before), []);
    });
  });
});
