import * as vscode from 'vscode';
import type { ContactsController } from '../contactsController';

export interface LivePickOptions<T> {
  readonly title: string;
  readonly placeholder: string;
  /** Text already typed when the picker opens. */
  readonly initialValue?: string;
  /**
   * The items own matching of what is typed (fields the picker cannot see, like custom field values):
   * they are asked again on every keystroke.
   */
  readonly searchesItself?: boolean;
  /** Shown instead of the placeholder once loading ended with nothing to pick. */
  readonly emptyPlaceholder?: string;
  readonly canPickMany?: boolean;
  /** Keys of the items selected when the picker opens (multi-select). */
  readonly initiallySelected?: ReadonlySet<string>;
  /** The items for the contacts loaded so far and what is typed; asked again as contacts arrive. */
  readonly items: (query: string) => T[];
}

/**
 * A picker that opens at once and fills in as contacts load, so a big account never leaves the user
 * waiting on nothing. Resolves to the accepted items, or undefined when dismissed.
 */
export function livePick<T extends vscode.QuickPickItem & { readonly key: string }>(controller: ContactsController, options: LivePickOptions<T>): Promise<readonly T[] | undefined> {
  const picker = vscode.window.createQuickPick<T>();
  picker.title = options.title;
  picker.canSelectMany = options.canPickMany ?? false;
  picker.matchOnDescription = true;
  picker.matchOnDetail = true;
  picker.value = options.initialValue ?? '';
  // The user's choices, kept by key: each refill makes new item objects.
  const selected = new Set(options.initiallySelected ?? []);
  let filling = false;
  const fill = (): void => {
    filling = true;
    picker.busy = controller.store.isLoading;
    picker.items = options.items(picker.value);
    if (picker.canSelectMany) picker.selectedItems = picker.items.filter((item) => selected.has(item.key));
    const empty = !picker.busy && picker.items.length === 0;
    picker.placeholder = empty && options.emptyPlaceholder ? options.emptyPlaceholder : options.placeholder;
    filling = false;
  };
  let open = true;
  return new Promise((resolve) => {
    const subscriptions = [
      controller.store.onDidChange(fill),
      picker.onDidChangeValue(() => options.searchesItself && fill()),
      picker.onDidChangeSelection((items) => {
        if (filling || !picker.canSelectMany) return;
        selected.clear();
        for (const item of items) selected.add(item.key);
      }),
      picker.onDidAccept(() => {
        const chosen = picker.canSelectMany ? picker.selectedItems : picker.activeItems.slice(0, 1);
        if (!picker.canSelectMany && chosen.length === 0) return;
        resolve(chosen);
        picker.hide();
      }),
      picker.onDidHide(() => {
        open = false;
        for (const subscription of subscriptions) subscription.dispose();
        picker.dispose();
        resolve(undefined);
      }),
    ];
    fill();
    picker.show();
    void controller.ensureLoaded().then(() => open && fill());
  });
}

