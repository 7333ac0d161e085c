import type { Dispatcher } from 'undici';
import { validateBaseUrl } from './baseUrl';
import type { Contact } from './contact';
import { createDispatcher, DEFAULT_TIMEOUT_MS } from './dispatcher';
import { CallbellError } from './errors';
import { messages } from './messages';
import { Pacer } from './pacer';
import { loadAllPages, type OnPage, type PageRequest } from './pagination';
import { parseAccount, parseContactsPage, type Account, type ApiWarning } from './parse';
import { RateLimiter } from './rateLimiter';
import { listAnyTag } from './tagListings';
import { loadAllTeams, parseTeamsPage, type Team } from './teams';
import { parseSingleContact } from './singleContact';
import { Transport } from './transport';
import { cleanTags, contactsQuery } from './contactsQuery';
import type { CallbellClientOptions } from './clientOptions';

import {
  DEFAULT_MAX_CONCURRENCY,
  DEFAULT_MAX_REQUESTS_PER_SECOND,
  DEFAULT_RETRIES,
  DEFAULT_MAX_PAGES,
  DEFAULT_MAX_CONTACTS,
  DEFAULT_PAGE_SIZE,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_LISTING_BYTES,
} from './defaults';

// The defaults are part of this module's surface, as they always were.
export * from './defaults';

export type { CallbellClientOptions } from './clientOptions';

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

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

function nonNegative(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : fallback;
}
