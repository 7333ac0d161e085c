import type { Contact } from '../api/contact';
import { parseDate } from './display';

/** The order of contacts in the view: by name, or by creation date either way. */
export type SortBy = 'name' | 'newest' | 'oldest';

export const SORT_BY_VALUES: readonly SortBy[] = ['name', 'newest', 'oldest'];

export function parseSortBy(value: unknown): SortBy {
  return SORT_BY_VALUES.includes(value as SortBy) ? (value as SortBy) : 'name';
}

/**
 * Reorders contacts already sorted by name by `createdAt`. Contacts without a readable date come
 * last; equal dates keep the name order (the sort is stable). Each date is parsed once.
 */
export function sortByCreated(byName: readonly Contact[], order: 'newest' | 'oldest'): Contact[] {
  const direction = order === 'newest' ? -1 : 1;
  const keyed = byName.map((contact) => ({ contact, time: parseDate(contact.createdAt)?.getTime() }));
  keyed.sort((a, b) => {
    if (a.time === undefined || b.time === undefined) return a.time === b.time ? 0 : a.time === undefined ? 1 : -1;
    return (a.time - b.time) * direction;
  });
  return keyed.map((entry) => entry.contact);
}
