import * as assert from 'node:assert/strict';
import { CallbellClient, CallbellError } from '../../../src/api';
import { generateContacts } from '../../fake-server/data';
import { FakeCallbell } from '../../fake-server/server';
import { rejection } from './helpers';
import { freePort, startTinyproxy, type Tinyproxy } from './tinyproxy';

describe('CallbellClient through a real proxy (tinyproxy)', function () {
  this.timeout(15_000);
  let proxy: Tinyproxy;
  let server: FakeCallbell;
  const clients: CallbellClient[] = [];

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
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });

  function client(options: Partial<ConstructorParameters<typeof CallbellClient>[0]>): CallbellClient {
    const created = new CallbellClient({ baseUrl: server.baseUrl, token: server.token, retryBaseDelayMs: 10, ...options });
    clients.push(created);
    return created;
  }

  /** Tunnels tinyproxy opened to the fake server since `before` lines of its log. */
  function tunnelsToServer(before: number): string[] {
    const port = new URL(server.origin).port;
    return proxy.requestLines().slice(before).filter((line) => line.includes(`CONNECT 127.0.0.1:${port}`));
  }

  it('goes through the proxy given in the options (VS Code http.proxy)', async () => {
    const before = proxy.requestLines().length;

    const contacts = await client({ proxy: { url: proxy.url }, env: {} }).listContacts({});

    assert.equal(contacts.length, 45);
    assert.ok(tunnelsToServer(before).length >= 1, `tinyproxy log:\n${proxy.log()}`);
    assert.equal(server.requests.length, 3);
  });

  it('accepts a proxy without a scheme, as people type it in settings', async () => {
    const before = proxy.requestLines().length;
    await client({ proxy: { url: `127.0.0.1:${proxy.port}` }, env: {} }).whoAmI();
    assert.ok(tunnelsToServer(before).length >= 1);
  });

  it('fails with a network error, reaching nobody, when the configured proxy is down', async () => {
    const deadProxy = `http://127.0.0.1:${await freePort()}`;

    const error = await rejection(client({ proxy: { url: deadProxy }, env: {}, retries: 1 }).whoAmI());

    assert.ok(error instanceof CallbellError && error.kind === 'network' && error.reason === 'proxyUnreachable', String(error));
    assert.equal(server.requests.length, 0, 'the request did not bypass the proxy');
  });

  it('goes through HTTP_PROXY from the environment (EnvHttpProxyAgent)', async () => {
    const before = proxy.requestLines().length;

    const contacts = await client({ env: { HTTP_PROXY: proxy.url } }).listContacts({});

    assert.equal(contacts.length, 45);
    assert.ok(tunnelsToServer(before).length >= 1, `tinyproxy log:\n${proxy.log()}`);
  });

  it('reads process.env when no env is passed', async () => {
    const saved = { ...process.env };
    for (const name of ['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY', 'no_proxy', 'NO_PROXY']) delete process.env[name];
    process.env.HTTP_PROXY = proxy.url;
    const before = proxy.requestLines().length;
    try {
      await client({}).whoAmI();
    } finally {
      process.env = saved;
    }
    assert.ok(tunnelsToServer(before).length >= 1);
  });

  it('skips the proxy for hosts in NO_PROXY', async () => {
    const before = proxy.requestLines().length;

    const contacts = await client({ env: { HTTP_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1' } }).listContacts({});

    assert.equal(contacts.length, 45);
    assert.deepEqual(tunnelsToServer(before), []);
    assert.equal(server.requests.length, 3);
  });

  it('the explicit proxy also honours NO_PROXY', async () => {
    const before = proxy.requestLines().length;
    await client({ proxy: { url: proxy.url }, env: { no_proxy: '127.0.0.1' } }).whoAmI();
    assert.deepEqual(tunnelsToServer(before), []);
  });

  it('reports a proxy that refuses the tunnel as a proxy problem, without retrying', async () => {
    const strict = await startTinyproxy(['ConnectPort 443']);
    try {
      const error = await rejection(client({ proxy: { url: strict.url }, env: {} }).whoAmI());
      assert.ok(error instanceof CallbellError && error.kind === 'network', String(error));
      assert.equal(error.reason, 'proxy');
      assert.equal(strict.requestLines().length, 1, 'not retried');
      assert.equal(server.requests.length, 0);
    } finally {
      await strict.stop();
    }
  });
});
