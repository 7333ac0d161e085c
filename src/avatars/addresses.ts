import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { buildConnector } from 'undici';

/** This machine: reachable only when a test asks for it. */
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/**
 * Everything that is not the public internet: a contact's avatar URL must not make the editor send
 * requests (with their side effects) to the user's network, a cloud metadata service or the machine.
 * BlockList also applies the IPv4 rules to IPv4-mapped IPv6 addresses (::ffff:10.0.0.1).
 */
const NOT_PUBLIC = new BlockList();
const IPV4_RANGES: [string, number][] = [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];
for (const [network, prefix] of IPV4_RANGES) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
  // NAT64 (64:ff9b::/96) reaches an IPv4 address through the IPv6 one: the same ranges apply.
  NOT_PUBLIC.addSubnet(`64:ff9b::${network}`, 96 + prefix, 'ipv6');
}
const IPV6_RANGES: [string, number][] = [
  ['::', 96], // unspecified, loopback, IPv4-compatible
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001::', 23], // IETF protocol assignments, Teredo
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4, which embeds an IPv4 address of any kind
  ['3fff::', 20], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local
  ['ff00::', 8], // multicast
];
for (const [network, prefix] of IPV6_RANGES) NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');

/** Whether an avatar may be fetched from this IP address (v4 or v6, brackets allowed). */
export function isAllowedAddress(address: string, allowLoopback: boolean): boolean {
  const ip = address.replace(/^\[(.*)\]$/, '$1');
  const family = isIP(ip);
  if (family === 0) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (allowLoopback && LOOPBACK.check(ip, type)) return true;
  return !NOT_PUBLIC.check(ip, type);
}

function refused(host: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`Avatar host ${host} is not on the public internet`), { code: 'ERR_AVATAR_ADDRESS' });
}

/**
 * A DNS lookup that keeps only allowed addresses, so the address connected to is the one checked
 * (a name can resolve to anything, and again differently next time).
 */
export function checkedLookup(allowLoopback: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const allowed = addresses.filter((entry) => isAllowedAddress(entry.address, allowLoopback));
      if (allowed.length === 0) return callback(refused(hostname), '', 0);
      if (options.all) return callback(null, allowed);
      return callback(null, allowed[0].address, allowed[0].family);
    });
  };
}

/**
 * undici's connector with both checks: names through `checkedLookup`, and IP literals (which Node
 * connects to without any lookup) refused before a socket is opened.
 */
export function checkedConnector(allowLoopback: boolean, timeout: number): buildConnector.connector {
  const connect = buildConnector({ timeout, lookup: checkedLookup(allowLoopback) });
  return (options, callback) => {
    const host = options.hostname.replace(/^\[(.*)\]$/, '$1');
    if (isIP(host) !== 0 && !isAllowedAddress(host, allowLoopback)) return callback(refused(host), null);
    return connect(options, callback);
  };
}
