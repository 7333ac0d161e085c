import type { Dispatcher } from 'undici';
import { validateBaseUrl } from './baseUrl';
import type { Contact } from './contact';
import { createDispatcher, DEFAULT_TIMEOUT_MS, type ProxySettings } from './dispatcher';
import { CallbellError } from './errors';
import { messages } from './messages';
import { loadAllPages, type OnPage, type PageRequest } from './pagination';
import { parseAccount, parseContactsPage, type Account, type ApiWarning } from './parse';
import { RateLimiter } from './rateLimiter';
import { parseSingleContact } from './singleContact';
import { Transport, type RequestLogEvent } from './transport';

/**
 * Page mode loads this many pages at once by default. Loading is latency-bound: throughput is about
 * concurrency / latency. test/bench/listContacts.bench.ts (10,000 contacts = 500 pages, 30 ms per
 * request, rate cap lifted) measured 1 → 16.5 s, 2 → 8.3 s, 4 → 4.4 s, 6 → 3.8 s, 8 → 3.0 s,
 * 16 → 1.3 s (385 req/s). 4 is 4× sequential and, even on a 30 ms link, runs at ~115 req/s: under
 * half of Callbell's 300 req/s, which the account shares with its webhooks, integrations and other
 * VS Code windows; 8 (170–230 req/s measured) would take over half of it and 16 exceeds it,
 * inviting 429s for everyone on the key.
 * At everyday latencies (100–200 ms) 4 gives 20–40 req/s: 10,000 contacts in ~12–25 s while the
 * tree fills page by page from the first round trip, so more would buy seconds, not usability.
 */
export const DEFAULT_MAX_CONCURRENCY = 4;
/**
 * The hard politeness guarantee, a third of Callbell's 300 req/s. It bites only on fast links (the
 * bench at 30 ms: every concurrency ≥ 4 then takes ~5 s) and in retry storms.
 */
export const DEFAULT_MAX_REQUESTS_PER_SECOND = 100;
export const DEFAULT_RETRIES = 3;
/** Callbell's page mode is reported to stop at page 500 (10,000 contacts). */
export const DEFAULT_MAX_PAGES = 500;
/** Ten times the page-mode limit: room for real accounts in cursor mode, a stop for endless ones. */
export const DEFAULT_MAX_CONTACTS = 100_000;
/** Documented (reported) page size; a shorter page ends a listing that has no meta. */
export const DEFAULT_PAGE_SIZE = 20;
/** Pages of 20 contacts are a few KB; 20 MB is far beyond any honest response. */
export const DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024;

export interface CallbellClientOptions {
  /** e.g. https://api.callbell.eu/v1; checked with validateBaseUrl. */
  baseUrl: string;
  token: string;
  /** Use this dispatcher (its owner closes it); otherwise one is built from `proxy` and the environment. */
  dispatcher?: Dispatcher;
  /** Pages requested at once in page mode. Default 4. */
  maxConcurrency?: number;
  /** Client-side cap on request starts per second, retries included. Default 100. */
  maxRequestsPerSecond?: number;
  /** Per attempt: connect, headers, body idle, and the whole exchange. Default 30 s. */
  timeoutMs?: number;
  /** Extra attempts after a 429, 5xx, broken connection or timeout. Default 3. */
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
  /** A contact skipped or shortened: a sentence for the log, and a code to count by. */
  onWarning?: (message: string, code: ApiWarning['code']) => void;
  /** Every HTTP attempt, for an output channel. Never sees the token. */
  onRequest?: (event: RequestLogEvent) => void;
  /** VS Code's http.proxy / http.proxyStrictSSL; ignored when `dispatcher` is given. */
  proxy?: ProxySettings;
  /** Where HTTPS_PROXY / HTTP_PROXY / NO_PROXY come from. Default process.env. */
  env?: NodeJS.ProcessEnv;
  userAgent?: string;
}

export interface ContactFilter {
  source?: string;
  /** Sent comma-joined; Callbell matches tags case-insensitively. */
  tags?: readonly string[];
}

export interface ListContactsOptions {
  /** Aborts every request in flight and any wait; the promise rejects with kind `aborted`. */
  signal?: AbortSignal;
  /** New contacts of each page, in server order, as soon as the pages before it are in. */
  onPage?: OnPage;
}

/** `GET /contacts/phone/:phone_number`: the contact, or Callbell's "no such contact" (404) as a result, not an error. */
export type PhoneLookup = { readonly found: true; readonly contact: Contact } | { readonly found: false };

export class CallbellClient {
  private readonly transport: Transport;
  private readonly ownedDispatcher?: Dispatcher;
  private readonly maxConcurrency: number;
  private readonly maxPages: number;
  private readonly pageSize: number;
  private readonly maxContacts: number;
  private readonly onWarning?: (message: string, code: ApiWarning['code']) => void;

