/**
 * Every sentence the API layer writes, in plain English and in one place: the `message` of its errors
 * and warnings, for logs. What a user reads about a failed request is localised from the error's kind
 * and reason instead (src/errorText.ts). Nothing here may ever receive the API token; untrusted text
 * arrives already sanitised.
 */

import type { TimeoutErrorReason } from './errors';

const SET_TOKEN = '“Callbell: Set API Key”';
const BASE_URL_SETTING = '“callbell.apiBaseUrl”';
const PROXY_SETTINGS = '“http.proxy”, HTTPS_PROXY, HTTP_PROXY';

export const messages = {
  unauthorized: (): string => `Callbell rejected the API key. Set a new one with ${SET_TOKEN}.`,

  forbidden: (): string =>
    `Callbell refused this request for the API key (403). Check the key's permissions in the Callbell ` +
    `dashboard, or set another key with ${SET_TOKEN}.`,

  rateLimited: (retryAfterMs?: number): string =>
    retryAfterMs !== undefined && retryAfterMs <= 3_600_000
      ? `Callbell is limiting requests (429). Try again in ${Math.max(1, Math.ceil(retryAfterMs / 1000))} seconds.`
      : 'Callbell is limiting requests (429). Try again later.',

  server: (status: number): string =>
    `Callbell had a server error (HTTP ${status}). Try again in a few minutes.`,

  network: (code: string, proxyConfigured: boolean): string =>
    `Could not reach Callbell (${code}). Check your internet connection` +
    (proxyConfigured ? ` and the proxy settings (${PROXY_SETTINGS}).` : '.'),

  certificate: (code: string): string =>
    `Could not verify Callbell's TLS certificate (${code}). If a company proxy inspects TLS traffic, trust its ` +
    'root certificate: add it to the operating system\'s certificate store, or name its file in the ' +
    'NODE_EXTRA_CA_CERTS environment variable and restart VS Code.',

  tls: (code: string): string =>
    `Could not open a secure connection to Callbell (${code}). Check that ${BASE_URL_SETTING} points to the Callbell API.`,

  proxy: (code: string): string =>
    `The proxy did not let the request through to Callbell (${code}). Check the proxy settings ` +
    `(${PROXY_SETTINGS}) and the proxy credentials.`,

  proxyUnreachable: (code: string): string =>
    `Could not reach the proxy (${code}). Check the proxy settings (${PROXY_SETTINGS}).`,

  timeout: (timeoutMs: number, reason: TimeoutErrorReason): string =>
    reason === 'connect' ? `Could not connect to Callbell within ${formatSeconds(timeoutMs)}. Check your connection and try again.`
      : reason === 'body' ? `Callbell stopped sending its answer for ${formatSeconds(timeoutMs)}. Try again.`
        : reason === 'deadline' ? `Callbell did not finish its answer within ${formatSeconds(timeoutMs)}. Try again.`
          : `Callbell did not answer within ${formatSeconds(timeoutMs)}. Try again; if it keeps happening, check your connection.`,

  invalidResponse: (detail: string): string =>
    `Callbell sent a response the extension cannot read (${detail}). If ${BASE_URL_SETTING} was changed, ` +
    'check that it points to the Callbell API.',

  paginationLimit: (loaded: number, limit: number): string =>
    `Callbell lists at most ${limit.toLocaleString('en-US')} contacts page by page; showing the first ` +
    `${loaded.toLocaleString('en-US')}. Filter by source or tag to see the others.`,

  listingTooLarge: (loaded: number, limitBytes: number): string =>
    `Callbell sent more than ${(limitBytes / (1024 * 1024)).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB of contacts; showing the first ` +
    `${loaded.toLocaleString('en-US')}. Filter by source or tag to see the others.`,

  aborted: (): string => 'Loading from Callbell was cancelled.',

  badToken: (): string =>
    `The stored API key contains characters that cannot be sent to Callbell. Set it again with ${SET_TOKEN}.`,

  // Details slotted into invalidResponse(); short noun phrases.
  detail: {
    notJson: (snippet: string): string => (snippet ? `not JSON: ${snippet}` : 'not JSON'),
    brokenJson: 'broken or cut-off JSON',
    html: 'a web page instead of JSON',
    noContacts: 'no contacts list',
    noTeams: 'no teams list',
    noContact: 'no contact',
    badContact: 'a contact that could not be read',
    notAnAccount: 'no account details',
    tooLarge: (limitBytes: number): string => `larger than ${Math.round(limitBytes / (1024 * 1024))} MB`,
    redirect: (status: number): string => `a redirect (HTTP ${status}), which is not followed`,
    status: (status: number, snippet: string): string => (snippet ? `HTTP ${status}: ${snippet}` : `HTTP ${status}`),
    badCursor: 'a page cursor that repeats or is too long',
    unreadable: 'contacts that could not be read',
  },

  // Answers of validateBaseUrl(); shown as the setting's validation message.
  baseUrl: {
    notAUrl: `${BASE_URL_SETTING} is not a valid URL.`,
    notHttps:
      `${BASE_URL_SETTING} must start with https:// (plain http:// is allowed only for this computer: ` +
      'localhost, 127.x.x.x or [::1]).',
    credentials: `${BASE_URL_SETTING} must not contain a user name or password; the API key is sent separately.`,
    queryOrFragment: `${BASE_URL_SETTING} must not contain a query (?…) or a fragment (#…).`,
  },

  proxyUrlInvalid: (): string => 'The proxy address (“http.proxy” or HTTPS_PROXY/HTTP_PROXY) is not a valid http(s) URL.',

  // onWarning texts.
  contactSkipped: (page: number, index: number, reason: string): string =>
    `Skipped contact ${index + 1} of page ${page}: ${reason}.`,
  moreWarnings: (page: number, count: number): string => `…and ${count} more contacts of page ${page} skipped or shortened.`,
  contactTruncated: (uuid: string): string =>
    `Contact ${uuid} had values longer than the extension keeps, or too many tags or fields; they were shortened.`,
  listingSlowed: (perSecond: number): string => `Callbell is limiting requests (429); this load continues at ${Math.round(perSecond)} requests per second or slower.`,
} as const;

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} seconds`;
}
