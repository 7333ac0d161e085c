/**
 * Walks every page of a contacts listing, whichever way the server paginates:
 * - cursor: page 1 offers `meta.next`; follow `after=` until it is null (sequential by nature);
 * - pages: page 1 gives `meta.pages`; the rest load concurrently, delivered in page order;
 * - no meta: sequential `page=` requests until an empty or short page.
 * Contacts are de-duplicated by uuid (the list is ordered by latest conversation, so a contact
 * can move to a later page while we walk), keeping the first, i.e. server order.
 * Knows nothing about HTTP: it calls `fetchPage`, which tests can replace.
 */
import type { Contact } from './contact';
import { CallbellError, LISTING_BUDGET } from './errors';
import { messages } from './messages';
import type { ContactsPage } from './parse';
import { linkSignals } from './signals';

export interface PageRequest {
  /** Page number in page mode; absent for the first request and in cursor mode. */
  readonly page?: number;
  /** Cursor mode: the previous page's `meta.next`. */
  readonly after?: string;
  /** 1-based position of this page in the walk, for warnings. */
  readonly position: number;
}

export type FetchPage = (request: PageRequest, signal: AbortSignal) => Promise<ContactsPage>;

export interface ListProgress {
  /** Unique contacts delivered so far. */
  readonly loaded: number;
  /** Pages that will be loaded, when the server says (page mode). */
  readonly pages?: number;
  /** Pages delivered so far. */
  readonly pagesLoaded: number;
}

export type OnPage = (contacts: Contact[], progress: ListProgress) => void;

export interface PaginationOptions {
  readonly maxConcurrency: number;
  /** Page mode stops here (Callbell's is reported at 500); going further is a paginationLimit. */
  readonly maxPages: number;
  /** Cursor mode has no documented limit; this only stops a server that never ends the walk. */
  readonly maxCursorPages: number;
  /** The most contacts one listing may hold; beyond it the server is not describing a real account. */
  readonly maxContacts: number;
  /** Response bytes one listing may take (`ContactsPage.bytes`); the page that would exceed it ends the walk. */
  readonly maxBytes?: number;
  /** Page size the server uses (documented as 20): a shorter page ends a walk without meta. */
  readonly pageSize: number;
  readonly signal?: AbortSignal;
  readonly onPage?: OnPage;
}

export async function loadAllPages(fetchPage: FetchPage, options: PaginationOptions): Promise<Contact[]> {
  // One signal for the whole walk: the caller's abort, or our own on the first failure, cancels
  // every request in flight at once.
  const linked = linkSignals(options.signal);
  const walk = new Walk(options, linked.signal);
  try {
    const first = await fetchPage({ position: 1 }, linked.signal);
    const { meta } = first;
    if (typeof meta.next === 'string') {
      walk.deliver(first);
      await walkCursor(fetchPage, walk, meta.next);
    } else if (meta.pages !== undefined) {
      walk.pagesTotal = Math.min(meta.pages, options.maxPages);
      walk.deliver(first);
      await walkPagesConcurrently(fetchPage, walk, meta.pages);
    } else {
      walk.deliver(first);
      // `next: null` on page 1 is a cursor listing that fits in one page.
      if (meta.next !== null) await walkWithoutMeta(fetchPage, walk, first);
    }
    return walk.contacts;
  } catch (error) {
    if (error instanceof CallbellError && error.kind === 'paginationLimit') {
      throw walk.limitError(error.status);
    }
    throw error;
  } finally {
    linked.abort();
    linked.dispose();
  }
}

/** Collects pages in order and reports them. */
class Walk {
  readonly contacts: Contact[] = [];
  private readonly seen = new Set<string>();
  pagesLoaded = 0;
  pagesTotal?: number;
  /** The most contacts the server lets us list, for the limit message. */
  limit = 0;
  /** Response bytes delivered so far, and whether a page would have gone over maxBytes. */
  private bytes = 0;
  private overBudget = false;

  constructor(
    readonly options: PaginationOptions,
    readonly signal: AbortSignal,
  ) {}

  /** Adds a page's new contacts and reports them; returns how many were new. */
  deliver(page: ContactsPage): number {
    // After an abort nothing more reaches the caller, not even pages that already arrived.
    if (this.signal.aborted) return 0;
    if (this.bytes + (page.bytes ?? 0) > (this.options.maxBytes ?? Infinity)) {
      this.overBudget = true;
      throw new CallbellError('paginationLimit', '');
    }
    this.bytes += page.bytes ?? 0;
    const fresh: Contact[] = [];
    for (const contact of page.contacts) {
      if (this.contacts.length >= this.options.maxContacts) {
        this.report(fresh);
        this.limit = this.options.maxContacts;
        throw new CallbellError('paginationLimit', '');
      }
      if (this.seen.has(contact.uuid)) continue;
      this.seen.add(contact.uuid);
      fresh.push(contact);
      this.contacts.push(contact);
    }
    this.report(fresh);
    return fresh.length;
  }

  private report(fresh: Contact[]): void {
    this.pagesLoaded += 1;
    const progress: ListProgress = { loaded: this.contacts.length, pagesLoaded: this.pagesLoaded };
    this.options.onPage?.(fresh, this.pagesTotal !== undefined ? { ...progress, pages: this.pagesTotal } : progress);
  }

