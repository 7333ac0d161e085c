import * as vscode from 'vscode';
import type { ContactsController } from '../contactsController';
import { COMMANDS } from '../names';

/**
 * "Filter by Text…": narrows the tree itself, live as the user types, to contacts whose name, phone
 * digits, tag, assigned user or custom field value match (as search matches them: accents folded).
 * Local only; the text stays when the box closes, and an empty text or Clear Filters restores the tree.
 * A string argument sets the text without the box.
 */
export function registerTextFilterCommand(context: vscode.ExtensionContext, controller: ContactsController): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.filterByText, (text?: unknown) => {
      if (typeof text === 'string' || text === null) {
        controller.model.setTextFilter(text ?? '');
        return;
      }
      return editText(controller);
    }),
  );
}

function editText(controller: ContactsController): Promise<void> {
  const { model } = controller;
  const box = vscode.window.createInputBox();
  box.title = vscode.l10n.t('Filter Contacts by Text');
  box.placeholder = vscode.l10n.t('Name, phone digits, tag, assigned user or custom field value');
  box.value = model.textFilter;
  const clear: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('clear-all'), tooltip: vscode.l10n.t('Clear Text Filter') };
  box.buttons = [clear];
  const showCount = (): void => {
    const shown = model.contacts.length.toLocaleString(vscode.env.language);
    const total = model.loadedContacts.length.toLocaleString(vscode.env.language);
    box.prompt = box.value.trim() === '' ? undefined : vscode.l10n.t('{0} of {1} contacts match', shown, total);
  };
  showCount();
  return new Promise((resolve) => {
    const subscriptions = [
      box.onDidChangeValue((value) => {
        model.setTextFilter(value);
        showCount();
      }),
      // Contacts still loading change the count.
      model.onDidChange(showCount),
      box.onDidTriggerButton(() => {
        box.value = '';
        model.setTextFilter('');
        showCount();
      }),
      box.onDidAccept(() => box.hide()),
      box.onDidHide(() => {
        for (const subscription of subscriptions) subscription.dispose();
        box.dispose();
        resolve();
      }),
    ];
    box.show();
    void controller.ensureLoaded();
  });
}
