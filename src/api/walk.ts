/** The state of one listing's walk: contacts collected in order, de-duplicated, reported page by page. */
import type { Contact } from './contact';
import { CallbellError, LISTING_BUDGET } from './errors';
import { messages } from './messages';
import type { Pacer } from './pacer';
import type { FetchPage, ListProgress, PageRequest, PaginationOptions } from './pagination';
import type { ContactsPage } from './parse';

export class Walk {
  readonly contacts: Contact[] = [];
  private readonly seen = new Set<string>();
  pagesLoaded = 0;
  pagesTotal?: number;
  /** What the server announced, uncapped (see ListProgress.pagesAnnounced). */
  pagesAnnounced?: number;
  /** The most contacts the server lets us list, for the limit message. */
  limit = 0;
  /** Response bytes delivered so far, and whether a page would have gone over maxBytes. */
  private bytes = 0;
  private overBudget = false;

  constructor(
    readonly options: PaginationOptions,
    readonly signal: AbortSignal,
    readonly pacer: Pacer,
  ) {}

  /** One page, one request at a time: the sequential walks' way to the server, paced like the others. */
  async fetch(fetchPage: FetchPage, request: PageRequest): Promise<ContactsPage> {
    await this.pacer.acquire(this.signal);
    try {
      return await fetchPage(request, this.signal);
    } finally {
      this.pacer.release();
    }
  }

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
    const progress: ListProgress = {
      loaded: this.contacts.length,
      pagesLoaded: this.pagesLoaded,
      ...(this.pagesTotal !== undefined ? { pages: this.pagesTotal } : {}),
      ...(this.pagesAnnounced !== undefined ? { pagesAnnounced: this.pagesAnnounced } : {}),
    };
    this.options.onPage?.(fresh, progress);
  }

  limitError(status?: number): CallbellError {
    if (this.overBudget) {
      const message = messages.listingTooLarge(this.contacts.length, this.options.maxBytes ?? 0);
      return new CallbellError('paginationLimit', message, { partial: [...this.contacts], code: LISTING_BUDGET, reason: 'byteBudget' });
    }
    const limit = this.limit || this.pagesLoaded * this.options.pageSize;
    return new CallbellError('paginationLimit', messages.paginationLimit(this.contacts.length, limit), {
      partial: [...this.contacts],
      limit,
      reason: 'limit',
      ...(status !== undefined ? { status } : {}),
    });
  }

  limitReached(pages: number): CallbellError {
    this.limit = pages * this.options.pageSize;
    return new CallbellError('paginationLimit', '');
  }
}
