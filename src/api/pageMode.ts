/**
 * Page mode's pages 2..N, started at the pace the listing's Pacer sets (its request budget, with as
 * many in flight as the round trip needs, up to its ceiling). Pages arriving early wait in a buffer
 * so `onPage` sees them in page order. `meta.pages` of later pages may raise N (the list grew while
 * we walked); `maxPages` caps it.
 */
import { CallbellError } from './errors';
import type { FetchPage } from './pagination';
import type { ContactsPage } from './parse';
import { linkSignals } from './signals';
import type { Walk } from './walk';

/**
 * How often one page may go back in the queue after a failure `retryLater` accepts (a 429 that
 * outlasted the transport's retries): the listing has slowed down since, so a later try is likely
 * to pass, and one unlucky page should not throw away thousands of loaded contacts.
 */
const MAX_RETRIES_LATER = 2;

export async function walkPagesConcurrently(fetchPage: FetchPage, walk: Walk, announcedPages: number): Promise<void> {
  const { maxPages } = walk.options;
  const { pacer } = walk;
  // Pages requested beyond the first undelivered one wait in the buffer: this bounds its memory.
  const maxAhead = 2 * Math.max(1, walk.options.maxConcurrency);
  let knownPages = announcedPages;
  let nextToRequest = 2;
  let nextToDeliver = 2;
  /** First page the server refused with "Pagination limit exceeded", if any. */
  let refusedAt = Infinity;
  /** First empty page: the list ends there, whatever `meta.pages` announced. */
  let emptyAt = Infinity;
  const buffer = new Map<number, ContactsPage>();
  /** Pages to ask for again, lowest first (the lowest holds back delivery), and how often they were. */
  const retryQueue: number[] = [];
  const retries = new Map<number, number>();
  let failure: { error: unknown } | undefined;
  const abortAll = linkSignals(walk.signal);
  const running = new Set<Promise<void>>();

  /** The page to request next, or undefined when there is none for now. */
  const nextPage = (): number | undefined => {
    if (failure) return undefined;
    const last = Math.min(knownPages, maxPages, refusedAt - 1, emptyAt);
    while (retryQueue.length > 0 && retryQueue[0] > last) retryQueue.shift();
    if (retryQueue.length > 0) return retryQueue[0];
    if (nextToRequest > last || nextToRequest >= nextToDeliver + maxAhead) return undefined;
    return nextToRequest;
  };

  const load = async (page: number): Promise<void> => {
    try {
      let result: ContactsPage;
      try {
        result = await fetchPage({ page, position: page }, abortAll.signal);
      } catch (error) {
        if (error instanceof CallbellError && error.kind === 'paginationLimit') {
          refusedAt = Math.min(refusedAt, page);
          return;
        }
        const tries = retries.get(page) ?? 0;
        if (tries < MAX_RETRIES_LATER && !abortAll.signal.aborted && walk.options.retryLater?.(error)) {
          retries.set(page, tries + 1);
          retryQueue.push(page);
          retryQueue.sort((a, b) => a - b);
          return;
        }
        throw error;
      }
      if (result.rawCount === 0) emptyAt = Math.min(emptyAt, page);
      if (result.meta.pages !== undefined && result.meta.pages > knownPages) {
        knownPages = result.meta.pages;
        walk.pagesAnnounced = knownPages;
        walk.pagesTotal = Math.min(knownPages, maxPages);
      }
      buffer.set(page, result);
      for (let ready = buffer.get(nextToDeliver); ready; ready = buffer.get(nextToDeliver)) {
        buffer.delete(nextToDeliver);
        nextToDeliver += 1;
        walk.deliver(ready);
      }
    } catch (error) {
      // Fail fast: cancel the siblings, but wait for them so no callback fires after we return.
      failure ??= { error };
      abortAll.abort();
    } finally {
      pacer.release();
    }
  };

  try {
    for (;;) {
      if (nextPage() === undefined) {
        if (running.size === 0 || failure) break;
        // A page still in flight may announce more pages, end the list, or free the buffer.
        await Promise.race(running);
        continue;
      }
      try {
        await pacer.acquire(abortAll.signal);
      } catch (error) {
        failure ??= { error };
        break;
      }
      // While we waited for our turn, a page may have failed, ended the list or hit the limit.
      const page = nextPage();
      if (page === undefined) {
        pacer.release();
        continue;
      }
      if (retryQueue[0] === page) retryQueue.shift();
      else nextToRequest += 1;
      const task: Promise<void> = load(page).finally(() => running.delete(task));
      running.add(task);
    }
    await Promise.all(running);
  } finally {
    abortAll.dispose();
  }
  if (failure) throw failure.error;
  if (refusedAt !== Infinity) throw walk.limitReached(refusedAt - 1);
  if (knownPages > maxPages && emptyAt === Infinity) throw walk.limitReached(maxPages);
}
