import type { Dispatcher } from 'undici';
import { validateBaseUrl } from './baseUrl';
import type { Contact } from './contact';
import { createDispatcher, DEFAULT_TIMEOUT_MS, type ProxySettings } from './dispatcher';
import { CallbellError } from './errors';
import { messages } from './messages';
import { Pacer } from './pacer';
import { loadAllPages, type OnPage, type PageRequest } from './pagination';
import { parseAccount, parseContactsPage, type Account, type ApiWarning } from './parse';
import { RateLimiter } from './rateLimiter';
import { listAnyTag } from './tagListings';
import { loadAllTeams, parseTeamsPage, type Team } from './teams';
import { parseSingleContact } from './singleContact';
import { Transport, type RequestLogEvent } from './transport';

/**
 * The ceiling of page requests in flight. The pacer keeps about budget × round-trip time of them in
 * flight (100 req/s × 300 ms = 30), with 1.5× headroom for jitter; 48 holds the full budget up to a
 * 480 ms round trip (a distant link behind a proxy) and the headroom up to 320 ms. What it costs:
 * up to 48 keep-alive sockets to Callbell, and, since pages reach onPage in order, up to twice as
 * many parsed pages (a few MB) buffered behind a late one. More would buy speed only beyond
 * 480 ms; 32 would already fall short of the budget with jitter at 300 ms.
 */
export const DEFAULT_MAX_CONCURRENCY = 48;
/**
 * The request budget of a listing, and the client's hard cap on request starts: a third of
 * Callbell's 300 req/s, because the account shares that limit with its other integrations, its
 * webhooks and other VS Code windows. 500 pages (10,000 contacts) then take about 5 s at any
 * latency up to the ceiling's reach; a 429 halves it for the rest of the listing.
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
/**
 * Response bytes one listing may take. 10,000 real contacts are about 10 MB; 64 MB leaves room for
 * accounts with many fields and stops a server that sends page after page of padding.
 */
export const DEFAULT_MAX_LISTING_BYTES = 64 * 1024 * 1024;

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

/** How several tags combine: a contact carries every one of them, or at least one. */
export type TagMatch = 'all' | 'any';

export interface ContactFilter {
  source?: string;
  /** Sent comma-joined; Callbell matches tags case-insensitively. */
  tags?: readonly string[];
  /** Default "all". For "any" each tag is listed on its own and the listings merged (see tagListings.ts). */
  tagMatch?: TagMatch;
  /** Sent as `team_uuid`: only contacts of that team. */
  teamUuid?: string;
  /** Checked locally only: the API has no such parameter, so it is never sent. */
  assignedUser?: string;
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
  private readonly maxRequestsPerSecond: number;
  private readonly maxPages: number;
  private readonly pageSize: number;
  private readonly maxContacts: number;
  private readonly maxListingBytes: number;
  private readonly maxRetryDelayMs: number;
  private readonly onWarning?: (message: string, code: ApiWarning['code']) => void;

