/**
 * Contacts carrying ANY of several tags. Whether Callbell ANDs or ORs a comma-separated `tags` is
 * undocumented, but one tag means the same either way: so one listing per tag, merged by uuid. The
 * caller re-checks the tags locally as always.
 */
import type { Contact } from './contact';
import { CallbellError } from './errors';
import type { OnPage } from './pagination';

export type ListOne = (tag: string, options: { signal?: AbortSignal; onPage: OnPage }) => Promise<Contact[]>;

export async function listAnyTag(tags: readonly string[], listOne: ListOne, options: { signal?: AbortSignal; onPage?: OnPage }): Promise<Contact[]> {
  const seen = new Set<string>();
  const merged: Contact[] = [];
  let pagesLoaded = 0;
  const onPage: OnPage = (page) => {
    pagesLoaded += 1;
    const fresh = page.filter((contact) => !seen.has(contact.uuid));
    for (const contact of fresh) {
      seen.add(contact.uuid);
      merged.push(contact);
    }
    options.onPage?.(fresh, { loaded: merged.length, pagesLoaded });
  };
  for (const tag of tags) {
    try {
      await listOne(tag, { signal: options.signal, onPage });
    } catch (error) {
      // A tag's listing cut short still leaves the merged contacts so far worth showing.
      if (error instanceof CallbellError && error.kind === 'paginationLimit') {
        throw new CallbellError('paginationLimit', error.message, { partial: [...merged], ...(error.status !== undefined ? { status: error.status } : {}) });
      }
      throw error;
    }
  }
  return merged;
}
