import type { Contact } from '../api/contact';
import type { ListProgress } from '../api/pagination';
import type { ContactFilter } from './filter';

/** How far a load has got, as the API reports it with each page. */
export type LoadProgress = Pick<ListProgress, 'loaded' | 'pagesLoaded' | 'pagesAnnounced'>;

/** Loads every contact matching a filter, reporting each page as it arrives. */
export type ContactLoader = (
  filter: ContactFilter,
  options: { signal: AbortSignal; onPage: (contacts: readonly Contact[], progress?: LoadProgress) => void },
) => Promise<readonly Contact[]>;

/**
 * About how many contacts the whole listing holds: the pages the server announced, at the size of the
 * pages loaded so far. Undefined when the server does not say (cursor mode, several tags' listings).
 */
export function estimateTotal(progress: LoadProgress | undefined): number | undefined {
  if (progress?.pagesAnnounced === undefined || progress.pagesLoaded <= 0) return undefined;
  return Math.max(progress.loaded, Math.round((progress.loaded / progress.pagesLoaded) * progress.pagesAnnounced));
}

/** What the server returned for one query: every contact it listed, before the local filter. */
export interface Listing {
  readonly query: ContactFilter;
  readonly contacts: readonly Contact[];
  /** False while loading, after a failure, or when the listing ended at the pagination limit. */
  readonly complete: boolean;
  /** An incomplete listing: about how many contacts the server holds for the query, when it said (see estimateTotal). */
  readonly estimatedTotal?: number;
}

/**
 * How a filter gets its contacts: from a loaded listing that holds every contact it can match, at
 * once and without a request, or from the server, and why.
 */
export type FilterPlan =
  | { readonly local: true; readonly listing: Listing }
  | { readonly local: false; readonly reason: 'nothingLoaded' | 'incomplete' | 'narrower' };

/** The `estimatedTotal` of an incomplete listing, when there is one. */
export function estimated(progress: LoadProgress | undefined): { estimatedTotal?: number } {
  const total = estimateTotal(progress);
  return total === undefined ? {} : { estimatedTotal: total };
}
