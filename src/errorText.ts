/**
 * The words a user reads about a failed request, in one place, chosen by the error's kind and reason
 * (never by its English `message`, which is for logs). Free of VS Code at run time so that plain Node
 * tests can check every sentence; src/errors.ts binds it to `vscode.l10n`.
 */
// Type-only, so erased from the build. It is also what makes `npm run l10n` (vscode-l10n-dev) collect
// the `l10n.t(...)` calls below: the extractor reads only files that import 'vscode'.
import type * as vscode from 'vscode';
import { CallbellError } from './api';

/** What describeError needs of `vscode.l10n`: `t` with a literal message and `{0}`-style arguments. */
export interface Localizer {
  t(message: string, ...args: (string | number)[]): string;
}

/** A message for the user about a failed request, never containing the API key. */
export function describeError(error: unknown, l10n: Localizer, language: typeof vscode.env.language): string {
  if (!(error instanceof CallbellError)) {
    return error instanceof Error ? error.message : String(error);
  }
  switch (error.kind) {
    case 'unauthorized':
      return error.reason === 'badToken'
        ? l10n.t('The stored API key contains characters that cannot be sent to Callbell. Set it again with “Callbell: Set API Key”.')
        : l10n.t('Callbell rejected the API key. Set a new one with “Callbell: Set API Key”.');
    case 'forbidden':
      return l10n.t('This API key may not list contacts (403). Check its permissions in the Callbell dashboard.');
    case 'rateLimited':
      return error.retryAfterMs !== undefined && error.retryAfterMs >= 1000 && error.retryAfterMs <= 3_600_000
        ? l10n.t('Callbell is limiting requests right now. Try again in {0} seconds.', Math.ceil(error.retryAfterMs / 1000))
        : l10n.t('Callbell is limiting requests right now. Try again in a moment.');
    case 'server':
      return l10n.t('Callbell had a problem answering ({0}). Try again later.', error.status ?? '5xx');
    case 'network':
      return describeNetwork(error, l10n);
    case 'timeout':
      return describeTimeout(error, l10n);
    case 'invalidResponse':
      return describeInvalidResponse(error, l10n);
    case 'paginationLimit':
      if (error.reason === 'byteBudget') {
        return l10n.t(
          'Callbell sent more contact data than the extension keeps in memory; showing the first {0}. Filter by source or tags to see the others.',
          formatCount(error.partial?.length ?? 0, language),
        );
      }
      return l10n.t(
        'At most {0} contacts can be listed page by page; showing the first {1}. Filter by source or tags to see the others.',
        formatCount(error.limit ?? 10_000, language),
        formatCount(error.partial?.length ?? 0, language),
      );
    case 'aborted':
      return l10n.t('The request was cancelled.');
  }
}

function describeNetwork(error: CallbellError, l10n: Localizer): string {
  const code = error.code ?? '?';
  let what: string;
  switch (error.reason) {
    case 'proxy':
      return l10n.t('The proxy did not let the request through to Callbell. Check the “http.proxy” setting and the proxy’s credentials.');
    case 'proxyUnreachable':
      return l10n.t('Could not reach the proxy ({0}). Check the “http.proxy” setting, or the HTTPS_PROXY and HTTP_PROXY environment variables.', code);
    case 'proxyInvalid':
      return l10n.t('The proxy address in “http.proxy” (or in HTTPS_PROXY or HTTP_PROXY) is not a valid http:// or https:// URL.');
    case 'certificate':
      // Not "turn off http.proxyStrictSSL": that would stop checking Callbell's own certificate too.
      return l10n.t(
        'Could not verify Callbell’s certificate ({0}). If a company proxy inspects secure traffic, its root certificate must be trusted: add it to your operating system’s certificate store, or name its file in the NODE_EXTRA_CA_CERTS environment variable and restart VS Code.',
        code,
      );
    case 'tls':
      return `${l10n.t('Could not open a secure connection to Callbell ({0}).', code)} ${checkBaseUrl(l10n)}`;
    case 'hostNotFound':
      what = l10n.t('Could not reach Callbell: its server name could not be resolved ({0}).', code);
      break;
    case 'refused':
      what = l10n.t('Could not reach Callbell: the connection was refused ({0}).', code);
      break;
    case 'reset':
      what = l10n.t('Could not reach Callbell: the connection was cut off ({0}).', code);
      break;
    case 'unreachable':
      what = l10n.t('Could not reach Callbell: there is no network route to it ({0}).', code);
      break;
    default:
      what = l10n.t('Could not reach Callbell ({0}).', code);
  }
  // The proxy is named only when one is in use: otherwise it sends people looking in the wrong place.
  const advice = error.proxyConfigured
    ? l10n.t('Check your internet connection and the “http.proxy” setting.')
    : l10n.t('Check your internet connection.');
  return `${what} ${advice}`;
}

function describeTimeout(error: CallbellError, l10n: Localizer): string {
  switch (error.reason) {
    case 'connect':
      return l10n.t('Could not connect to Callbell in time. Check your internet connection and try again.');
    case 'headers':
      return l10n.t('Callbell did not answer in time. Try again.');
    case 'body':
      return l10n.t('Callbell stopped sending its answer. Try again.');
    default:
      return l10n.t('Callbell took too long to answer. Try again.');
  }
}

function describeInvalidResponse(error: CallbellError, l10n: Localizer): string {
  switch (error.reason) {
    case 'html':
      return `${l10n.t('Callbell answered with a web page instead of data.')} ${checkBaseUrl(l10n)}`;
    case 'notJson':
      return `${l10n.t('Callbell’s answer was not JSON.')} ${checkBaseUrl(l10n)}`;
    case 'brokenJson':
      return l10n.t('Callbell’s answer was cut off or broken. Try again.');
    case 'noContacts':
      return `${l10n.t('Callbell’s answer held no list of contacts.')} ${checkBaseUrl(l10n)}`;
    case 'notAnAccount':
      return `${l10n.t('Callbell’s answer held no account details.')} ${checkBaseUrl(l10n)}`;
    case 'tooLarge':
      return l10n.t('Callbell’s answer was too large to read. Try again later.');
    case 'redirect':
      return `${l10n.t('Callbell answered with a redirect (HTTP {0}), which is not followed so that the API key goes nowhere else.', error.status ?? '3xx')} ${checkBaseUrl(l10n)}`;
    case 'status':
      return `${l10n.t('Callbell could not handle the request (HTTP {0}).', error.status ?? '4xx')} ${checkBaseUrl(l10n)}`;
    case 'badCursor':
      return l10n.t('Callbell’s list of contacts did not come to an end (a page pointer repeated). Try again later.');
    default:
      return l10n.t('Callbell sent a response that could not be read. Try again later.');
  }
}

function checkBaseUrl(l10n: Localizer): string {
  return l10n.t('If “callbell.apiBaseUrl” was changed, check that it points to the Callbell API.');
}

/** Digits grouped the user's way; VS Code's pseudo-locales are not always valid BCP 47 tags. */
function formatCount(count: number, language: string): string {
  try {
    return count.toLocaleString(language);
  } catch {
    return count.toLocaleString('en-US');
  }
}
