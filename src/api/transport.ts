/**
 * One GET against the Callbell API, with the retry policy, the rate limiter, timeouts, a body size
 * cap and the mapping of every failure to a CallbellError.
 *
 * Why retries are hand-written instead of undici's RetryAgent: a retry here must cover the whole
 * exchange, body included (RetryHandler resumes a broken body with a Range request, which this API
 * does not support), every attempt must pass the shared rate limiter and be logged with its number,
 * a 429 must hold back the other concurrent requests too, and an abort must cut a backoff short.
 */
import { request, type Dispatcher } from 'undici';
import type { IncomingHttpHeaders } from 'node:http';
import { usesProxy } from './dispatcher';
import { header, readBody } from './body';
import { CallbellError, type CallbellErrorKind, sanitizeSnippet } from './errors';
import { transportFailure } from './failures';
import { messages } from './messages';
import { parseJsonBody } from './jsonBody';
import type { RateLimiter } from './rateLimiter';
import { parseRetryAfter } from './retryAfter';
import { linkSignals, sleep } from './signals';

export { parseRetryAfter };

/** One line for the VS Code output channel. Carries no token and no body. */
export interface RequestLogEvent {
  readonly method: 'GET';
  /** Path and query, e.g. `/v1/contacts?page=2&source=whatsapp`. */
  readonly path: string;
  /** Missing when no response arrived (network error, timeout, abort). */
  readonly status?: number;
  readonly durationMs: number;
  /** 1 for the first try, 2 for the first retry, … */
  readonly attempt: number;
  /** Set when the attempt failed. */
  readonly error?: CallbellErrorKind;
  /** Set when another attempt follows after this many ms. */
  readonly retryInMs?: number;
}

export interface TransportOptions {
  readonly baseUrl: URL;
  readonly token: string;
  readonly dispatcher: Dispatcher;
  readonly limiter: RateLimiter;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly retryBaseDelayMs: number;
  readonly maxRetryDelayMs: number;
  readonly maxBodyBytes: number;
  readonly userAgent: string;
  readonly onRequest?: (event: RequestLogEvent) => void;
}

/** A caller's view of one call's attempts: how a listing's pacer learns round trips and 429s, and paces retries. */
export interface AttemptHooks {
  /** Sees each attempt of this call, as `onRequest` does. */
  readonly onAttempt?: (event: RequestLogEvent) => void;
  /** Awaited before each retry, after its backoff. */
  readonly beforeRetry?: () => Promise<void>;
}

/** Error bodies are only read for a short message; no reason to take more of them. */
const MAX_ERROR_BODY_BYTES = 16 * 1024;

/** Marks errors the retry loop may try again; kept off the public error class. */
const retryable = new WeakSet<CallbellError>();

export class Transport {
  constructor(private readonly options: TransportOptions) {}

  /**
   * GET `path` (relative to the base URL): the parsed JSON body, and its size for budgets over several
   * requests. `hooks.onAttempt` sees each attempt of this call, as `onRequest` does: how a listing's
   * pacer learns round trips and 429s.
   */
  async getJson(path: string, query: URLSearchParams, signal?: AbortSignal, hooks: AttemptHooks = {}): Promise<{ json: unknown; bytes: number }> {
    const { onAttempt } = hooks;
    const { options } = this;
    const url = new URL(options.baseUrl.href);
    url.pathname = url.pathname.replace(/\/+$/, '') + path;
    url.search = query.toString();
    const logPath = url.pathname + url.search;
    const aborted = (): CallbellError => new CallbellError('aborted', messages.aborted());

    if (!/^[\x21-\x7e]+$/.test(options.token)) throw new CallbellError('unauthorized', messages.badToken(), { reason: 'badToken' });

    for (let attempt = 1; ; attempt++) {
      await options.limiter.take(signal, aborted);
      const started = performance.now();
      const outcome: { status?: number } = {};
      let error: CallbellError;
      try {
        const result = await this.attempt(url, signal, outcome);
        this.log({ method: 'GET', path: logPath, status: outcome.status, durationMs: since(started), attempt }, onAttempt);
        return result;
      } catch (thrown) {
        error = this.toCallbellError(thrown, signal);
      }

      const delay = attempt <= options.retries && retryable.has(error) ? this.retryDelay(error, attempt) : undefined;
      this.log({
        method: 'GET', path: logPath, status: outcome.status, durationMs: since(started), attempt,
        error: error.kind, retryInMs: delay,
      }, onAttempt);
      if (delay === undefined) throw error;
      // A 429 speaks for the whole account: every request of this client waits, not just this one.
      if (error.kind === 'rateLimited') options.limiter.pauseUntil(Date.now() + delay);
      await sleep(delay, signal, aborted);
      await hooks.beforeRetry?.();
    }
  }

