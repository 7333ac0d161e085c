import type { Contact } from './contact';

/** What went wrong, coarse enough for the UI to pick a reaction (re-ask the token, retry later, …). */
export type CallbellErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'rateLimited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'invalidResponse'
  | 'paginationLimit'
  | 'aborted';

/** `CallbellError.code` of a listing ended by its byte budget (`maxListingBytes`) rather than the server's page limit. */
export const LISTING_BUDGET = 'LISTING_BUDGET';

export interface CallbellErrorDetails {
  status?: number;
  retryAfterMs?: number;
  /** Low-level cause as a code only (ECONNRESET, UND_ERR_HEADERS_TIMEOUT…): codes never carry secrets. */
  code?: string;
  partial?: readonly Contact[];
}

/**
 * The only error the API layer throws. `message` is written for the user and is safe to show: it never
 * contains the token, and untrusted server text in it is truncated and stripped of control characters.
 * No `cause` is attached on purpose: foreign error objects could carry URLs or headers into logs.
 */
export class CallbellError extends Error {
  override readonly name = 'CallbellError';
  readonly kind: CallbellErrorKind;
  readonly status?: number;
  /** For `rateLimited`: how long Callbell asked us to wait, when it said so. */
  readonly retryAfterMs?: number;
  readonly code?: string;
  /**
   * For `paginationLimit`: every contact loaded before the limit, de-duplicated and in server order,
   * so the UI can show them with the message ("showing the first 10,000").
   */
  readonly partial?: readonly Contact[];

  constructor(kind: CallbellErrorKind, message: string, details: CallbellErrorDetails = {}) {
    super(message);
    this.kind = kind;
    if (details.status !== undefined) this.status = details.status;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
    if (details.code !== undefined) this.code = details.code;
    if (details.partial !== undefined) this.partial = details.partial;
  }
}

// C0/C1 controls, DEL, and the invisible format characters that can reorder or hide text
// (bidi overrides and isolates, zero-width characters, BOM).
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]+/g;

/**
 * Makes untrusted text (a response body) fit for an error message: the token redacted, control and
 * bidi characters replaced by spaces, whitespace collapsed, cut to `maxLength` characters.
 */
export function sanitizeSnippet(text: string, token: string, maxLength = 120): string {
  const clean = redactToken(text, token)
    .replace(UNSAFE_CHARS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (clean.length <= maxLength) return clean ? `“${clean}”` : '';
  const cut = clean.slice(0, maxLength);
  // Never leave half a surrogate pair behind.
  return `“${/[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut}…”`;
}

/**
 * Removes the token as a server might echo it: verbatim, JSON-escaped, URL-encoded, and cut off at
 * the end of the text (bodies are read only up to a limit, which can fall inside an echo).
 */
function redactToken(text: string, token: string): string {
  if (!token) return text;
  let clean = text;
  const json = JSON.stringify(token).slice(1, -1);
  for (const form of new Set([token, json, json.replace(/\//g, '\\/'), encodeURIComponent(token)])) {
    clean = clean.split(form).join('[redacted]');
  }
  for (let length = Math.min(token.length - 1, clean.length); length >= 4; length--) {
    if (clean.endsWith(token.slice(0, length))) return `${clean.slice(0, -length)}[redacted]`;
  }
  return clean;
}
