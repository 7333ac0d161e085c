/**
 * Walks every page of a contacts listing, whichever way the server paginates:
 * - cursor: page 1 offers `meta.next`; follow `after=` until it is null (sequential by nature);
 * - pages: page 1 gives `meta.pages`; the rest load concurrently (pageMode.ts), delivered in page order;
 * - no meta: sequential `page=` requests until an empty or short page.
 * Contacts are de-duplicated by uuid (the list is ordered by latest conversation, so a contact
 * can move to a later page while we walk), keeping the first, i.e. server order.
 * Every request waits for its turn from the listing's Pacer (pacer.ts).
 * Knows nothing about HTTP: it calls `fetchPage`, which tests can replace.
 */
import type { Contact } from './contact';
import { CallbellError } from './errors';
import { messages } from './messages';
import { Pacer } from './pacer';
import { walkPagesConcurrently } from './pageMode';
import type { ContactsPage } from './parse';
import { linkSignals } from './signals';
import { Walk } from './walk';

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
  /**
   * Pages the server says the listing has (page mode's highest `meta.pages`), beyond `maxPages` too:
   * with `loaded` and `pagesLoaded`, about how many contacts the whole listing holds.
   */
  readonly pagesAnnounced?: number;
  /** Pages delivered so far. */
  readonly pagesLoaded: number;
}

export type OnPage = (contacts: Contact[], progress: ListProgress) => void;

export interface PaginationOptions {
  /** Most page requests in flight; the pacer's ceiling when no `pacer` is given. */
  readonly maxConcurrency: number;
  /**
   * Paces the listing's requests (budget, in-flight window, slowdown on 429). Default: no budget,
   * `maxConcurrency` in flight. One per listing: its slowdown must not outlive the listing.
   */
  readonly pacer?: Pacer;
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
  /**
   * Page mode: whether a page that failed with this error may be asked for again later in the walk
   * (at most twice), e.g. a 429 that outlasted the transport's retries. Default: never.
   */
  readonly retryLater?: (error: unknown) => boolean;
  readonly signal?: AbortSignal;
  readonly onPage?: OnPage;
}

export async function loadAllPages(fetchPage: FetchPage, options: PaginationOptions): Promise<Contact[]> {
  // One signal for the whole walk: the caller's abort, or our own on the first failure, cancels
  // every request in flight at once.
  const linked = linkSignals(options.signal);
  const pacer = options.pacer ?? new Pacer({ perSecond: Infinity, ceiling: options.maxConcurrency });
  const walk = new Walk(options, linked.signal, pacer);
  try {
    const first = await walk.fetch(fetchPage, { position: 1 });
    const { meta } = first;
    if (typeof meta.next === 'string') {
      walk.deliver(first);
      await walkCursor(fetchPage, walk, meta.next);
    } else if (meta.pages !== undefined) {
      walk.pagesAnnounced = meta.pages;
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

/** Pages in a row that bring nothing new before a cursor walk is taken as finished. */
const MAX_PAGES_WITHOUT_NEWS = 3;

async function walkCursor(fetchPage: FetchPage, walk: Walk, firstCursor: string): Promise<void> {
  const seenCursors = new Set<string>();
  let cursor: string | null | undefined = firstCursor;
  let pagesWithoutNews = 0;
  while (typeof cursor === 'string') {
    // A cursor we already followed would loop forever.
    if (seenCursors.has(cursor)) {
      throw new CallbellError('invalidResponse', messages.invalidResponse(messages.detail.badCursor), { reason: 'badCursor' });
    }
    seenCursors.add(cursor);
    if (walk.pagesLoaded >= walk.options.maxCursorPages) throw walk.limitReached(walk.options.maxCursorPages);
    const page: ContactsPage = await walk.fetch(fetchPage, { after: cursor, position: walk.pagesLoaded + 1 });
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
    last = await walk.fetch(fetchPage, { page, position: page });
    walk.deliver(last);
  }
}
