import { isIP } from 'node:net';
import { messages } from './messages';

/**
 * Checks a Callbell API base URL (the `callbell.apiBaseUrl` setting). Returns a message for the user
 * when it is unusable, `undefined` when it is fine. https is required because the API key travels in
 * every request; plain http is allowed only to this machine (fake servers, local tunnels).
 */
export function validateBaseUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return messages.baseUrl.notAUrl;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return messages.baseUrl.notHttps;
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return messages.baseUrl.notHttps;
  if (url.username || url.password) return messages.baseUrl.credentials;
  if (url.search || url.hash) return messages.baseUrl.queryOrFragment;
  return undefined;
}

/**
 * `localhost`, 127.0.0.0/8 and ::1, nothing else. Other names, `*.localhost` included, are looked up
 * in DNS and may point anywhere; other spellings of loopback are not needed.
 */
export function isLoopbackHost(hostname: string): boolean {
  // WHATWG URL keeps IPv6 hosts in brackets and already normalises 127.1 → 127.0.0.1 and 0::1 → ::1.
  const host = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return isIP(host) === 6 && host === '::1';
}
