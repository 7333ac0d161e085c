import type { Contact } from '../api/contact';
import { type Disposable, toDisposable } from '../lifecycle';
import { type ContactFilter, NO_FILTER, matchesFilter, sameFilter } from './filter';

/** Loads every contact matching a filter, reporting each page as it arrives. */
export type ContactLoader = (
  filter: ContactFilter,
  options: { signal: AbortSignal; onPage: (contacts: readonly Contact[]) => void },
) => Promise<readonly Contact[]>;

/**
 * How often a load in progress republishes its growing list. Every publish regroups the tree, so
 * pages arriving in a burst are batched; the first page is always published at once.
 */
const PAGE_PUBLISH_INTERVAL_MS = 200;

/**
 * The loaded contacts and the state of loading them. One load at a time: a newer refresh aborts the
 * one in flight and its late pages are dropped, so two loads never interleave their data.
 */
export class ContactStore {
  private shown: readonly Contact[] = [];
  private shownFilter: ContactFilter | undefined;
  private currentFilter: ContactFilter;
  private inFlight: AbortController | undefined;
  private generation = 0;
  private failure: unknown;
  private receivedCount: number | undefined;
  private dataVersion = 0;
  private savedAt: number | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly load: ContactLoader,
    filter: ContactFilter = NO_FILTER,
  ) {
    this.currentFilter = filter;
  }

  /** The contacts to show: the last good load, re-checked against its filter. */
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

  /** While loading: how many contacts the load has brought so far (before the local filter check). */
  get loadedSoFar(): number | undefined {
    return this.receivedCount;
  }

  get isLoading(): boolean {
    return this.inFlight !== undefined;
  }

  /** Whether contacts have been loaded at least once since the last clear. */
  get hasLoaded(): boolean {
    return this.shownFilter !== undefined;
  }

  /** When the contacts shown were saved, while they come from the warm-start cache and no load has replaced them. */
  get cachedAt(): number | undefined {
    return this.savedAt;
  }

  /**
   * Shows contacts kept from an earlier session, before any request. The next refresh for the same
   * filter replaces them in place once it completes, and a failed one leaves them shown.
   */
  showCached(contacts: readonly Contact[], filter: ContactFilter, savedAt: number): void {
    if (this.hasLoaded || this.isLoading || !sameFilter(filter, this.currentFilter)) return;
    this.savedAt = savedAt;
    this.show(contacts, filter);
  }

  /** The error of the last load, if it failed; cleared by the next successful load. */
  get error(): unknown {
    return this.failure;
  }

  onDidChange(listener: () => void): Disposable {
    this.listeners.add(listener);
    return toDisposable(() => this.listeners.delete(listener));
  }

  setFilter(filter: ContactFilter): Promise<void> {
    this.currentFilter = filter;
    return this.refresh();
  }

  /**
   * Loads the contacts for the current filter. While the shown list is for the same filter it stays
   * as it is until the load completes, so a failure keeps it; otherwise pages appear as they arrive.
   */
  async refresh(): Promise<void> {
    this.inFlight?.abort();
    const controller = new AbortController();
    this.inFlight = controller;
    const generation = ++this.generation;
    const filter = this.currentFilter;
    const progressive = this.shownFilter === undefined || !sameFilter(this.shownFilter, filter);
    const isCurrent = (): boolean => generation === this.generation;

    const received: Contact[] = [];
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
      // A refresh of the same list keeps showing the old one and only reports how far it got.
      if (progressive) this.show(received.slice(), filter);
      else this.emit();
    };
    this.receivedCount = 0;
    this.emit();

    try {
      const contacts = await this.load(filter, {
        signal: controller.signal,
        onPage: (page) => {
          if (!isCurrent()) return;
          for (const contact of page) received.push(contact);
          if (received.length === page.length || Date.now() - lastPublish >= PAGE_PUBLISH_INTERVAL_MS) publish();
          else publishTimer ??= setTimeout(publish, PAGE_PUBLISH_INTERVAL_MS);
        },
      });
      if (!isCurrent()) return;
      this.failure = undefined;
      this.savedAt = undefined;
      this.show(contacts, filter);
    } catch (error) {
      if (!isCurrent()) return;
      this.failure = error;
      // A load cut short (the pagination limit) still brings contacts worth showing.
      const partial = (error as { partial?: unknown } | null | undefined)?.partial;
      if (Array.isArray(partial) && partial.length > 0) {
        this.savedAt = undefined;
        this.show(partial as Contact[], filter);
      }
      // The contacts of another filter would be mislabelled by the new one: show what arrived, if anything.
      else if (progressive && this.shownFilter !== undefined) this.show(received, filter);
      else if (progressive && received.length > 0) this.show(received, filter);
    } finally {
      if (publishTimer !== undefined) clearTimeout(publishTimer);
      if (isCurrent()) {
        this.inFlight = undefined;
        this.receivedCount = undefined;
        this.emit();
      }
    }
  }

  /** Cancels any load and forgets every contact (sign-out). */
  clear(): void {
    this.inFlight?.abort();
    this.inFlight = undefined;
    this.receivedCount = undefined;
    this.generation++;
    this.failure = undefined;
    this.shownFilter = undefined;
    this.savedAt = undefined;
    this.shown = [];
    this.dataVersion++;
    this.emit();
  }

  /** Cancels the load in flight, keeping what is shown. */
  cancel(): void {
    if (!this.inFlight) return;
    this.inFlight.abort();
    this.inFlight = undefined;
    this.receivedCount = undefined;
    this.generation++;
    this.emit();
  }

  private show(contacts: readonly Contact[], filter: ContactFilter): void {
    this.shown = contacts.filter((contact) => matchesFilter(contact, filter));
    this.shownFilter = filter;
    this.dataVersion++;
    this.emit();
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
