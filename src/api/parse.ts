/**
 * Turns untrusted JSON from Callbell into typed values. Everything in a response is data typed by
 * the account's users or produced by a server we do not control, so nothing here trusts a type,
 * a length or a count. Whole-response problems throw `invalidResponse`; a single bad contact is
 * reported through `onWarning` and skipped.
 */
import type { Contact } from './contact';
import { CallbellError } from './errors';
import { messages } from './messages';

/** Longest string kept from a response, in UTF-16 code units; longer ones are cut, not rejected. */
export const MAX_STRING_LENGTH = 4096;
/** More tags than a person can read in a tree; the rest are dropped. */
export const MAX_TAGS = 100;
export const MAX_CUSTOM_FIELDS = 100;
const MAX_WARNINGS_PER_PAGE = 10;
/** Bounds for copying unknown fields into `raw`: nested data is kept but cannot explode. */
const MAX_RAW_DEPTH = 6;
const MAX_RAW_ENTRIES = 200;
/** The API's uuids are 32 hex characters; accept other ids but not unbounded ones. */
const MAX_UUID_LENGTH = 64;
const MAX_CURSOR_LENGTH = 2048;

/** Something the user may want to know but that did not stop loading; for the log, not a popup. */
export interface ApiWarning {
  readonly code: 'contactSkipped' | 'contactTruncated';
  readonly message: string;
}

export type ParseWarning = (warning: ApiWarning) => void;

export interface ContactsPage {
  readonly contacts: Contact[];
  /** Entries in the response's `contacts` array, valid or not: what "short page" is judged on. */
  readonly rawCount: number;
  readonly meta: PageMeta;
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

/** Parses the text of a 2xx body as JSON, or throws `invalidResponse` (HTML pages get their own wording). */
export function parseJsonBody(text: string, contentType: string | undefined, snippet: (text: string) => string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (/\bhtml\b/i.test(contentType ?? '') || /^\s*</.test(body)) {
    throw new CallbellError('invalidResponse', messages.invalidResponse(messages.detail.html));
  }
  try {
    return JSON.parse(body) as unknown;
  } catch {
    // Quote plain text (a proxy's or gateway's message), but not cut-off JSON: that is contact data.
    const detail = /^\s*[[{]/.test(body) ? messages.detail.brokenJson : messages.detail.notJson(snippet(body));
    throw new CallbellError('invalidResponse', messages.invalidResponse(detail));
  }
}

/** `GET /auth/me`: keeps the email and the name; `api_key` is never read, so it cannot be kept. */
export function parseAccount(json: unknown): Account {
  if (!isRecord(json) || typeof json.user_email !== 'string' || json.user_email === '') {
    throw new CallbellError('invalidResponse', messages.invalidResponse(messages.detail.notAnAccount));
  }
  return {
    email: truncate(json.user_email).value,
    name: typeof json.user_name === 'string' ? truncate(json.user_name).value : '',
  };
}

/** One page of `GET /contacts`. Bad contacts are skipped (reported with their page and position). */
export function parseContactsPage(json: unknown, page: number, onWarning: ParseWarning): ContactsPage {
  if (!isRecord(json) || !Array.isArray(json.contacts)) {
    throw new CallbellError('invalidResponse', messages.invalidResponse(messages.detail.noContacts));
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
      warn({ code: 'contactTruncated', message: messages.contactTruncated(result.contact.uuid, MAX_STRING_LENGTH) });
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
      throw new CallbellError('invalidResponse', messages.invalidResponse(messages.detail.badCursor));
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
  // The uuid ends up in tree ids and URLs: no whitespace or controls, bounded length.
  if (uuid.length > MAX_UUID_LENGTH || !/^[\x21-\x7e]+$/.test(uuid)) return { reason: 'malformed uuid' };

  const state = { truncated: false };
  const text = (field: string): string | undefined | false => {
    const v = value[field];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') return false;
    const t = truncate(v);
    if (t.truncated) state.truncated = true;
    return t.value;
  };

  const fields = ['name', 'phoneNumber', 'avatarUrl', 'createdAt', 'source', 'href', 'conversationHref', 'assignedUser', 'blockedAt', 'closedAt'] as const;
  const strings: Partial<Record<(typeof fields)[number], string>> = {};
  for (const field of fields) {
    const v = text(field);
    if (v === false) return { reason: `“${field}” is not text` };
    if (v !== undefined) strings[field] = v;
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

function parseTags(value: unknown, state: { truncated: boolean }): string[] | undefined {
  if (value === undefined || value === null) return [];
  let items: unknown[];
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
    const t = truncate(tag);
    if (t.truncated) state.truncated = true;
    return t.value;
  });
}

function parseCustomFields(value: unknown, state: { truncated: boolean }): Record<string, string> | undefined {
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
    const k = truncate(key);
    const t = truncate(textValue);
    if (k.truncated || t.truncated) state.truncated = true;
    entries.push([k.value, t.value]);
  }
  // fromEntries defines own properties, so a key like "__proto__" stays plain data.
  return Object.fromEntries(entries);
}

/** A bounded deep copy for `raw`: strings truncated, depth and entry counts capped. */
function copyRaw(value: unknown, depth: number, state: { truncated: boolean }): unknown {
  if (typeof value === 'string') {
    const t = truncate(value);
    if (t.truncated) state.truncated = true;
    return t.value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_RAW_DEPTH) {
    state.truncated = true;
    return null;
  }
  if (Array.isArray(value)) {
    if (value.length > MAX_RAW_ENTRIES) state.truncated = true;
    return value.slice(0, MAX_RAW_ENTRIES).map((item) => copyRaw(item, depth + 1, state));
  }
  const entries = Object.entries(value);
  if (entries.length > MAX_RAW_ENTRIES) state.truncated = true;
  return Object.fromEntries(
    entries.slice(0, MAX_RAW_ENTRIES).map(([k, v]) => [truncate(k).value, copyRaw(v, depth + 1, state)]),
  );
}

/** Cuts a string to MAX_STRING_LENGTH without splitting a surrogate pair, marking the cut with "…". */
export function truncate(value: string, max = MAX_STRING_LENGTH): { value: string; truncated: boolean } {
  if (value.length <= max) return { value, truncated: false };
  let cut = value.slice(0, max - 1);
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return { value: cut + '…', truncated: true };
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
