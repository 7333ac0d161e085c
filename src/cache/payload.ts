/**
 * What the cache file holds once decrypted: JSON with the format version, the save time, the filter
 * the contacts were loaded for, and the contacts as the API returned them. Decrypted data is still
 * checked like a response: the key proves who wrote it, not that the writer was right.
 */
import { parseContact, type Contact } from '../api';
import { CACHE_FORMAT_VERSION } from './cacheFile';

/** The filter a load was made for, stored as given (the cache does not interpret it). */
export interface CacheFilter {
  readonly source?: string;
  readonly tags?: readonly string[];
}

export interface CachedContacts {
  readonly contacts: Contact[];
  /** Epoch milliseconds of the write. */
  readonly savedAt: number;
  readonly filter: CacheFilter;
}

export function serializePayload(savedAt: number, filter: CacheFilter, contacts: readonly Contact[]): string {
  return JSON.stringify({
    version: CACHE_FORMAT_VERSION,
    savedAt,
    filter: copyFilter(filter),
    contacts: contacts.map((contact) => contact.raw),
  });
}

export interface ParsedPayload {
  readonly savedAt: number;
  readonly filter: CacheFilter;
  /** Still unchecked: parsed only once the filter is the one asked for. */
  readonly contacts: readonly unknown[];
}

export function parsePayload(text: string): ParsedPayload | { problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { problem: 'the decrypted contents are not JSON' };
  }
  if (!isRecord(json)) return { problem: 'the decrypted contents are not a cache record' };
  if (json.version !== CACHE_FORMAT_VERSION) return { problem: 'the decrypted contents have another format version' };
  const { savedAt, contacts } = json;
  if (typeof savedAt !== 'number' || !Number.isFinite(savedAt)) return { problem: 'the save time is missing' };
  if (!Array.isArray(contacts)) return { problem: 'the contact list is missing' };
  const filter = readFilter(json.filter);
  if (filter === undefined) return { problem: 'the filter is malformed' };
  return { savedAt, filter, contacts };
}

/** Re-checks each cached contact; the count of skipped ones is for the log. */
export function parseCachedContacts(entries: readonly unknown[]): { contacts: Contact[]; skipped: number } {
  const contacts: Contact[] = [];
  let skipped = 0;
  for (const entry of entries) {
    const result = parseContact(entry);
    if ('contact' in result) contacts.push(result.contact);
    else skipped++;
  }
  return { contacts, skipped };
}

/** Equal when the source matches and the tags are the same set, as typed. */
export function sameFilterAsStored(a: CacheFilter, b: CacheFilter): boolean {
  const tagsA = [...new Set(a.tags ?? [])].sort();
  const tagsB = [...new Set(b.tags ?? [])].sort();
  return (a.source ?? '') === (b.source ?? '') && tagsA.length === tagsB.length && tagsA.every((tag, i) => tag === tagsB[i]);
}

/** Only the two known fields, so nothing else a caller's object carries lands on disk. */
function copyFilter(filter: CacheFilter): CacheFilter {
  return {
    ...(filter.source !== undefined ? { source: filter.source } : {}),
    ...(filter.tags !== undefined ? { tags: [...filter.tags] } : {}),
  };
}

function readFilter(value: unknown): CacheFilter | undefined {
  if (!isRecord(value)) return undefined;
  const { source, tags } = value;
  if (source !== undefined && typeof source !== 'string') return undefined;
  if (tags !== undefined && !(Array.isArray(tags) && tags.every((tag) => typeof tag === 'string'))) return undefined;
  return copyFilter({ source, tags } as CacheFilter);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
