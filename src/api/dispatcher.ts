import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';
import { messages } from './messages';

/** What VS Code's `http.proxy` and `http.proxyStrictSSL` settings say. */
export interface ProxySettings {
  /** Proxy URL; a bare `host:port` is read as http://host:port. Empty or missing: use the environment. */
  url?: string;
  /** false accepts any certificate on proxied connections (TLS-inspecting company proxies). Default true. */
  strictSSL?: boolean;
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
 * - `proxy.url` set: every request goes through it, except hosts listed in NO_PROXY.
 * - otherwise HTTPS_PROXY / HTTP_PROXY / NO_PROXY from `env`, via undici's EnvHttpProxyAgent.
 * - neither: a plain Agent.
 * No implicit loopback bypass: put localhost in NO_PROXY for that, as with curl.
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
  return new EnvHttpProxyAgent({
    ...common,
    // Empty strings (not undefined) stop undici from reading process.env behind our back.
    httpProxy: httpProxy ? normalizeProxyUrl(httpProxy) : '',
    httpsProxy: httpsProxy ? normalizeProxyUrl(httpsProxy) : '',
    noProxy: envValue(env, 'no_proxy') ?? '',
    proxyTls: tls,
    requestTls: tls,
  });
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