  constructor(options: CallbellClientOptions) {
    const problem = validateBaseUrl(options.baseUrl);
    if (problem !== undefined) throw new TypeError(problem);
    const timeoutMs = positive(options.timeoutMs, DEFAULT_TIMEOUT_MS);
    const rate = positive(options.maxRequestsPerSecond, DEFAULT_MAX_REQUESTS_PER_SECOND);
    this.maxConcurrency = Math.floor(positive(options.maxConcurrency, DEFAULT_MAX_CONCURRENCY));
    this.maxPages = Math.floor(positive(options.maxPages, DEFAULT_MAX_PAGES));
    this.pageSize = Math.floor(positive(options.pageSize, DEFAULT_PAGE_SIZE));
    this.maxContacts = Math.floor(positive(options.maxContacts, DEFAULT_MAX_CONTACTS));
    this.onWarning = options.onWarning;

    let dispatcher = options.dispatcher;
    if (!dispatcher) {
      dispatcher = createDispatcher({ proxy: options.proxy, env: options.env, timeoutMs });
      this.ownedDispatcher = dispatcher;
    }
    this.transport = new Transport({
      baseUrl: new URL(options.baseUrl.trim()),
      token: options.token.trim(),
      dispatcher,
      // Burst of at most a fifth of a second's worth: enough for the concurrent workers to start together.
      limiter: new RateLimiter(rate, Math.max(1, Math.min(this.maxConcurrency, Math.ceil(rate / 5)))),
      timeoutMs,
      retries: Math.floor(nonNegative(options.retries, DEFAULT_RETRIES)),
      retryBaseDelayMs: nonNegative(options.retryBaseDelayMs, 500),
      maxRetryDelayMs: nonNegative(options.maxRetryDelayMs, 30_000),
      maxBodyBytes: positive(options.maxBodyBytes, DEFAULT_MAX_BODY_BYTES),
      userAgent: options.userAgent ?? 'callbell-contacts-vscode',
      onRequest: options.onRequest,
    });
  }

  /** Who the token belongs to (`GET /auth/me`); also the cheapest way to check a token. */
  async whoAmI(signal?: AbortSignal): Promise<Account> {
    const json = await this.transport.getJson('/auth/me', new URLSearchParams(), signal);
    return parseAccount(json);
  }

  /**
   * Every contact matching `filter`, from all pages, de-duplicated by uuid, in server order.
   * Rejects with a CallbellError; at the page limit with kind `paginationLimit` and `partial`.
   */
  listContacts(filter: ContactFilter, options: ListContactsOptions = {}): Promise<Contact[]> {
    const fetchPage = async (request: PageRequest, signal: AbortSignal) => {
      const json = await this.transport.getJson('/contacts', contactsQuery(filter, request), signal);
      try {
        return parseContactsPage(json, request.position, (warning) => this.warn(warning));
      } catch (error) {
        // Whatever a page's shape does to the parser, callers only ever see a CallbellError.
        if (error instanceof CallbellError) throw error;
        throw new CallbellError('invalidResponse', messages.invalidResponse(messages.detail.unreadable));
      }
    };
    return loadAllPages(fetchPage, {
      maxConcurrency: this.maxConcurrency,
      maxPages: this.maxPages,
      // Far beyond any real account (2 million contacts); only a broken server gets there.
      maxCursorPages: this.maxPages * 200,
      maxContacts: this.maxContacts,
      pageSize: this.pageSize,
      signal: options.signal,
      onPage: options.onPage,
    });
  }

  /**
   * The contact with this phone number on the account's main WhatsApp channel. `phone` goes into the
   * path URL-encoded (`+` as `%2B`). Rejects with a CallbellError for every failure but a 404.
   */
  async getContactByPhone(phone: string, signal?: AbortSignal): Promise<PhoneLookup> {
    let json: unknown;
    try {
      json = await this.transport.getJson(`/contacts/phone/${encodeURIComponent(phone.trim())}`, new URLSearchParams(), signal);
    } catch (error) {
      if (error instanceof CallbellError && error.status === 404) return { found: false };
      throw error;
    }
    const contact = parseSingleContact(json, (warning) => this.warn(warning));
    return contact ? { found: true, contact } : { found: false };
  }

  /** Closes the dispatcher this client built (not one passed in). */
  async close(): Promise<void> {
    await this.ownedDispatcher?.close();
  }

  private warn(warning: ApiWarning): void {
    try {
      this.onWarning?.(warning.message, warning.code);
    } catch {
      // A warning hook must not turn a skipped contact into a failed listing.
    }
  }
}

/** Filters go on every request: the cursor does not carry them. */
function contactsQuery(filter: ContactFilter, request: PageRequest): URLSearchParams {
  const query = new URLSearchParams();
  if (request.page !== undefined) query.set('page', String(request.page));
  if (request.after !== undefined) query.set('after', request.after);
  const source = filter.source?.trim();
  if (source) query.set('source', source);
  const tags = (filter.tags ?? []).map((tag) => tag.trim()).filter((tag) => tag !== '');
  if (tags.length > 0) query.set('tags', tags.join(','));
  return query;
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

function nonNegative(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : fallback;
}
