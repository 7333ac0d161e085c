import type { Contact } from '../api/contact';
import type { ContactFilter } from './filter';

/** Loads every contact matching a filter, reporting each page as it arrives. */
export type ContactLoader = (
  filter: ContactFilter,
  options: { signal: AbortSignal; onPage: (contacts: readonly Contact[]) => void },
) => Promise<readonly Contact[]>;

/** What the server returned for one query: every contact it listed, before the local filter. */
export interface Listing {
  readonly query: ContactFilter;
  readonly contacts: readonly Contact[];
  /** False while loading, after a failure, or when the listing ended at the pagination limit. */
  readonly complete: boolean;
}

/**
 * How a filter gets its contacts: from a loaded listing that holds every contact it can match, at
 * once and without a request, or from the server, and why.
 */
export type FilterPlan =
  | { readonly local: true; readonly listing: Listing }
  | { readonly local: false; readonly reason: 'nothingLoaded' | 'incomplete' | 'narrower' };
