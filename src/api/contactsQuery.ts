import type { ContactFilter } from './client';
import type { PageRequest } from './pagination';

/** Filters go on every request: the cursor does not carry them. */
export function contactsQuery(filter: ContactFilter, request: PageRequest): URLSearchParams {
  const query = new URLSearchParams();
  if (request.page !== undefined) query.set('page', String(request.page));
  if (request.after !== undefined) query.set('after', request.after);
  const source = filter.source?.trim();
  if (source) query.set('source', source);
  const tags = cleanTags(filter.tags);
  if (tags.length > 0) query.set('tags', tags.join(','));
  const team = filter.teamUuid?.trim();
  if (team) query.set('team_uuid', team);
  return query;
}

export function cleanTags(tags: readonly string[] | undefined): string[] {
  return (tags ?? []).map((tag) => tag.trim()).filter((tag) => tag !== '');
}
