import type { Contact } from '../api/contact';
import { type Disposable, toDisposable } from '../lifecycle';
import { type ContactLoader, type FilterPlan, type Listing, type LoadProgress, estimateTotal, estimated } from './listing';
import { type ContactFilter, NO_FILTER, filterMatcher, isFiltered, listingCovers, sameFilter, serverQuery } from './filter';

export type { ContactLoader, FilterPlan, Listing, LoadProgress } from './listing';

/**
 * How often a load in progress republishes its growing list. Every publish regroups the tree, so
 * pages arriving in a burst are batched; the first page is always published at once.
 */
const PAGE_PUBLISH_INTERVAL_MS = 200;

/**
 * The loaded contacts and the state of loading them. One load at a time: a newer refresh aborts the
 * one in flight and its late pages are dropped, so two loads never interleave their data.
 * `contacts` is the listing in force filtered locally; the last unfiltered listing is kept beside a
 * narrower one, so going back to it (clearing a filter) needs no request either.
 */
export class ContactStore {
  private shown: readonly Contact[] = [];
  private current: Listing | undefined;
  private account: Listing | undefined;
  private currentFilter: ContactFilter;
  private inFlight: { controller: AbortController; query: ContactFilter } | undefined;
  private generation = 0;
  private failure: unknown;
  private receivedCount: number | undefined;
  private expected: number | undefined;
  private dataVersion = 0;
  private clears = 0;
  private savedAt: number | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly load: ContactLoader,
    filter: ContactFilter = NO_FILTER,
  ) {
    this.currentFilter = filter;
  }

  /** The contacts to show: the listing in force, checked against the filter. */
  get contacts(): readonly Contact[] {
    return this.shown;
  }

  /** Changes whenever `contacts` changes, so derived data (groups, search index) can be cached on it. */
  get version(): number {
    return this.dataVersion;
  }

  get filter(): ContactFilter {
    return this.currentFilter;
  }

  /** How many times every contact was forgotten (`clear()`): what is kept across listings starts again. */
  get clearCount(): number {
    return this.clears;
  }

  /** The listing `contacts` comes from. */
  get listing(): Listing | undefined {
    return this.current;
  }

  /** The last listing asked without any filter: the whole account, or as much of it as one listing holds. */
  get accountListing(): Listing | undefined {
    return this.account;
  }

  /** While loading: how many contacts the load has brought so far (before the local filter check). */
  get loadedSoFar(): number | undefined {
    return this.receivedCount;
  }

  /** While loading: about how many contacts the load will bring, when the server says how many pages it has. */
  get expectedCount(): number | undefined {
    return this.receivedCount === undefined ? undefined : this.expected;
  }

  get isLoading(): boolean {
    return this.inFlight !== undefined;
  }

  /** Whether contacts have been loaded at least once since the last clear. */
  get hasLoaded(): boolean {
    return this.current !== undefined;
  }

  /** When the contacts shown were saved, while they come from the warm-start cache and no load has replaced them. */
  get cachedAt(): number | undefined {
    return this.savedAt;
  }

  /**
   * Shows contacts kept from an earlier session, before any request. The next refresh for the same
   * filter replaces them in place once it completes, and a failed one leaves them shown.
   */
  showCached(contacts: readonly Contact[], query: ContactFilter, savedAt: number): void {
    if (this.hasLoaded || this.isLoading || !listingCovers(query, this.currentFilter)) return;
    this.savedAt = savedAt;
    // Complete when it was saved: filters can narrow it locally until the refresh replaces it.
    this.setListing({ query, contacts, complete: true });
  }

  /** The error of the last load, if it failed; cleared by the next successful load. */
  get error(): unknown {
    return this.failure;
  }

  onDidChange(listener: () => void): Disposable {
    this.listeners.add(listener);
    return toDisposable(() => this.listeners.delete(listener));
  }

  /** Whether `filter` can be answered from what is loaded, and if not why not. Asks nothing. */
  planFilter(filter: ContactFilter): FilterPlan {
    const candidates = [this.current, this.account].filter((listing): listing is Listing => listing !== undefined);
    const covering = candidates.filter((listing) => listingCovers(listing.query, filter));
    const complete = covering.find((listing) => listing.complete);
    if (complete) return { local: true, listing: complete };
    if (candidates.length === 0) return { local: false, reason: 'nothingLoaded' };
    return { local: false, reason: covering.length > 0 ? 'incomplete' : 'narrower' };
  }

  /** Applies a filter: locally at once when the loaded contacts can answer it, otherwise by loading. */
  setFilter(filter: ContactFilter): Promise<void> {
    this.currentFilter = filter;
    const plan = this.planFilter(filter);
    if (!plan.local) return this.loadQuery(serverQuery(filter));
    // A load that will bring what the filter needs keeps going; any other is of no use any more.
    if (this.inFlight && !listingCovers(this.inFlight.query, filter)) this.cancel();
    this.current = plan.listing;
    this.showCurrent();
    return Promise.resolve();
  }

  /** Loads again the listing the contacts come from (or, when none can answer the filter, the filter's own). */
  refresh(): Promise<void> {
    const plan = this.planFilter(this.currentFilter);
    return this.loadQuery(plan.local ? plan.listing.query : serverQuery(this.currentFilter));
  }

  /**
   * While the listing in force is for the same query it stays as it is until the load completes, so
   * a failure keeps it; otherwise pages appear as they arrive.
   */
  private async loadQuery(query: ContactFilter): Promise<void> {
    this.inFlight?.controller.abort();
    const controller = new AbortController();
    this.inFlight = { controller, query };
    const generation = ++this.generation;
    const progressive = this.current === undefined || !sameFilter(this.current.query, query);
    const isCurrent = (): boolean => generation === this.generation;

    const received: Contact[] = [];
    let progress: LoadProgress | undefined;
    let publishTimer: ReturnType<typeof setTimeout> | undefined;
    let lastPublish = 0;
    const publish = (): void => {
      if (publishTimer !== undefined) clearTimeout(publishTimer);
      publishTimer = undefined;
      // A batched publish can fire after a newer refresh, cancel() or clear() took over, while this
      // load has not settled yet (the loader may be slow to honour the abort): drop it.
      if (!isCurrent()) return;
      lastPublish = Date.now();
      this.receivedCount = received.length;
      this.expected = estimateTotal(progress);
      // A refresh of the same list keeps showing the old one and only reports how far it got.
      if (progressive) this.setListing({ query, contacts: received.slice(), complete: false, ...estimated(progress) });
      else this.emit();
    };
    this.receivedCount = 0;
    this.expected = undefined;
    this.emit();

    try {
      const contacts = await this.load(query, {
        signal: controller.signal,
        onPage: (page, pageProgress) => {
          if (!isCurrent()) return;
          progress = pageProgress;
          for (const contact of page) received.push(contact);
          if (received.length === page.length || Date.now() - lastPublish >= PAGE_PUBLISH_INTERVAL_MS) publish();
          else publishTimer ??= setTimeout(publish, PAGE_PUBLISH_INTERVAL_MS);
        },
      });
      if (!isCurrent()) return;
      this.failure = undefined;
      this.savedAt = undefined;
      this.setListing({ query, contacts, complete: true });
    } catch (error) {
      if (!isCurrent()) return;
      this.failure = error;
      // A load cut short (the pagination limit) still brings contacts worth showing.
      const partial = (error as { partial?: unknown } | null | undefined)?.partial;
      if (Array.isArray(partial) && partial.length > 0) {
        this.savedAt = undefined;
        this.setListing({ query, contacts: partial as Contact[], complete: false, ...estimated(progress) });
      }
      // The contacts of another listing would be mislabelled by the new filter: show what arrived, if anything.
      else if (progressive && (this.current !== undefined || received.length > 0)) this.setListing({ query, contacts: received, complete: false, ...estimated(progress) });
    } finally {
      if (publishTimer !== undefined) clearTimeout(publishTimer);
      if (isCurrent()) {
        this.inFlight = undefined;
        this.receivedCount = undefined;
        this.emit();
      }
    }
  }

  /** Back to no filter without loading: the next load lists the whole account. */
  forgetFilter(): void {
    this.currentFilter = NO_FILTER;
    this.emit();
  }

  /** Cancels any load and forgets every contact (sign-out). */
  clear(): void {
    this.inFlight?.controller.abort();
    this.inFlight = undefined;
    this.receivedCount = undefined;
    this.generation++;
    this.failure = undefined;
    this.current = undefined;
    this.account = undefined;
    this.savedAt = undefined;
    this.shown = [];
    this.clears++;
    this.dataVersion++;
    this.emit();
  }

  /** Cancels the load in flight, keeping what is shown. */
  cancel(): void {
    if (!this.inFlight) return;
    this.inFlight.controller.abort();
    this.inFlight = undefined;
    this.receivedCount = undefined;
    this.generation++;
    this.emit();
  }

  private setListing(listing: Listing): void {
    this.current = listing;
    if (!isFiltered(listing.query)) this.account = listing;
    this.showCurrent();
  }

  private showCurrent(): void {
    this.shown = (this.current?.contacts ?? []).filter(filterMatcher(this.currentFilter));
    this.dataVersion++;
    this.emit();
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
