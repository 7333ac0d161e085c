import type { ContactFilter } from '../api';
import type { Contact } from '../api/contact';
import { sourceKey, tagKey } from './display';

/** What the user narrowed the list to: the API's own filter type, sent to the server and re-checked locally. */
export type { ContactFilter };

export const NO_FILTER: ContactFilter = { tags: [] };

export function isFiltered(filter: ContactFilter): boolean {
  return filter.source !== undefined || (filter.tags ?? []).length > 0;
}

/**
 * Whether several `tags` are ANDed or ORed by the server is undocumented, so the local check is the
 * strict one: a contact must carry every selected tag. Whatever the server does, the user sees the
 * same result.
 */
export function matchesFilter(contact: Contact, filter: ContactFilter): boolean {
  if (filter.source !== undefined && sourceKey(contact.source ?? '') !== sourceKey(filter.source)) {
    return false;
  }
  const tags = filter.tags ?? [];
  if (tags.length === 0) return true;
  const carried = new Set(contact.tags.map(tagKey));
  return tags.every((tag) => carried.has(tagKey(tag)));
}

export function sameFilter(a: ContactFilter, b: ContactFilter): boolean {
  // A tag selected twice is selected once: the contacts matched are the same.
  const tagsA = [...new Set((a.tags ?? []).map(tagKey))].sort();
  const tagsB = [...new Set((b.tags ?? []).map(tagKey))].sort();
  return (
    (a.source === undefined ? undefined : sourceKey(a.source)) === (b.source === undefined ? undefined : sourceKey(b.source)) &&
    tagsA.length === tagsB.length &&
    tagsA.every((tag, index) => tag === tagsB[index])
  );
}

/** Reads a filter persisted in workspace state, which may be from an older version or edited by hand. */
export function parseStoredFilter(value: unknown): ContactFilter {
  if (typeof value !== 'object' || value === null) return NO_FILTER;
  const { source, tags } = value as { source?: unknown; tags?: unknown };
  return {
    source: typeof source === 'string' && source !== '' ? source : undefined,
    tags: Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string' && tag !== '') : [],
  };
}
