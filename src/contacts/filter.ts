import type { ContactFilter, TagMatch } from '../api';
import type { Contact } from '../api/contact';
import { sourceKey, tagKey } from './display';

/** What the user narrowed the list to: the API's own filter type, sent to the server and re-checked locally. */
export type { ContactFilter, TagMatch };

export const NO_FILTER: ContactFilter = { tags: [] };

export function isFiltered(filter: ContactFilter): boolean {
  return filter.source !== undefined || (filter.tags ?? []).length > 0 || filter.teamUuid !== undefined || filter.assignedUser !== undefined;
}

/** With one tag or none, "any" and "all" match the same contacts. */
export function tagMatchOf(filter: ContactFilter): TagMatch {
  return filter.tagMatch === 'any' && distinctTags(filter.tags).length > 1 ? 'any' : 'all';
}

/**
 * Whether several `tags` are ANDed or ORed by the server is undocumented, so the local check decides:
 * every selected tag ("all") or at least one ("any"). Whatever the server does, the user sees the
 * same result. The team cannot be checked here (contacts do not say which teams hold them): only a
 * listing asked with `team_uuid` holds a team's contacts.
 */
export function matchesFilter(contact: Contact, filter: ContactFilter): boolean {
  return filterMatcher(filter)(contact);
}

/**
 * The check of `matchesFilter`, prepared once for a whole listing: the filter's keys are computed
 * once, and each distinct tag spelling is normalised once (normalising is the costly part).
 */
export function filterMatcher(filter: ContactFilter): (contact: Contact) => boolean {
  const source = filter.source === undefined ? undefined : sourceKey(filter.source);
  const assignee = filter.assignedUser === undefined ? undefined : filter.assignedUser.trim().toLowerCase();
  const tags = distinctTags(filter.tags);
  const any = tagMatchOf(filter) === 'any';
  const keys = new Map<string, string>();
  const keyOf = (tag: string): string => {
    let key = keys.get(tag);
    if (key === undefined) keys.set(tag, (key = tagKey(tag)));
    return key;
  };
  return (contact) => {
    if (source !== undefined && sourceKey(contact.source ?? '') !== source) return false;
    if (assignee !== undefined && (contact.assignedUser ?? '').trim().toLowerCase() !== assignee) return false;
    if (tags.length === 0) return true;
    const carried = new Set(contact.tags.map(keyOf));
    return any ? tags.some((tag) => carried.has(tag)) : tags.every((tag) => carried.has(tag));
  };
}

export function sameFilter(a: ContactFilter, b: ContactFilter): boolean {
  // A tag selected twice is selected once: the contacts matched are the same.
  const tagsA = distinctTags(a.tags).sort();
  const tagsB = distinctTags(b.tags).sort();
  return (
    optionalKey(a.source) === optionalKey(b.source) &&
    optionalKey(a.assignedUser) === optionalKey(b.assignedUser) &&
    a.teamUuid === b.teamUuid &&
    tagMatchOf(a) === tagMatchOf(b) &&
    tagsA.length === tagsB.length &&
    tagsA.every((tag, index) => tag === tagsB[index])
  );
}

/** What the server is asked for a filter: everything but what only the local check knows. */
export function serverQuery(filter: ContactFilter): ContactFilter {
  if (filter.assignedUser === undefined) return filter;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { assignedUser, ...query } = filter;
  return query;
}

/**
 * Whether a complete listing asked with `query` holds every contact `filter` can match, so the filter
 * can be applied to it locally. The team must be the listing's own (it cannot be checked locally);
 * the listing's source and tags must be implied by the filter's.
 */
export function listingCovers(query: ContactFilter, filter: ContactFilter): boolean {
  if (query.teamUuid !== filter.teamUuid) return false;
  if (query.source !== undefined && optionalKey(query.source) !== optionalKey(filter.source)) return false;
  const listed = distinctTags(query.tags);
  if (listed.length === 0) return true;
  const wanted = distinctTags(filter.tags);
  if (tagMatchOf(query) === 'all') return tagMatchOf(filter) === 'all' && listed.every((tag) => wanted.includes(tag));
  // A listing of contacts with any of its tags holds a filter's contacts when each must carry one of them.
  return tagMatchOf(filter) === 'any' ? wanted.length > 0 && wanted.every((tag) => listed.includes(tag)) : wanted.some((tag) => listed.includes(tag));
}

/** Reads a filter persisted in workspace state, which may be from an older version or edited by hand. */
export function parseStoredFilter(value: unknown): ContactFilter {
  if (typeof value !== 'object' || value === null) return NO_FILTER;
  const { source, tags, teamUuid, tagMatch, assignedUser } = value as Record<string, unknown>;
  return {
    source: nonEmpty(source),
    tags: Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string' && tag !== '') : [],
    ...(nonEmpty(teamUuid) !== undefined ? { teamUuid: nonEmpty(teamUuid) } : {}),
    ...(tagMatch === 'any' ? { tagMatch: 'any' as const } : {}),
    ...(nonEmpty(assignedUser) !== undefined ? { assignedUser: nonEmpty(assignedUser) } : {}),
  };
}

/** The team's name stored beside the filter, so the view can name it before the teams are listed again. */
export function parseStoredTeamName(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null ? nonEmpty((value as Record<string, unknown>).teamName) : undefined;
}

function distinctTags(tags: readonly string[] | undefined): string[] {
  return [...new Set((tags ?? []).map(tagKey))].filter((tag) => tag !== '');
}

function optionalKey(value: string | undefined): string | undefined {
  return value === undefined ? undefined : sourceKey(value);
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
