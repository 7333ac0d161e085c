import * as assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { checkedConnector, checkedLookup, isAllowedAddress } from '../../../src/avatars/addresses';
import { AvatarCache } from '../../../src/avatars/avatarCache';
import { png } from './images';
import { guardEgress, startImageServer, startSilentPort, type EgressGuard } from './imageServer';

/** Addresses off the public internet, by kind; none may be fetched, and none is ever contacted here. */
const REFUSED: [string, string][] = [
  ['loopback', '127.0.0.1'],
  ['loopback elsewhere in 127/8', '127.1.2.3'],
  ['IPv6 loopback', '::1'],
  ['private 10/8', '10.1.2.3'],
  ['private 172.16/12', '172.20.0.1'],
  ['private 192.168/16', '192.168.1.10'],
  ['link-local (cloud metadata)', '169.254.169.254'],
  ['CGNAT 100.64/10', '100.64.0.1'],
  ['CGNAT, top of the range', '100.127.255.254'],
  ['unspecified', '0.0.0.0'],
  ['IPv6 unspecified', '::'],
  ['unique-local fc00::/7', 'fc00::1'],
  ['unique-local fd00::/8', 'fd12:3456::1'],
  ['IPv6 link-local', 'fe80::1'],
  ['IPv4-mapped private', '::ffff:10.0.0.1'],
  ['IPv4-mapped loopback', '::ffff:127.0.0.1'],
  ['NAT64 of a private address', '64:ff9b::a00:1'],
  ['6to4', '2002:a00:1::1'],
  ['multicast', '224.0.0.251'],
  ['broadcast', '255.255.255.255'],
  ['documentation', '2001:db8::1'],
];

describe('avatars/addresses', () => {
  it('allows public addresses only', () => {
    for (const [kind, address] of REFUSED) assert.equal(isAllowedAddress(address, false), false, `${kind} ${address}`);
    for (const address of ['93.184.215.14', '8.8.8.8', '2606:2800:21f:cb07:6820:80da:af6b:8b2c', '::ffff:93.184.215.14', '64:ff9b::5db8:d70e', '100.63.255.255', '100.128.0.1']) {
      assert.equal(isAllowedAddress(address, false), true, address);
    }
    assert.equal(isAllowedAddress('not an address', false), false);
  });

  it('the test switch opens loopback and nothing else', () => {
    for (const address of ['127.0.0.1', '127.9.9.9', '::1', '[::1]']) assert.equal(isAllowedAddress(address, true), true, address);
    for (const [kind, address] of REFUSED.filter(([kind]) => !/loopback/.test(kind))) {
      assert.equal(isAllowedAddress(address, true), false, `${kind} ${address}`);
    }
  });

  describe('the cache, with every connection watched', () => {
    let guard: EgressGuard;
    let directory: string;
    const caches: AvatarCache[] = [];

    before(() => {
      guard = guardEgress();
    });
    after(() => guard.uninstall());
    beforeEach(async () => {
      directory = await mkdtemp(path.join(tmpdir(), 'callbell-avatars-'));
      guard.attempts.length = 0;
    });
    afterEach(async () => {
      for (const cache of caches.splice(0)) cache.dispose();
      await rm(directory, { recursive: true, force: true });
      assert.deepEqual(guard.stopped, [], 'no connection may leave the machine');
    });

    function cache(allowLoopbackForTests = false): AvatarCache {
      const created = new AvatarCache(directory, () => undefined, { allowLoopbackForTests });
      caches.push(created);
      return created;
    }

    it('without the test switch, refuses loopback, private, link-local, CGNAT, unique-local and unspecified hosts before any connection', async () => {
      const silent4 = await startSilentPort('127.0.0.1');
      const silent6 = await startSilentPort('::1');
      try {
        const urls = [
          `https://127.0.0.1:${silent4.port}/a.png`,
          `https://[::1]:${silent6.port}/a.png`,
          `http://127.0.0.1:${silent4.port}/a.png`,
          `https://[::ffff:127.0.0.1]:${silent4.port}/a.png`,
          ...REFUSED.map(([, address]) => `https://${address.includes(':') ? `[${address}]` : address}/a.png`),
          'https://169.254.169.254/latest/meta-data/',
          'http://example.com/a.png',
        ];
        const avatars = cache();
        for (const url of urls) assert.equal(avatars.lookup(url), undefined, url);
        await avatars.idle();
        for (const url of urls) assert.equal(avatars.lookup(url), undefined, url);

        assert.deepEqual(guard.attempts, [], 'not even a socket was opened');
        assert.equal(silent4.connections() + silent6.connections(), 0);
        assert.deepEqual(await readdir(directory), []);
      } finally {
        await silent4.close();
        await silent6.close();
      }
    });

    it('refuses a name that resolves to a refused address, checking the address connected to', async () => {
      const silent = await startSilentPort('127.0.0.1');
      try {
        const avatars = cache();
        avatars.lookup(`https://localhost:${silent.port}/a.png`);
        await avatars.idle();
        assert.equal(silent.connections(), 0, 'the lookup refused 127.0.0.1 before connecting');
      } finally {
        await silent.close();
      }
    });

    it('with the test switch, loads from this machine over http, and still refuses private networks', async () => {
      const server = await startImageServer();
      try {
        server.answer('/a.png', { type: 'image/png', body: png(16, 16) });
        const avatars = cache(true);
        avatars.lookup(`${server.origin}/a.png`);
        for (const url of ['http://10.0.0.1/a.png', 'https://10.0.0.1/a.png', 'https://[fc00::1]/a.png', 'https://100.64.0.1/a.png']) {
          assert.equal(avatars.lookup(url), undefined, url);
        }
        await avatars.idle();
        assert.ok(avatars.lookup(`${server.origin}/a.png`));
        assert.ok(guard.attempts.every((host) => host === '127.0.0.1'), guard.attempts.join(', '));
      } finally {
        await server.close();
      }
    });

    it('the connector refuses a literal address by itself, and the lookup drops refused addresses', async () => {
      const connect = checkedConnector(false, 1000);
      const error = await new Promise<Error | null>((resolve) =>
        connect({ hostname: '10.0.0.1', protocol: 'https:', port: '443' }, (...result) => resolve(result[0])),
      );
      assert.match(String(error), /not on the public internet/);
      const lookupError = await new Promise<Error | null>((resolve) => checkedLookup(false)('localhost', { all: true }, (err) => resolve(err)));
      assert.match(String(lookupError), /not on the public internet/);
      const allowed = await new Promise<unknown>((resolve) => checkedLookup(true)('localhost', { all: true }, (_err, addresses) => resolve(addresses)));
      assert.ok(Array.isArray(allowed) && allowed.length > 0);
      assert.deepEqual(guard.attempts, []);
    });
  });
});