  /** Retry-After when the server sent one, else exponential backoff with "equal jitter". */
  private retryDelay(error: CallbellError, attempt: number): number | undefined {
    const { retryBaseDelayMs, maxRetryDelayMs } = this.options;
    if (error.retryAfterMs !== undefined) {
      // Waiting longer than we are willing to hold the UI: give up and let the user come back later.
      return error.retryAfterMs <= maxRetryDelayMs ? error.retryAfterMs : undefined;
    }
    const exponential = Math.min(maxRetryDelayMs, retryBaseDelayMs * 2 ** (attempt - 1));
    // Half fixed, half random: concurrent clients spread out, yet each still waits a real minimum.
    return Math.round(exponential / 2 + Math.random() * (exponential / 2));
  }

  private async attempt(url: URL, signal: AbortSignal | undefined, outcome: { status?: number }): Promise<{ json: unknown; bytes: number }> {
    const { options } = this;
    // undici's headers/body timeouts only watch gaps between bytes; this deadline also stops a
    // server that trickles a body forever.
    const linked = linkSignals(signal);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      linked.abort();
    }, options.timeoutMs);
    try {
      const response = await request(url, {
        dispatcher: options.dispatcher,
        method: 'GET',
        headers: {
          authorization: `Bearer ${options.token}`,
          accept: 'application/json',
          'user-agent': options.userAgent,
        },
        signal: linked.signal,
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
      });
      outcome.status = response.statusCode;
      const { statusCode, headers, body } = response;
      if (statusCode >= 200 && statusCode < 300) {
        const { text, bytes } = await readBody(body, headers, options.maxBodyBytes, true);
        return { json: parseJsonBody(text, header(headers, 'content-type'), (t) => sanitizeSnippet(t, options.token)), bytes };
      }
      const { text } = await readBody(body, headers, MAX_ERROR_BODY_BYTES, false).catch(() => ({ text: '' }));
      throw this.statusError(statusCode, headers, text);
    } catch (thrown) {
      if (timedOut && !signal?.aborted && !(thrown instanceof CallbellError)) {
        // Before the headers nothing had answered; after them the body took too long.
        const reason = outcome.status === undefined ? 'headers' : 'deadline';
        const proxyConfigured = usesProxy(options.dispatcher) ? { proxyConfigured: true } : {};
        throw withRetry(new CallbellError('timeout', messages.timeout(options.timeoutMs, reason), { code: 'DEADLINE', reason, ...proxyConfigured }));
      }
      throw thrown;
    } finally {
      clearTimeout(timer);
      linked.dispose();
    }
  }

  private statusError(status: number, headers: IncomingHttpHeaders, bodyText: string): CallbellError {
    const snippet = sanitizeSnippet(bodyText, this.options.token);
    if (status === 401) return new CallbellError('unauthorized', messages.unauthorized(), { status, reason: 'rejected' });
    if (status === 403) return new CallbellError('forbidden', messages.forbidden(), { status });
    if (status === 429) {
      const retryAfterMs = parseRetryAfter(header(headers, 'retry-after'), Date.now());
      return withRetry(new CallbellError('rateLimited', messages.rateLimited(retryAfterMs), { status, retryAfterMs }));
    }
    if (status >= 500) return withRetry(new CallbellError('server', messages.server(status), { status }));
    // Redirects are not followed: the Authorization header must never travel to another host.
    if (status >= 300 && status < 400) {
      return new CallbellError('invalidResponse', messages.invalidResponse(messages.detail.redirect(status)), { status, reason: 'redirect' });
    }
    if (status === 400 && /pagination limit/i.test(bodyText)) {
      // The pagination layer replaces this with a message that counts the contacts kept.
      return new CallbellError('paginationLimit', messages.paginationLimit(0, 0), { status });
    }
    return new CallbellError('invalidResponse', messages.invalidResponse(messages.detail.status(status, snippet)), { status, reason: 'status' });
  }

  private toCallbellError(thrown: unknown, signal: AbortSignal | undefined): CallbellError {
    // The caller's abort wins over whatever the cancelled socket reported.
    if (signal?.aborted) return new CallbellError('aborted', messages.aborted());
    if (thrown instanceof CallbellError) return thrown;
    const { error, retry } = transportFailure(thrown, this.options.timeoutMs, usesProxy(this.options.dispatcher));
    return retry ? withRetry(error) : error;
  }

  private log(event: RequestLogEvent, onAttempt?: (event: RequestLogEvent) => void): void {
    for (const hook of [this.options.onRequest, onAttempt]) {
      try {
        hook?.(event);
      } catch {
        // A logging hook must never break loading.
      }
    }
  }
}

function withRetry(error: CallbellError): CallbellError {
  retryable.add(error);
  return error;
}

function since(started: number): number {
  return Math.round(performance.now() - started);
}
