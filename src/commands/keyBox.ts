import * as vscode from 'vscode';
import { notificationText } from '../contacts/display';
import type { KeyUser } from '../storedKey';

/** Where Callbell's dashboard lists and creates API keys. */
export const API_KEYS_PAGE = 'https://dash.callbell.eu/settings/api_settings/keys';

export interface KeyBoxOptions {
  /** Why the last key failed; shown as an error under the box, beside the usual prompt. */
  readonly problem?: string;
  /** The account of the key already stored, which a new key replaces. */
  readonly replacing?: KeyUser;
}

/**
 * The password box for an API key. Enter on an empty box says what to do instead of closing it; a
 * button opens the dashboard's API keys page; when a key is stored the prompt names its account, so
 * nobody replaces an account without seeing which. Resolves to the trimmed key, or undefined when dismissed.
 */
export function askForKey(options: KeyBoxOptions = {}): Promise<string | undefined> {
  const box = vscode.window.createInputBox();
  box.title = vscode.l10n.t('Callbell API Key');
  box.prompt = keyPrompt(options.replacing);
  // Why the last key failed, drawn as an error under the box until the user types again.
  box.validationMessage = options.problem === undefined ? undefined : { message: options.problem, severity: vscode.InputBoxValidationSeverity.Error };
  box.placeholder = vscode.l10n.t('API key');
  box.password = true;
  box.ignoreFocusOut = true;
  const openPage: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('link-external'), tooltip: vscode.l10n.t('Open the API keys page of the Callbell dashboard') };
  box.buttons = [openPage];
  return new Promise((resolve) => {
    let answer: string | undefined;
    const subscriptions = [
      box.onDidTriggerButton((button) => {
        if (button === openPage) void vscode.env.openExternal(vscode.Uri.parse(API_KEYS_PAGE));
      }),
      box.onDidChangeValue((value) => {
        box.validationMessage = problemWith(value);
      }),
      box.onDidAccept(() => {
        const key = box.value.trim();
        const problem = key === '' ? vscode.l10n.t('Paste a key. Create one under Settings → API keys in the Callbell dashboard (the button above opens it).') : problemWith(key);
        if (problem !== undefined) {
          box.validationMessage = problem;
          return;
        }
        answer = key;
        box.hide();
      }),
      box.onDidHide(() => {
        subscriptions.forEach((subscription) => subscription.dispose());
        box.dispose();
        resolve(answer);
      }),
    ];
    box.show();
  });
}

function keyPrompt(replacing: KeyUser | undefined): string {
  const where = vscode.l10n.t('Paste an API key from Settings → API keys in the Callbell dashboard. It is kept in VS Code’s secret storage.');
  const account = replacing && accountName(replacing);
  return account ? `${vscode.l10n.t('It replaces the key of {0}.', account)} ${where}` : where;
}

/**
 * "Ana Pérez (ana@example.com)", from what Callbell named the account: untrusted text, made plain
 * (no codicons, no links: prompts and dialogs may render either).
 */
export function accountName(user: KeyUser): string {
  const name = notificationText(user.name, 60);
  const email = notificationText(user.email, 80);
  return name !== '' && email !== '' ? `${name} (${email})` : name || email;
}

function problemWith(value: string): string | undefined {
  return /\s/.test(value.trim()) ? vscode.l10n.t('An API key has no spaces.') : undefined;
}