  constructor(options: CallbellClientOptions) {
    const problem = validateBaseUrl(options.baseUrl);
    if (problem !== undefined) throw new TypeError(problem);
    const timeoutMs = positive(options.timeoutMs, DEFAULT_TIMEOUT_MS);
    const rate = positive(options.maxRequestsPerSecond, DEFAULT_MAX_REQUESTS_PER_SECOND);
    this.maxRequestsPerSecond = rate;
    this.maxConcurrency = Math.floor(positive(options.maxConcurrency, DEFAULT_MAX_CONCURRENCY));
    this.maxPages = Math.floor(positive(options.maxPages, DEFAULT_MAX_PAGES));
    this.pageSize = Math.floor(positive(options.pageSize, DEFAULT_PAGE_SIZE));
    this.maxContacts = Math.floor(positive(options.maxContacts, DEFAULT_MAX_CONTACTS));
    this.maxListingBytes = positive(options.maxListingBytes, DEFAULT_MAX_LISTING_BYTES);
    this.maxRetryDelayMs = nonNegative(options.maxRetryDelayMs, 30_000);
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
      // Burst of at most a fifth of a second's worth: the pacer spaces page requests evenly, so this
      // only lets retries and other calls through without waiting behind them.
      limiter: new RateLimiter(rate, Math.max(1, Math.min(this.maxConcurrency, Math.ceil(rate / 5)))),
      timeoutMs,
      retries: Math.floor(nonNegative(options.retries, DEFAULT_RETRIES)),
      retryBaseDelayMs: nonNegative(options.retryBaseDelayMs, 500),
      maxRetryDelayMs: this.maxRetryDelayMs,
      maxBodyBytes: positive(options.maxBodyBytes, DEFAULT_MAX_BODY_BYTES),
      userAgent: options.userAgent ?? 'callbell-contacts-vscode',
      onRequest: options.onRequest,
    });
  }

  /** Who the token belongs to (`GET /auth/me`); also the cheapest way to check a token. */
  async whoAmI(signal?: AbortSignal): Promise<Account> {
    const { json } = await this.transport.getJson('/auth/me', new URLSearchParams(), signal);
    return parseAccount(json);
  }

  /**
   * Every contact matching `filter`, from all pages, de-duplicated by uuid, in server order (with
   * `tagMatch: 'any'`, one tag's listing after the other). `assignedUser` is not sent. Rejects with a
   * CallbellError; at the page limit with kind `paginationLimit` and `partial`. Paced on the request
   * budget; a 429 slows the rest of that listing down, warned once.
   */
  listContacts(filter: ContactFilter, options: ListContactsOptions = {}): Promise<Contact[]> {
    const tags = cleanTags(filter.tags);
    if (filter.tagMatch === 'any' && tags.length > 1) {
      return listAnyTag(tags, (tag, one) => this.listOneQuery({ ...filter, tags: [tag] }, one), options);
    }
    return this.listOneQuery(filter, options);
  }

  /** The teams of the account (`GET /teams`, every page), for the team filter. */
  async listTeams(signal?: AbortSignal): Promise<Team[]> {
    return loadAllTeams(async (page) => {
      const query = new URLSearchParams(page > 1 ? { page: String(page) } : {});
      const { json } = await this.transport.getJson('/teams', query, signal);
      return parseTeamsPage(json);
    }, this.maxPages);
  }

  private listOneQuery(filter: ContactFilter, options: ListContactsOptions): Promise<Contact[]> {
    // A new pacer per listing: a slowdown lasts for the listing, the next one starts at full budget.
    const pacer = new Pacer({
      perSecond: this.maxRequestsPerSecond,
      ceiling: this.maxConcurrency,
      onSlowDown: (perSecond) => this.warn({ code: 'rateLimited', message: messages.listingSlowed(perSecond) }),
    });
    const fetchPage = async (request: PageRequest, signal: AbortSignal) => {
      const query = contactsQuery(filter, request);
      const { json, bytes } = await this.transport.getJson('/contacts', query, signal, {
        onAttempt: (attempt) => pacer.observe(attempt),
        beforeRetry: () => pacer.turn(signal),
      });
      try {
        return { ...parseContactsPage(json, request.position, (warning) => this.warn(warning)), bytes };
      } catch (error) {
        // Whatever a page's shape does to the parser, callers only ever see a CallbellError.
        if (error instanceof CallbellError) throw error;
        throw new CallbellError('invalidResponse', messages.invalidResponse(messages.detail.unreadable), { reason: 'unreadable' });
      }
    };
    return loadAllPages(fetchPage, {
      maxConcurrency: this.maxConcurrency,
      pacer,
      maxPages: this.maxPages,
      // Far beyond any real account (2 million contacts); only a broken server gets there.
      maxCursorPages: this.maxPages * 200,
      maxContacts: this.maxContacts,
      maxBytes: this.maxListingBytes,
      pageSize: this.pageSize,
      // A page still refused after its retries is tried again once the listing has slowed down,
      // unless Callbell asked for a longer wait than we hold a load for.
      retryLater: (error) =>
        error instanceof CallbellError && error.kind === 'rateLimited' &&
        (error.retryAfterMs === undefined || error.retryAfterMs <= this.maxRetryDelayMs),
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
      ({ json } = await this.transport.getJson(`/contacts/phone/${encodeURIComponent(phone.trim())}`, new URLSearchParams(), signal));
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
      // A warning hook must not turn a skipped contact or a slowdown into a failed listing.
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
  const tags = cleanTags(filter.tags);
  if (tags.length > 0) query.set('tags', tags.join(','));
  const team = filter.teamUuid?.trim();
  if (team) query.set('team_uuid', team);
  return query;
}

function cleanTags(tags: readonly string[] | undefined): string[] {
  return (tags ?? []).map((tag) => tag.trim()).filter((tag) => tag !== '');
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

function nonNegative(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : fallback;
}
