/**
 * How much of a response is kept. Each cap is sized for real data with room to spare, so a hostile
 * or broken server cannot make one contact (or one listing) cost what it likes in memory.
 */

/** Longest text kept per field, in UTF-16 code units; longer text is cut and marked with "…". */
export const TEXT_LIMITS = {
  name: 512,
  phoneNumber: 256,
  source: 256,
  /** An agent's e-mail: 254 characters at most by RFC 5321, with room to spare. */
  assignedUser: 512,
  tag: 256,
  customFieldKey: 256,
  customFieldValue: 1024,
  /** Strings and keys anywhere in `raw`, the copy kept for "Copy as JSON". */
  rawString: 1024,
  rawKey: 256,
} as const;

/** Links and dates longer than this are left out, not cut: a cut link or date is another one. */
export const DROP_LIMITS = { avatarUrl: 2048, href: 2048, conversationHref: 2048, createdAt: 64, blockedAt: 64, closedAt: 64 } as const;

/** More tags than a person can read in a tree; the rest are dropped. */
export const MAX_TAGS = 100;
export const MAX_CUSTOM_FIELDS = 100;
/** Bounds for copying unknown fields into `raw`: nested data is kept but cannot explode. */
export const MAX_RAW_DEPTH = 6;
export const MAX_RAW_ENTRIES = 200;
/** Values (objects, arrays, strings, numbers…) copied into one contact's `raw`, nested ones included. */
export const MAX_RAW_NODES = 1000;

/**
 * Cuts a string to `max` units without splitting a surrogate pair, marking the cut with "…". The
 * result is a copy of its own: V8's `slice` keeps a reference to the whole original, so "a 19 MB name
 * cut to 512 characters" would otherwise still hold 19 MB.
 */
export function truncate(value: string, max: number): { value: string; truncated: boolean } {
  if (value.length <= max) return { value, truncated: false };
  let end = max - 1;
  if (end > 0 && isHighSurrogate(value.charCodeAt(end - 1))) end--;
  return { value: ownCopy(`${value.slice(0, end)}…`), truncated: true };
}

/**
 * A flat string that shares no memory with `value`: a substring (slice, split, trim) may be a view
 * into its source, which then stays alive as long as the substring does. UTF-16 is lossless, lone
 * surrogates included.
 */
export function ownCopy(value: string): string {
  return Buffer.from(value, 'utf16le').toString('utf16le');
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
