import * as vscode from 'vscode';
import { CallbellError } from '../api';
import type { CallbellAccount } from '../account';
import { logText } from '../contacts/display';
import { describeError } from '../errors';
import { COMMANDS } from '../names';
import type { KeyUser } from '../storedKey';
import { accountName, askForKey } from './keyBox';

type CheckResult = { readonly ok: true } | { readonly ok: false; readonly problem?: string };

/** The token commands' flows, for the Accounts menu (authentication.ts) and the host tests. */
export interface TokenCommands {
  /**
   * Whether command arguments count as the user's own choice (a key to use, `{ confirmed: true }`).
   * Anyone who can run a command URI can pass them, so only the host tests' own callers are trusted;
   * a test turns this off to see what a user would.
   */
  argumentsTrusted: boolean;
  /** The set-key box, asked again with the reason while Callbell refuses the key; true once a key is stored. */
  setKeyInteractively(): Promise<boolean>;
  /** Removes the key, after asking unless `confirmed`; true when signed out. */
  signOut(confirmed: boolean): Promise<boolean>;
}

/**
 * "Set API Key" and "Sign Out". The key goes from the input box to SecretStorage, nowhere else. A key
 * passed as the argument is used only once the user agrees (outside the host tests) and is checked
 * once; a typed key that fails is asked for again with the reason in the box, so the user does not
 * start over. Sign-out asks first: the key cannot be had back from VS Code.
 */
export function registerTokenCommands(context: vscode.ExtensionContext, account: CallbellAccount, log: vscode.LogOutputChannel): TokenCommands {
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
      // An account without a readable name or e-mail reads as no account rather than as empty brackets.
      const who = accountName(user);
      void vscode.window.showInformationMessage(who ? vscode.l10n.t('Signed in to Callbell as {0}.', who) : vscode.l10n.t('Signed in to Callbell.'));
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

  const commands: TokenCommands = {
    argumentsTrusted: context.extensionMode === vscode.ExtensionMode.Test,
    async setKeyInteractively() {
      let problem: string | undefined;
      for (;;) {
        const key = await askForKey({ problem, replacing: account.user });
        if (!key) return false;
        const result = await check(key);
        if (result.ok) return true;
        if (!result.problem) return false;
        problem = result.problem;
      }
    },
    async signOut(confirmed) {
      // Nothing to lose while signed out: no question.
      if (account.isSignedIn && !confirmed && !(await confirmSignOut(account.user))) return false;
      await account.signOut();
      vscode.window.setStatusBarMessage(vscode.l10n.t('Signed out of Callbell.'), 5000);
      return true;
    },
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.setToken, async (token?: unknown) => {
      if (typeof token !== 'string') return commands.setKeyInteractively();
      if (!commands.argumentsTrusted && !(await confirmKeyArgument(account.user))) {
        log.info('An API key passed to “Set API Key” by a command was not used: the user did not agree');
        return false;
      }
      const result = await check(token.trim());
      if (!result.ok && result.problem) void vscode.window.showErrorMessage(result.problem);
      return result.ok;
    }),
    vscode.commands.registerCommand(COMMANDS.signOut, (options?: unknown) =>
      commands.signOut(commands.argumentsTrusted && (options as { confirmed?: unknown } | undefined)?.confirmed === true),
    ),
  );
  return commands;
}

/** The modal before a key someone else passed replaces the user's account; nothing is sent before it. */
async function confirmKeyArgument(current: KeyUser | undefined): Promise<boolean> {
  const use = vscode.l10n.t('Use This Key');
  const name = current && accountName(current);
  const detail = [
    name
      ? vscode.l10n.t('A command asks to sign in to Callbell with an API key it supplies, in place of the key of {0}.', name)
      : vscode.l10n.t('A command asks to sign in to Callbell with an API key it supplies.'),
    vscode.l10n.t('Continue only if you started this yourself: the view would then show the contacts of the account that key belongs to.'),
  ].join(' ');
  return (await modal(vscode.l10n.t('Use an API key passed by a command?'), detail, use)) === use;
}

async function confirmSignOut(current: KeyUser | undefined): Promise<boolean> {
  const signOut = vscode.l10n.t('Sign Out');
  const name = current && accountName(current);
  const message = name ? vscode.l10n.t('Sign out of Callbell as {0}?', name) : vscode.l10n.t('Sign out of Callbell?');
  const detail = vscode.l10n.t(
    'The API key is deleted from VS Code and cannot be recovered from it. Callbell shows a key only once, when it is created: to sign in again you need your own copy of it or a new key from Settings → API keys in the Callbell dashboard.',
  );
  return (await modal(message, detail, signOut)) === signOut;
}

/** A modal warning; one that cannot be shown (a host that refuses dialogs) is no consent. */
async function modal(message: string, detail: string, action: string): Promise<string | undefined> {
  try {
    return await vscode.window.showWarningMessage(message, { modal: true, detail }, action);
  } catch {
    return undefined;
  }
}