  limitError(status?: number): CallbellError {
    const budget = this.overBudget ? messages.listingTooLarge(this.contacts.length, this.options.maxBytes ?? 0) : undefined;
    if (budget) return new CallbellError('paginationLimit', budget, { partial: [...this.contacts], code: LISTING_BUDGET });
    const limit = this.limit || this.pagesLoaded * this.options.pageSize;
    return new CallbellError('paginationLimit', messages.paginationLimit(this.contacts.length, limit), {
      partial: [...this.contacts],
      ...(status !== undefined ? { status } : {}),
    });
  }

  limitReached(pages: number): CallbellError {
    this.limit = pages * this.options.pageSize;
    return new CallbellError('paginationLimit', '');
  }
}

/** Pages in a row that bring nothing new before a cursor walk is taken as finished. */
const MAX_PAGES_WITHOUT_NEWS = 3;

async function walkCursor(fetchPage: FetchPage, walk: Walk, firstCursor: string): Promise<void> {
  const seenCursors = new Set<string>();
  let cursor: string | null | undefined = firstCursor;
  let pagesWithoutNews = 0;
  while (typeof cursor === 'string') {
    // A cursor we already followed would loop forever.
    if (seenCursors.has(cursor)) {
      throw new CallbellError('invalidResponse', messages.invalidResponse(messages.detail.badCursor));
    }
    seenCursors.add(cursor);
    if (walk.pagesLoaded >= walk.options.maxCursorPages) throw walk.limitReached(walk.options.maxCursorPages);
    const page: ContactsPage = await fetchPage({ after: cursor, position: walk.pagesLoaded + 1 }, walk.signal);
    // A server handing out fresh cursors for empty or repeated pages would keep us walking forever.
    pagesWithoutNews = walk.deliver(page) === 0 ? pagesWithoutNews + 1 : 0;
    if (pagesWithoutNews >= MAX_PAGES_WITHOUT_NEWS) return;
    // A page without `next` ends the walk as surely as `next: null`.
    cursor = page.meta.next;
  }
}

async function walkWithoutMeta(fetchPage: FetchPage, walk: Walk, first: ContactsPage): Promise<void> {
  let last = first;
  // Judged on the raw array length, so skipped bad contacts do not end the walk early.
  while (last.rawCount > 0 && last.rawCount >= walk.options.pageSize) {
    const page = walk.pagesLoaded + 1;
    // Never ask beyond the limit: the server would refuse, and more would mean no end in sight.
    if (page > walk.options.maxPages) throw walk.limitReached(walk.options.maxPages);
    last = await fetchPage({ page, position: page }, walk.signal);
    walk.deliver(last);
  }
}

/**
 * Pages 2..N with at most `maxConcurrency` requests in flight. Pages arriving early wait in a buffer
 * so `onPage` sees them in page order. `meta.pages` of later pages may raise N (the list grew while
 * we walked); `maxPages` caps it.
 */
async function walkPagesConcurrently(fetchPage: FetchPage, walk: Walk, announcedPages: number): Promise<void> {
  const { maxPages, maxConcurrency } = walk.options;
  let knownPages = announcedPages;
  let nextToRequest = 2;
  let nextToDeliver = 2;
  /** First page the server refused with "Pagination limit exceeded", if any. */
  let refusedAt = Infinity;
  /** First empty page: the list ends there, whatever `meta.pages` announced. */
  let emptyAt = Infinity;
  const buffer = new Map<number, ContactsPage>();
  let failure: { error: unknown } | undefined;
  const abortAll = linkSignals(walk.signal);

  const worker = async (): Promise<void> => {
    for (;;) {
      const page = nextToRequest;
      if (failure || page > Math.min(knownPages, maxPages) || page >= refusedAt || page > emptyAt) return;
      nextToRequest += 1;
      let result: ContactsPage;
      try {
        result = await fetchPage({ page, position: page }, abortAll.signal);
      } catch (error) {
        if (error instanceof CallbellError && error.kind === 'paginationLimit') {
          refusedAt = Math.min(refusedAt, page);
          return;
        }
        throw error;
      }
      if (result.rawCount === 0) emptyAt = Math.min(emptyAt, page);
      if (result.meta.pages !== undefined && result.meta.pages > knownPages) {
        knownPages = result.meta.pages;
        walk.pagesTotal = Math.min(knownPages, maxPages);
      }
      buffer.set(page, result);
      for (let ready = buffer.get(nextToDeliver); ready; ready = buffer.get(nextToDeliver)) {
        buffer.delete(nextToDeliver);
        nextToDeliver += 1;
        walk.deliver(ready);
      }
    }
  };

  const run = async (): Promise<void> => {
    try {
      await worker();
    } catch (error) {
      // Fail fast: cancel the siblings, but wait for them so no callback fires after we return.
      failure ??= { error };
      abortAll.abort();
    }
  };
  const workers = Math.max(1, Math.min(maxConcurrency, Math.max(0, Math.min(knownPages, maxPages) - 1)));
  try {
    await Promise.all(Array.from({ length: workers }, run));
  } finally {
    abortAll.dispose();
  }
  if (failure) throw failure.error;
  if (refusedAt !== Infinity) throw walk.limitReached(refusedAt - 1);
  if (knownPages > maxPages && emptyAt === Infinity) throw walk.limitReached(maxPages);
}
