import * as vscode from 'vscode';
import { CallbellError } from '../api';
import type { CallbellAccount } from '../account';
import { logText, notificationText } from '../contacts/display';
import { describeError } from '../errors';
import { COMMANDS } from '../names';

const API_KEYS_PAGE = 'https://dash.callbell.eu/settings/api_settings/keys';

type CheckResult = { readonly ok: true } | { readonly ok: false; readonly problem?: string };

/**
 * "Set API Token" and "Sign Out". The key goes from the input box to SecretStorage, nowhere else.
 * A key passed as the argument is checked once; a typed key that fails is asked for again with the
 * reason in the box, so the user does not start over.
 */
export function registerTokenCommands(context: vscode.ExtensionContext, account: CallbellAccount, log: vscode.LogOutputChannel): void {
  const check = async (key: string): Promise<CheckResult> => {
    try {
      const user = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the API key with Callbell…'), cancellable: true },
        (_progress, cancellation) => {
          const abort = new AbortController();
          cancellation.onCancellationRequested(() => abort.abort());
          return account.signIn(key, abort.signal);
        },
      );
      void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to Callbell as {0} ({1}).', notificationText(user.name), notificationText(user.email)));
      return { ok: true };
    } catch (error) {
      if (error instanceof CallbellError && error.kind === 'aborted') return { ok: false };
      log.error(`Setting the API key failed: ${logText(describeError(error))}`);
      return {
        ok: false,
        problem:
          error instanceof CallbellError && error.kind === 'unauthorized'
            ? vscode.l10n.t('Callbell did not accept this API key, so it was not saved. Copy a key from Settings → API keys in the Callbell dashboard.')
            : vscode.l10n.t('The API key could not be checked, so it was not saved: {0}', describeError(error)),
      };
    }
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.setToken, async (token?: unknown) => {
      if (typeof token === 'string') {
        const result = await check(token.trim());
        if (!result.ok && result.problem) void vscode.window.showErrorMessage(result.problem);
        return result.ok;
      }
      let problem: string | undefined;
      for (;;) {
        const key = await askForKey(problem);
        if (!key) return false;
        const result = await check(key);
        if (result.ok) return true;
        if (!result.problem) return false;
        problem = result.problem;
      }
    }),
    vscode.commands.registerCommand(COMMANDS.signOut, async () => {
      await account.signOut();
      vscode.window.setStatusBarMessage(vscode.l10n.t('Signed out of Callbell.'), 5000);
    }),
  );
}

/** The password box; `problem` (why the last key failed) replaces the usual prompt. */
async function askForKey(problem?: string): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({
    title: vscode.l10n.t('Callbell API Key'),
    prompt:
      problem ??
      vscode.l10n.t('Paste an API key from Settings → API keys in the Callbell dashboard ({0}). It is kept in VS Code’s secret storage.', API_KEYS_PAGE),
    placeHolder: vscode.l10n.t('API key'),
    password: true,
    ignoreFocusOut: true,
    validateInput: (text) => (/\s/.test(text.trim()) ? vscode.l10n.t('An API key has no spaces.') : undefined),
  });
  return value?.trim() || undefined;
}
