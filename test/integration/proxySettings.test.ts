import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import * as vscode from 'vscode';
import { activateExtension, setSetting } from './helpers';

/**
 * A TCP port that counts its connections and answers whatever it is sent with a 502: a proxy's CONNECT
 * is refused, and a TLS handshake fails. Neither is retried, so a check of the key ends at once.
 */
async function refusingPort(): Promise<{ port: number; connections(): number; close(): Promise<void> }> {
  let connections = 0;
  const server = net.createServer((socket) => {
    connections += 1;
    socket.on('error', () => undefined);
    socket.once('data', () => socket.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    connections: () => connections,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** 127.0.0.1 written as an IPv4-mapped IPv6 address: not one of the names that always go direct. */
const MAPPED_LOOPBACK = '[::ffff:7f00:1]';

suite('VS Code’s proxy settings', () => {
  let proxy: Awaited<ReturnType<typeof refusingPort>>;
  let callbell: Awaited<ReturnType<typeof refusingPort>>;

  suiteSetup(async () => {
    await activateExtension();
    proxy = await refusingPort();
    callbell = await refusingPort();
  });
  suiteTeardown(async () => {
    await setSetting('http.noProxy', undefined);
    await setSetting('http.proxy', undefined);
    await setSetting('callbell.apiBaseUrl', undefined);
    await proxy.close();
    await callbell.close();
  });

  test('a host listed in http.noProxy is reached directly, never through http.proxy', async () => {
    await setSetting('http.proxy', `http://127.0.0.1:${proxy.port}`);
    await setSetting('callbell.apiBaseUrl', `https://${MAPPED_LOOPBACK}:${callbell.port}/v1`);
    // Checking a key sends it to /auth/me; neither port answers, so the check fails either way.
    const checkKey = (): Thenable<unknown> => vscode.commands.executeCommand('callbell.setToken', 'key-for-the-proxy-test-0123456789');

    assert.equal(await checkKey(), false);
    assert.ok(proxy.connections() > 0, 'without an exception the request goes through the proxy');
    assert.equal(callbell.connections(), 0);

    await setSetting('http.noProxy', [MAPPED_LOOPBACK]);
    const throughProxy = proxy.connections();
    assert.equal(await checkKey(), false);
    assert.ok(callbell.connections() > 0, 'the request went straight to the host');
    assert.equal(proxy.connections(), throughProxy, 'and the proxy saw nothing of it');
  });
});
