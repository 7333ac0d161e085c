import * as vscode from 'vscode';
import { describeError as describeIn } from './errorText';

/** A message for the user about a failed request, in their language, never containing the API key. */
export function describeError(error: unknown): string {
  return describeIn(error, vscode.l10n, vscode.env.language);
}
