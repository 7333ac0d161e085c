import type { Dispatcher } from 'undici';
import type { ApiWarning } from './parse';
import type { RequestLogEvent } from './transport';
import type { ProxySettings } from './dispatcher';

export interface CallbellClientOptions {
  /** e.g. https://api.callbell.eu/v1; checked with validateBaseUrl. */
  baseUrl: string;
  token: string;
  /** Use this dispatcher (its owner closes it); otherwise one is built from `proxy` and the environment. */
  dispatcher?: Dispatcher;
  /**
   * Ceiling of page requests in flight in page mode; how many are really in flight follows the
   * latency (budget × round trip). Cursor mode and listings without meta stay one at a time. Default 48.
   */
  maxConcurrency?: number;
  /**
   * The request budget: page requests started per second in a listing (halved for the rest of it on
   * a 429), and the client-side cap on request starts per second, retries included. Default 100.
   */
  maxRequestsPerSecond?: number;
  /** Per attempt: connect, headers, body idle, and the whole exchange. Default 30 s. */
  timeoutMs?: number;
  /**
   * Extra attempts after a 429, 5xx, broken connection or timeout. Default 3. In page mode a page
   * still refused with 429 after them is asked for again later in the listing, twice at most.
   */
  retries?: number;
  /** First backoff step; doubles each retry, half of it random. Default 500 ms. */
  retryBaseDelayMs?: number;
  /** Longest wait between attempts; a longer Retry-After ends retrying with `rateLimited`. Default 30 s. */
  maxRetryDelayMs?: number;
  /** Page mode limit. Default 500. */
  maxPages?: number;
  /** Server page size, for spotting the last page without meta. Default 20. */
  pageSize?: number;
  /** Most contacts one listing may hold (cursor mode has no page limit). Default 100,000. */
  maxContacts?: number;
  /** Largest response body read. Default 20 MB. */
  maxBodyBytes?: number;
  /**
   * Response bytes one listing may take, all pages together. Beyond it the listing ends with kind
   * `paginationLimit` (code `LISTING_BUDGET`), `partial` holding what was loaded. Default 64 MB.
   */
  maxListingBytes?: number;
  /** A contact skipped or shortened, or a listing slowed by a 429: a sentence for the log, and a code to count by. */
  onWarning?: (message: string, code: ApiWarning['code']) => void;
  /** Every HTTP attempt, for an output channel. Never sees the token. */
  onRequest?: (event: RequestLogEvent) => void;
  /** VS Code's http.proxy / http.proxyStrictSSL; ignored when `dispatcher` is given. */
  proxy?: ProxySettings;
  /** Where HTTPS_PROXY / HTTP_PROXY / NO_PROXY come from. Default process.env. */
  env?: NodeJS.ProcessEnv;
  userAgent?: string;
}
