import { isIP } from 'node:net';
import { Agent, Dispatcher, EnvHttpProxyAgent } from 'undici';
import { isLoopbackHost } from './baseUrl';
import { messages } from './messages';

/** What VS Code's `http.proxy`, `http.proxyStrictSSL` and `http.noProxy` settings say. */
export interface ProxySettings {
  /** Proxy URL; a bare `host:port` is read as http://host:port. Empty or missing: use the environment. */
  url?: string;
  /** false accepts any certificate on proxied connections (TLS-inspecting company proxies). Default true. */
  strictSSL?: boolean;
  /** Hosts reached without the proxy, as NO_PROXY entries (`example.com`, `.corp.example`, `host:8080`, `*`). */
  noProxy?: readonly string[];
}

export interface DispatcherOptions {
  proxy?: ProxySettings;
  /** Where HTTPS_PROXY, HTTP_PROXY and NO_PROXY are read (lower case wins, as in curl). Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Connect, headers and body-idle timeout in ms. */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Builds the undici dispatcher for the client. VS Code's proxy support patches Node's http/https and
 * global fetch, not a bundled undici, so the extension has to route through the proxy itself.
 * - `proxy.url` set: every request goes through it, except hosts in `proxy.noProxy` or NO_PROXY.
 * - otherwise HTTPS_PROXY / HTTP_PROXY from `env`, with the same exceptions, via EnvHttpProxyAgent.
 * - neither: a plain Agent.
 * This machine (localhost, 127.0.0.0/8, [::1]) is always reached directly: plain http is allowed
 * only there, and through a proxy the API key would travel to the proxy host in clear text.
 */
export function createDispatcher(options: DispatcherOptions = {}): Dispatcher {
  const env = options.env ?? process.env;
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const common = { connect: { timeout }, headersTimeout: timeout, bodyTimeout: timeout };

  const explicit = options.proxy?.url?.trim();
  const httpProxy = explicit || envValue(env, 'http_proxy');
  const httpsProxy = explicit || envValue(env, 'https_proxy') || httpProxy;
  if (!httpProxy && !httpsProxy) return new Agent(common);

  // ProxyAgent builds its own connectors from these; `connect` above only reaches the NO_PROXY path.
  const tls = { timeout, rejectUnauthorized: options.proxy?.strictSSL ?? true };
  const proxied = new EnvHttpProxyAgent({
    ...common,
    // Empty strings (not undefined) stop undici from reading process.env behind our back.
    httpProxy: httpProxy ? normalizeProxyUrl(httpProxy) : '',
    httpsProxy: httpsProxy ? normalizeProxyUrl(httpsProxy) : '',
    noProxy: noProxyList(envValue(env, 'no_proxy'), options.proxy?.noProxy),
    proxyTls: tls,
    requestTls: tls,
  });
  return new LoopbackDirect(new Agent(common), proxied);
}

/**
 * NO_PROXY and VS Code's `http.noProxy` as one NO_PROXY string. A bare IPv6 address gets the brackets
 * undici compares with; a `*` anywhere means no proxy at all.
 */
function noProxyList(env: string | undefined, settings: readonly unknown[] = []): string {
  const entries = [env ?? '', ...settings.filter((entry): entry is string => typeof entry === 'string')]
    .flatMap((entry) => entry.split(/[\s,]+/))
    .filter((entry) => entry !== '')
    .map((entry) => (isIP(entry) === 6 ? `[${entry}]` : entry));
  return entries.includes('*') ? '*' : entries.join(',');
}

/** Sends requests for this machine's own addresses straight to them, everything else on to the proxy. */
class LoopbackDirect extends Dispatcher {
  constructor(
    private readonly direct: Dispatcher,
    private readonly proxied: Dispatcher,
  ) {
    super();
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const origin = options.origin === undefined ? undefined : new URL(String(options.origin));
    return (origin !== undefined && isLoopbackHost(origin.hostname) ? this.direct : this.proxied).dispatch(options, handler);
  }

  override close(): Promise<void>;
  override close(callback: () => void): void;
  override close(callback?: () => void): Promise<void> | void {
    const closed = Promise.all([this.direct.close(), this.proxied.close()]).then(() => undefined);
    if (!callback) return closed;
    void closed.then(callback);
  }

  override destroy(): Promise<void>;
  override destroy(error: Error | null): Promise<void>;
  override destroy(callback: () => void): void;
  override destroy(error: Error | null, callback: () => void): void;
  override destroy(first?: Error | null | (() => void), second?: () => void): Promise<void> | void {
    const error = typeof first === 'function' ? null : (first ?? null);
    const callback = typeof first === 'function' ? first : second;
    const destroyed = Promise.all([this.direct.destroy(error), this.proxied.destroy(error)]).then(() => undefined);
    if (!callback) return destroyed;
    void destroyed.then(callback);
  }
}

function envValue(env: NodeJS.ProcessEnv, lowerName: string): string | undefined {
  const value = env[lowerName] ?? env[lowerName.toUpperCase()];
  return value?.trim() || undefined;
}

function normalizeProxyUrl(value: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    // The value may hold proxy credentials: never echo it.
    throw new TypeError(messages.proxyUrlInvalid());
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(messages.proxyUrlInvalid());
  return url.href;
}
