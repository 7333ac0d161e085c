/**
 * Turns what undici and Node throw for a failed exchange into a CallbellError, judging by the error's
 * code and class and by where the dispatcher saw it fail (see proxyFailure), never by its message.
 */
import { proxyFailure } from './dispatcher';
import { CallbellError, type NetworkErrorReason, type TimeoutErrorReason } from './errors';
import { messages } from './messages';

const TIMEOUT_REASONS = new Map<string, TimeoutErrorReason>([
  ['UND_ERR_CONNECT_TIMEOUT', 'connect'],
  ['ETIMEDOUT', 'connect'],
  ['ERR_TLS_HANDSHAKE_TIMEOUT', 'connect'],
  ['UND_ERR_HEADERS_TIMEOUT', 'headers'],
  ['UND_ERR_BODY_TIMEOUT', 'body'],
]);

const NETWORK_REASONS = new Map<string, NetworkErrorReason>([
  ['ENOTFOUND', 'hostNotFound'],
  ['EAI_AGAIN', 'hostNotFound'],
  ['EAI_FAIL', 'hostNotFound'],
  ['EAI_NONAME', 'hostNotFound'],
  ['ECONNREFUSED', 'refused'],
  ['ECONNRESET', 'reset'],
  ['ECONNABORTED', 'reset'],
  ['EPIPE', 'reset'],
  // undici's "other side closed" and a body shorter than its Content-Length: the connection broke.
  ['UND_ERR_SOCKET', 'reset'],
  ['UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'reset'],
  ['ENETUNREACH', 'unreachable'],
  ['ENETDOWN', 'unreachable'],
  ['EHOSTUNREACH', 'unreachable'],
  ['EHOSTDOWN', 'unreachable'],
  ['EPROTO', 'tls'],
]);

/**
 * OpenSSL's verification results as Node names them (DEPTH_ZERO_SELF_SIGNED_CERT,
 * UNABLE_TO_GET_ISSUER_CERT_LOCALLY, CERT_HAS_EXPIRED, ERR_TLS_CERT_ALTNAME_INVALID…).
 */
const CERTIFICATE_CODE = /CERT|SELF_SIGNED|UNABLE_TO_(VERIFY|GET_ISSUER)|INVALID_CA|HOSTNAME_MISMATCH/;

/** Network failures worth another try: the connection broke or a lookup hiccupped. */
const RETRYABLE_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH',
  'ENETDOWN', 'EHOSTUNREACH', 'EHOSTDOWN', 'UND_ERR_SOCKET', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
]);

/** The kind of failure a low-level code names, before any proxy is taken into account. */
export function reasonForCode(code: string): { kind: 'timeout'; reason: TimeoutErrorReason } | { kind: 'network'; reason: NetworkErrorReason } {
  const timeout = TIMEOUT_REASONS.get(code);
  if (timeout) return { kind: 'timeout', reason: timeout };
  if (CERTIFICATE_CODE.test(code)) return { kind: 'network', reason: 'certificate' };
  const network = NETWORK_REASONS.get(code);
  if (network) return { kind: 'network', reason: network };
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_')) return { kind: 'network', reason: 'tls' };
  return { kind: 'network', reason: 'other' };
}

export interface TransportFailure {
  readonly error: CallbellError;
  /** Another attempt may succeed. */
  readonly retry: boolean;
}

/**
 * A thrown value that is not a CallbellError, from a request that was neither aborted by the caller
 * nor cut by our own deadline. `proxyConfigured`: the dispatcher routes through a proxy.
 */
export function transportFailure(thrown: unknown, timeoutMs: number, proxyConfigured: boolean): TransportFailure {
  const raw = (thrown as { code?: unknown } | null)?.code;
  const code = typeof raw === 'string' ? raw : 'unknown';
  const viaProxy = proxyConfigured ? { proxyConfigured: true } : {};
  const classified = reasonForCode(code);
  if (classified.kind === 'timeout') {
    const error = new CallbellError('timeout', messages.timeout(timeoutMs, classified.reason), { code, reason: classified.reason, ...viaProxy });
    return { error, retry: true };
  }
  const leg = proxyFailure(thrown);
  if (leg === 'proxy') {
    // The proxy said no on purpose (403, 407…): asking again gets the same answer.
    return { error: new CallbellError('network', messages.proxy(code), { code, reason: 'proxy', ...viaProxy }), retry: false };
  }
  if (leg === 'proxyUnreachable') {
    const error = new CallbellError('network', messages.proxyUnreachable(code), { code, reason: 'proxyUnreachable', ...viaProxy });
    return { error, retry: RETRYABLE_CODES.has(code) };
  }
  const { reason } = classified;
  const message =
    reason === 'certificate' ? messages.certificate(code)
      : reason === 'tls' ? messages.tls(code)
        : messages.network(code, proxyConfigured);
  return { error: new CallbellError('network', message, { code, reason, ...viaProxy }), retry: RETRYABLE_CODES.has(code) };
}
