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
      return vscode.l10n.t('Callbell is limiting requests right now. Try again in a moment.');
    case 'server':
      return vscode.l10n.t('Callbell had a problem answering ({0}). Try again later.', error.status ?? '5xx');
    case 'network':
      return vscode.l10n.t('Could not reach Callbell. Check your connection and proxy settings.');
    case 'timeout':
      return vscode.l10n.t('Callbell took too long to answer. Try again.');
    case 'invalidResponse':
      return vscode.l10n.t('Callbell sent a response that could not be read. Try again later.');
    case 'paginationLimit':
      return vscode.l10n.t('Callbell lists at most {0} contacts at once; showing the first ones. Narrow the list with a filter.', error.partial?.length ?? 10000);
    case 'aborted':
      return vscode.l10n.t('The request was cancelled.');
  }
}
