/**
 * Turns untrusted JSON from Callbell into typed values. Everything in a response is data typed by
 * the account's users or produced by a server we do not control, so nothing here trusts a type,
 * a length or a count. Whole-response problems throw `invalidResponse`; a single bad contact is
 * reported through `onWarning` and skipped.
 */
import type { Contact } from './contact';
import { CallbellError } from './errors';
import { DROP_LIMITS, MAX_CUSTOM_FIELDS, MAX_RAW_DEPTH, MAX_RAW_ENTRIES, MAX_RAW_NODES, MAX_TAGS, ownCopy, TEXT_LIMITS, truncate } from './limits';
import { messages } from './messages';

const MAX_WARNINGS_PER_PAGE = 10;
/**
 * The API's uuids are 32 hex characters; other ids are accepted in this alphabet only. It leaves out
 * every separator of tree ids (`<group id>/contact:<uuid>`), URLs and paths, so no uuid can make two
 * contacts share an id.
 */
const UUID = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_CURSOR_LENGTH = 2048;

/** Something the user may want to know but that did not stop loading; for the log, not a popup. */
export interface ApiWarning {
  readonly code: 'contactSkipped' | 'contactTruncated' | 'rateLimited';
  readonly message: string;
}

export type ParseWarning = (warning: ApiWarning) => void;

export interface ContactsPage {
  readonly contacts: Contact[];
  /** Entries in the response's `contacts` array, valid or not: what "short page" is judged on. */
  readonly rawCount: number;
  readonly meta: PageMeta;
  /** Size of the response body, counted against the listing's byte budget. */
  readonly bytes?: number;
}

export interface PageMeta {
  readonly page?: number;
  /** Total pages in page mode. */
  readonly pages?: number;
  /** Cursor mode: a string to pass as `after`, `null` on the last page, `undefined` when not offered. */
  readonly next?: string | null;
}

export interface Account {
  readonly email: string;
  readonly name: string;
}

/** `GET /auth/me`: keeps the email and the name; `api_key` is never read, so it cannot be kept. */
export function parseAccount(json: unknown): Account {
  if (!isRecord(json) || typeof json.user_email !== 'string' || json.user_email === '') {
    throw new CallbellError('invalidResponse', messages.invalidResponse(messages.detail.notAnAccount), { reason: 'notAnAccount' });
  }
  return {
    email: truncate(json.user_email, TEXT_LIMITS.assignedUser).value,
    name: typeof json.user_name === 'string' ? truncate(json.user_name, TEXT_LIMITS.name).value : '',
  };
}

/** One page of `GET /contacts`. Bad contacts are skipped (reported with their page and position). */
export function parseContactsPage(json: unknown, page: number, onWarning: ParseWarning): ContactsPage {
  if (!isRecord(json) || !Array.isArray(json.contacts)) {
    throw new CallbellError('invalidResponse', messages.invalidResponse(messages.detail.noContacts), { reason: 'noContacts' });
  }
  const contacts: Contact[] = [];
  // A page of junk would otherwise write one log line per entry: the first few, then a count.
  let warnings = 0;
  const warn = (warning: ApiWarning): void => {
    if (++warnings <= MAX_WARNINGS_PER_PAGE) onWarning(warning);
  };
  json.contacts.forEach((entry: unknown, index: number) => {
    const result = parseContact(entry);
    if ('reason' in result) {
      warn({ code: 'contactSkipped', message: messages.contactSkipped(page, index, result.reason) });
      return;
    }
    if (result.truncated) {
      warn({ code: 'contactTruncated', message: messages.contactTruncated(result.contact.uuid) });
    }
    contacts.push(result.contact);
  });
  if (warnings > MAX_WARNINGS_PER_PAGE) {
    onWarning({ code: 'contactSkipped', message: messages.moreWarnings(page, warnings - MAX_WARNINGS_PER_PAGE) });
  }
  return { contacts, rawCount: json.contacts.length, meta: parseMeta(json.meta) };
}

function parseMeta(meta: unknown): PageMeta {
  if (!isRecord(meta)) return {};
  const result: { page?: number; pages?: number; next?: string | null } = {};
  if (isPositiveInteger(meta.page)) result.page = meta.page;
  if (isPositiveInteger(meta.pages)) result.pages = meta.pages;
  if (meta.next === null) {
    result.next = null;
  } else if (typeof meta.next === 'string' && meta.next !== '') {
    // A cursor must go back verbatim, so an oversized one cannot be truncated: refuse it.
    if (meta.next.length > MAX_CURSOR_LENGTH) {
      throw new CallbellError('invalidResponse', messages.invalidResponse(messages.detail.badCursor), { reason: 'badCursor' });
    }
    result.next = meta.next;
  }
  return result;
}

export type ParsedContact = { contact: Contact; truncated: boolean } | { reason: string };

/**
 * Checks one contact. Skipped (with a reason) when it is not an object, has no usable uuid, or a
 * known field has a type no reasonable reading can fix (a name that is an object, tags that are a
 * number). Tolerated: null or missing optional fields; `tags` as a comma-separated string (the API
 * reference types it as "string"); custom field values that are numbers or booleans.
 */
