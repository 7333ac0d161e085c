import * as vscode from 'vscode';
import { CallbellError } from './api';

/** A message for the user about a failed request, in their language, never containing the API key. */
export function describeError(error: unknown): string {
  if (!(error instanceof CallbellError)) {
    return error instanceof Error ? error.message : String(error);
  }
  switch (error.kind) {
    case 'unauthorized':
      return vscode.l10n.t('Callbell rejected the API key. Set a new one with “Callbell: Set API Token”.');
    case 'forbidden':
      return vscode.l10n.t('This API key may not list contacts (403). Check its permissions in the Callbell dashboard.');
    case 'rateLimited':
      return error.retryAfterMs !== undefined && error.retryAfterMs >= 1000 && error.retryAfterMs <= 3_600_000
        ? vscode.l10n.t('Callbell is limiting requests right now. Try again in {0} seconds.', Math.ceil(error.retryAfterMs / 1000))
        : vscode.l10n.t('Callbell is limiting requests right now. Try again in a moment.');
    case 'server':
      return vscode.l10n.t('Callbell had a problem answering ({0}). Try again later.', error.status ?? '5xx');
    case 'network':
      if (error.code !== undefined && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(error.code)) {
        return vscode.l10n.t('Could not verify Callbell’s certificate ({0}). If a company proxy inspects secure traffic, set “http.proxyStrictSSL” to false.', error.code);
      }
      if (/proxy/i.test(error.message)) return vscode.l10n.t('The proxy did not let the request through to Callbell. Check the “http.proxy” setting and the proxy’s credentials.');
      return vscode.l10n.t('Could not reach Callbell ({0}). Check your connection and the “http.proxy” setting.', error.code ?? '?');
    case 'timeout':
      return vscode.l10n.t('Callbell took too long to answer. Try again.');
    case 'invalidResponse':
      return vscode.l10n.t('Callbell sent a response that could not be read. Try again later.');
    case 'paginationLimit':
      return vscode.l10n.t(
        'Callbell lists at most 10,000 contacts page by page; showing the first {0}. Filter by source or tags to see the others.',
        (error.partial?.length ?? 0).toLocaleString(vscode.env.language),
      );
    case 'aborted':
      return vscode.l10n.t('The request was cancelled.');
  }
}
