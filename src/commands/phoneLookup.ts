import * as vscode from 'vscode';
import type { CallbellAccount } from '../account';
import { CallbellError, type Contact } from '../api';
import { logText } from '../contacts/display';
import { describeError } from '../errors';
import { COMMANDS } from '../names';

/** How a lookup ended; the command that ran it reports this to its caller. */
export type LookupOutcome =
  | { readonly outcome: 'found'; readonly contact: Contact }
  | { readonly outcome: 'notFound' | 'rejected' | 'failed' | 'cancelled' | 'signedOut' };

/**
 * Asks Callbell for the contact with a phone number (`GET /contacts/phone/:phone_number`), with
 * cancellable progress, and says clearly when there is no such contact or the key is rejected.
 */
export async function lookUpPhone(account: CallbellAccount, phone: string, log: vscode.LogOutputChannel): Promise<LookupOutcome> {
  let client;
  try {
    client = account.client();
  } catch (error) {
    // An unusable base URL, or a key kept for another server: nothing is sent.
    void vscode.window.showErrorMessage(vscode.l10n.t('The phone lookup failed: {0}', describeError(error)));
    return { outcome: 'failed' };
  }
  if (!client) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Set your Callbell API key first: “Callbell: Set API Key”.'));
    return { outcome: 'signedOut' };
  }
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Looking up {0} on Callbell…', phone), cancellable: true },
      (_progress, token) => {
        const abort = new AbortController();
        const subscription = token.onCancellationRequested(() => abort.abort());
        return client.getContactByPhone(phone, abort.signal).finally(() => subscription.dispose());
      },
    );
    account.markAccepted();
    if (result.found) return { outcome: 'found', contact: result.contact };
    void vscode.window.showInformationMessage(vscode.l10n.t('Callbell has no contact with the phone number {0}.', phone));
    return { outcome: 'notFound' };
  } catch (error) {
    if (error instanceof CallbellError && error.kind === 'aborted') return { outcome: 'cancelled' };
    log.error(`Looking up a phone number failed: ${logText(error instanceof Error ? error.message : String(error))}`);
    if (error instanceof CallbellError && error.kind === 'unauthorized') {
      account.markRejected();
      const setToken = vscode.l10n.t('Set API Key');
      void vscode.window.showErrorMessage(describeError(error), setToken).then((choice) => {
        if (choice === setToken) void vscode.commands.executeCommand(COMMANDS.setToken);
      });
      return { outcome: 'rejected' };
    }
    void vscode.window.showErrorMessage(vscode.l10n.t('The phone lookup failed: {0}', describeError(error)));
    return { outcome: 'failed' };
  }
}
