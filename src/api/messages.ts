/**
 * Every sentence the API layer can show a user, in plain English and in one place, so the VS Code
 * layer can later swap them for localised ones by error kind without hunting through the client.
 * Nothing here may ever receive the API token; untrusted text arrives already sanitised.
 */

const SET_TOKEN = '“Callbell: Set API Token”';
const BASE_URL_SETTING = '“callbell.apiBaseUrl”';

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

  network: (code: string): string =>
    `Could not reach Callbell (${code}). Check your internet connection and the “http.proxy” setting.`,

  certificate: (code: string): string =>
    `Could not verify Callbell's TLS certificate (${code}). If a company proxy inspects TLS traffic, ` +
    'set “http.proxyStrictSSL” to false.',

  proxy: (detail: string): string =>
    `The proxy did not let the request through to Callbell (${detail}). Check the “http.proxy” setting ` +
    'and the proxy credentials.',

  timeout: (timeoutMs: number): string =>
    `Callbell did not answer within ${formatSeconds(timeoutMs)}. Try again; if it keeps happening, ` +
    'check your connection or proxy.',

  invalidResponse: (detail: string): string =>
    `Callbell sent a response the extension cannot read (${detail}). If ${BASE_URL_SETTING} was changed, ` +
    'check that it points to the Callbell API.',

  paginationLimit: (loaded: number, limit: number): string =>
    `Callbell lists at most ${limit.toLocaleString('en-US')} contacts page by page; showing the first ` +
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
  contactTruncated: (uuid: string, limit: number): string =>
    `Contact ${uuid} had values longer than ${limit} characters or too many tags/fields; they were shortened.`,
} as const;

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} seconds`;
}
