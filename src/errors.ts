import * as vscode from 'vscode';
import { describeError as describeIn } from './errorText';

/**
 * The stored key was checked against another server than the one `callbell.apiBaseUrl` now names, so
 * no request carries it there until the user sets a key for that server. Nothing was sent.
 */
export class KeyOriginError extends Error {
  constructor(
    /** Where the key was checked and may go. */
    readonly keyOrigin: string,
    /** Where the setting now points. */
    readonly serverOrigin: string,
  ) {
    super(`The API key was checked with ${keyOrigin}, so it is not sent to ${serverOrigin} (callbell.apiBaseUrl)`);
    this.name = 'KeyOriginError';
  }
}

/** A message for the user about a failed request, in their language, never containing the API key. */
export function describeError(error: unknown): string {
  if (error instanceof KeyOriginError) {
    return vscode.l10n.t(
      'The API key was checked with {0}, so it is not sent to {1}, where “callbell.apiBaseUrl” now points. To use that server, set a key for it with “Callbell: Set API Key”; to keep this key, set “callbell.apiBaseUrl” back.',
      error.keyOrigin,
      error.serverOrigin,
    );
  }
  return describeIn(error, vscode.l10n, vscode.env.language);
}
