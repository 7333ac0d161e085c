import { isIP } from 'node:net';
import { Agent, Dispatcher, EnvHttpProxyAgent, Pool, errors, type buildConnector } from 'undici';
import { isLoopbackHost } from './baseUrl';
import { CallbellError } from './errors';
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
  const proxyAgent = new EnvHttpProxyAgent({
    ...common,
    // Empty strings (not undefined) stop undici from reading process.env behind our back.
    httpProxy: httpProxy ? normalizeProxyUrl(httpProxy) : '',
    httpsProxy: httpsProxy ? normalizeProxyUrl(httpsProxy) : '',
    noProxy: noProxyList(envValue(env, 'no_proxy'), options.proxy?.noProxy),
    proxyTls: tls,
    requestTls: tls,
    // The connection to the proxy itself: whatever fails there, the proxy could not be reached.
    clientFactory: (origin: URL, opts: object) => new Pool(origin, withMarkedFailures(opts, () => 'proxyUnreachable')),
    // Per origin. Through the proxy, `connect` is ProxyAgent's tunnel: it reports a CONNECT answered with
    // anything but 200 as a RequestAbortedError, which a plain connector never does, and a proxy whose
    // certificate names another host as a SecureProxyConnectionError. Errors of the TLS handshake with
    // Callbell inside the tunnel stay unmarked: they are Callbell's. The NO_PROXY path, whose `connect`
    // is not a function, is left as it is.
    factory: (origin: string | URL, opts: object) =>
      new Pool(origin, withMarkedFailures(opts, (error) =>
        error instanceof errors.RequestAbortedError ? 'proxy'
          : error instanceof errors.SecureProxyConnectionError ? 'proxyUnreachable'
            : undefined)),
  });
  // This machine is reached directly, whatever the proxy settings say.
  const dispatcher = new LoopbackDirect(new Agent(common), proxyAgent);
  proxied.add(dispatcher);
  return dispatcher;
}

/** Dispatchers built here that send requests through a proxy (unless NO_PROXY exempts the host). */
const proxied = new WeakSet<Dispatcher>();

/** Errors undici reported on the way to Callbell through the proxy, with what failed. */
const proxyFailures = new WeakMap<Error, ProxyLeg>();

/** True when `dispatcher` was built by createDispatcher with a proxy. */
export function usesProxy(dispatcher: Dispatcher): boolean {
  return proxied.has(dispatcher);
}

/** Whether `error` came from the proxy leg of a request made with a dispatcher from createDispatcher. */
export function proxyFailure(error: unknown): ProxyLeg | undefined {
  return error instanceof Error ? proxyFailures.get(error) : undefined;
}

type ProxyLeg = 'proxy' | 'proxyUnreachable';

/** Pool options whose connector marks its failures as `classify` says, unless an inner connector already did. */
function withMarkedFailures(opts: object, classify: (error: Error) => ProxyLeg | undefined): Pool.Options {
  const { connect } = opts as Pool.Options;
  if (typeof connect !== 'function') return opts as Pool.Options;
  const marking: buildConnector.connector = (connectOptions, callback) =>
    connect(connectOptions, (...result: Parameters<buildConnector.Callback>) => {
      const [error] = result;
      const leg = error && !proxyFailures.has(error) ? classify(error) : undefined;
      if (error && leg) proxyFailures.set(error, leg);
      callback(...result);
    });
  return { ...(opts as Pool.Options), connect: marking };
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
    throw invalidProxy();
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalidProxy();
  return url.href;
}

function invalidProxy(): CallbellError {
  return new CallbellError('network', messages.proxyUrlInvalid(), { reason: 'proxyInvalid', proxyConfigured: true });
}
