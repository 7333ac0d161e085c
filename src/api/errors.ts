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

/**
 * What went wrong inside a kind, set where the failure is known (the transport, the dispatcher, the
 * parser) so that no layer has to read it back out of a message.
 */
export type NetworkErrorReason =
  /** The proxy refused to open the tunnel to Callbell (it answered the CONNECT with 403, 407, 502…). */
  | 'proxy'
  /** The configured proxy itself could not be reached. */
  | 'proxyUnreachable'
  /** The proxy address (`http.proxy`, HTTPS_PROXY, HTTP_PROXY) is not an http(s) URL. */
  | 'proxyInvalid'
  /** Callbell's TLS certificate could not be verified (self-signed, unknown issuer, expired, wrong name). */
  | 'certificate'
  /** The TLS handshake failed for another reason (e.g. the server does not speak TLS). */
  | 'tls'
  /** ENOTFOUND, EAI_AGAIN: the host name did not resolve. */
  | 'hostNotFound'
  /** ECONNREFUSED: nothing listens at the address. */
  | 'refused'
  /** ECONNRESET, EPIPE, a socket closed by the other side: the connection broke. */
  | 'reset'
  /** ENETUNREACH, EHOSTUNREACH…: no route to the host. */
  | 'unreachable'
  | 'other';

export type TimeoutErrorReason =
  /** No connection could be opened in time. */
  | 'connect'
  /** Connected, but no response arrived in time. */
  | 'headers'
  /** The response stalled between two pieces of its body. */
  | 'body'
  /** The response started but did not finish within the time allowed for the whole exchange. */
  | 'deadline';

export type InvalidResponseErrorReason =
  | 'html'
  | 'notJson'
  | 'brokenJson'
  | 'noContacts'
  | 'notAnAccount'
  | 'tooLarge'
  /** A 3xx, never followed (`status` says which). */
  | 'redirect'
  /** A 4xx other than 401, 403 and 429 (`status` says which). */
  | 'status'
  /** A page cursor that repeats or is too long to send back. */
  | 'badCursor'
  | 'unreadable';

export type UnauthorizedErrorReason =
  /** Callbell answered 401. */
  | 'rejected'
  /** The stored key holds characters that cannot go into a header; nothing was sent. */
  | 'badToken';

export type PaginationLimitErrorReason =
  /** The server's page limit, or the most contacts one listing may hold. */
  | 'limit'
  /** The listing's byte budget (`maxListingBytes`): responses too large to keep in memory. */
  | 'byteBudget';

/** The reasons each kind can carry; kinds not listed carry none. */
export interface CallbellErrorReasons {
  paginationLimit: PaginationLimitErrorReason;
  network: NetworkErrorReason;
  timeout: TimeoutErrorReason;
  invalidResponse: InvalidResponseErrorReason;
  unauthorized: UnauthorizedErrorReason;
}

export type CallbellErrorReason = CallbellErrorReasons[keyof CallbellErrorReasons];

/** `CallbellError.code` of a listing ended by its byte budget (`maxListingBytes`) rather than the server's page limit. */
export const LISTING_BUDGET = 'LISTING_BUDGET';

export interface CallbellErrorDetails {
  status?: number;
  retryAfterMs?: number;
  /** Low-level cause as a code only (ECONNRESET, UND_ERR_HEADERS_TIMEOUT…): codes never carry secrets. */
  code?: string;
  partial?: readonly Contact[];
  reason?: CallbellErrorReason;
  proxyConfigured?: boolean;
  limit?: number;
}

/**
 * The only error the API layer throws. `message` is plain English for logs: it never contains the
 * token, and untrusted server text in it is truncated and stripped of control characters. What a user
 * reads is built from `kind` and `reason`, never from `message`.
 * No `cause` is attached on purpose: foreign error objects could carry URLs or headers into logs.
 */
export class CallbellError extends Error {
  override readonly name = 'CallbellError';
  readonly kind: CallbellErrorKind;
  /** What went wrong inside the kind (see CallbellErrorReasons); absent for kinds without reasons. */
  readonly reason?: CallbellErrorReason;
  readonly status?: number;
  /** For `rateLimited`: how long Callbell asked us to wait, when it said so. */
  readonly retryAfterMs?: number;
  readonly code?: string;
  /**
   * For `paginationLimit`: every contact loaded before the limit, de-duplicated and in server order,
   * so the UI can show them with the message ("showing the first 10,000").
   */
  readonly partial?: readonly Contact[];
  /** For `paginationLimit`: the most contacts the listing could hold. */
  readonly limit?: number;
  /**
   * For `network` and `timeout`: true when the dispatcher came from createDispatcher with a proxy (even if
   * NO_PROXY exempted this host), so advice may name the proxy settings; absent otherwise.
   */
  readonly proxyConfigured?: true;

  constructor(kind: CallbellErrorKind, message: string, details: CallbellErrorDetails = {}) {
    super(message);
    this.kind = kind;
    if (details.reason !== undefined) this.reason = details.reason;
    if (details.status !== undefined) this.status = details.status;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
    if (details.code !== undefined) this.code = details.code;
    if (details.partial !== undefined) this.partial = details.partial;
    if (details.limit !== undefined) this.limit = details.limit;
    if (details.proxyConfigured) this.proxyConfigured = true;
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