export function parseContact(value: unknown): ParsedContact {
  if (!isRecord(value)) return { reason: 'not an object' };
  const { uuid } = value;
  if (typeof uuid !== 'string' || uuid === '') return { reason: 'no uuid' };
  if (!UUID.test(uuid)) return { reason: 'malformed uuid' };

  const state: ParseState = { truncated: false, rawNodes: 0 };
  const fields = ['name', 'phoneNumber', 'avatarUrl', 'createdAt', 'source', 'href', 'conversationHref', 'assignedUser', 'blockedAt', 'closedAt'] as const;
  const strings: Partial<Record<(typeof fields)[number], string>> = {};
  for (const field of fields) {
    const v = value[field];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') return { reason: `“${field}” is not text` };
    if (!Object.hasOwn(DROP_LIMITS, field)) strings[field] = cut(v, TEXT_LIMITS[field as keyof typeof TEXT_LIMITS], state);
    else if (v.length <= DROP_LIMITS[field as keyof typeof DROP_LIMITS]) strings[field] = v;
    else state.truncated = true;
  }

  const tags = parseTags(value.tags, state);
  if (tags === undefined) return { reason: '“tags” is not a list of text' };
  const customFields = parseCustomFields(value.customFields, state);
  if (customFields === undefined) return { reason: '“customFields” is not an object' };

  const contact: Contact = {
    uuid,
    name: strings.name ?? '',
    ...omitUndefined({
      phoneNumber: strings.phoneNumber,
      avatarUrl: strings.avatarUrl,
      createdAt: strings.createdAt,
      source: strings.source,
      href: strings.href,
      conversationHref: strings.conversationHref,
      assignedUser: strings.assignedUser,
      blockedAt: strings.blockedAt,
      // Present and null means "open"; absent means the API did not say.
      closedAt: strings.closedAt ?? (value.closedAt === null ? null : undefined),
    }),
    tags,
    customFields,
    raw: copyRaw(value, 0, state) as Record<string, unknown>,
  };
  return { contact, truncated: state.truncated };
}

/** What parsing one contact has done so far: whether anything was cut, and how much of `raw` is spent. */
interface ParseState {
  truncated: boolean;
  rawNodes: number;
}

function cut(value: string, max: number, state: ParseState): string {
  const t = truncate(value, max);
  if (t.truncated) state.truncated = true;
  return t.value;
}

function parseTags(value: unknown, state: ParseState): string[] | undefined {
  if (value === undefined || value === null) return [];
  let items: unknown[];
  const split = typeof value === 'string';
  if (typeof value === 'string') {
    items = value.split(',').map((tag) => tag.trim()).filter((tag) => tag !== '');
  } else if (Array.isArray(value)) {
    items = value;
  } else {
    return undefined;
  }
  if (!items.every((tag) => typeof tag === 'string')) return undefined;
  if (items.length > MAX_TAGS) state.truncated = true;
  return (items as string[]).slice(0, MAX_TAGS).map((tag) => {
    const t = truncate(tag, TEXT_LIMITS.tag);
    if (t.truncated) state.truncated = true;
    // Pieces of a split string are views into the whole string: keep copies, not the original.
    return split && !t.truncated ? ownCopy(t.value) : t.value;
  });
}

function parseCustomFields(value: unknown, state: ParseState): Record<string, string> | undefined {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) return undefined;
  const entries: [string, string][] = [];
  for (const [key, v] of Object.entries(value)) {
    if (entries.length >= MAX_CUSTOM_FIELDS) {
      state.truncated = true;
      break;
    }
    let textValue: string;
    if (typeof v === 'string') textValue = v;
    else if (typeof v === 'number' || typeof v === 'boolean') textValue = String(v);
    else if (v === null) continue;
    // Through the bounded copy: a value nested a hundred thousand levels deep would overflow the stack.
    else textValue = JSON.stringify(copyRaw(v, 0, state)) ?? '';
    entries.push([cut(key, TEXT_LIMITS.customFieldKey, state), cut(textValue, TEXT_LIMITS.customFieldValue, state)]);
  }
  // fromEntries defines own properties, so a key like "__proto__" stays plain data.
  return Object.fromEntries(entries);
}

/** A bounded deep copy for `raw`: strings cut, depth, entries per level and values per contact capped. */
function copyRaw(value: unknown, depth: number, state: ParseState): unknown {
  if (typeof value === 'string') return cut(value, TEXT_LIMITS.rawString, state);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_RAW_DEPTH) {
    state.truncated = true;
    return null;
  }
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.slice(0, MAX_RAW_ENTRIES + 1).map((item: unknown, index) => [String(index), item])
    : Object.entries(value);
  const kept: [string, unknown][] = [];
  for (const [key, item] of entries) {
    if (kept.length >= MAX_RAW_ENTRIES || state.rawNodes >= MAX_RAW_NODES) {
      state.truncated = true;
      break;
    }
    state.rawNodes += 1;
    kept.push([cut(key, TEXT_LIMITS.rawKey, state), copyRaw(item, depth + 1, state)]);
  }
  return Array.isArray(value) ? kept.map(([, item]) => item) : Object.fromEntries(kept);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

function omitUndefined<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Partial<T>;
}
