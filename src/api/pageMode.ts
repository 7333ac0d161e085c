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

export async function walkPagesConcurrently(fetchPage: FetchPage, walk: Walk, announcedPages: number): Promise<void> {
  const { maxPages } = walk.options;
  const { pacer } = walk;
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
  const running = new Set<Promise<void>>();

  const wanted = (): boolean =>
    !failure && nextToRequest <= Math.min(knownPages, maxPages) && nextToRequest < refusedAt && nextToRequest <= emptyAt;

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
      if (!wanted()) {
        if (running.size === 0 || failure) break;
        // A page still in flight may announce more pages, or end the list.
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
      if (!wanted()) {
        pacer.release();
        continue;
      }
      const task: Promise<void> = load(nextToRequest).finally(() => running.delete(task));
      nextToRequest += 1;
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
