import * as vscode from 'vscode';
import type { ContactsController } from '../contactsController';

/** The key of the inert "nothing found" row. */
const NOTHING = '\u0000nothing';

/** What a live picker lists: keyed items, some of them only messages (`inert`, single-select only) that Enter does not pick. */
export type LivePickItem = vscode.QuickPickItem & { readonly key: string; readonly inert?: boolean };

export interface LivePickOptions<T extends LivePickItem> {
  readonly title: string;
  /** Read again on every refill, so a toggle can change it. */
  readonly placeholder: string | (() => string);
  /** Text already typed when the picker opens. */
  readonly initialValue?: string;
  /**
   * The items own matching of what is typed (fields the picker cannot see, like custom field values):
   * they are asked again on every keystroke.
   */
  readonly searchesItself?: boolean;
  /**
   * Said once loading ended with nothing to pick: as the placeholder of a multi-select picker, as an
   * inert row of a single-select one (a placeholder would hide behind the typed text).
   */
  readonly emptyMessage?: string;
  readonly canPickMany?: boolean;
  /** Keys of the items selected when the picker opens (multi-select). */
  readonly initiallySelected?: ReadonlySet<string>;
  /** The items for the contacts loaded so far and what is typed; asked again as contacts arrive. */
  readonly items: (query: string) => T[];
  /** Title-bar buttons (a toggle); read again after each press. */
  readonly buttons?: () => readonly vscode.QuickInputButton[];
  readonly onDidTriggerButton?: (button: vscode.QuickInputButton) => void;
  /** A button of an item was pressed; true ends the pick with that item. */
  readonly onDidTriggerItemButton?: (event: vscode.QuickPickItemButtonEvent<T>) => boolean;
}

/**
 * A picker that opens at once and fills in as contacts load, so a big account never leaves the user
 * waiting on nothing. Resolves to the accepted items, or undefined when dismissed.
 */
export function livePick<T extends LivePickItem>(controller: ContactsController, options: LivePickOptions<T>): Promise<readonly T[] | undefined> {
  const picker = vscode.window.createQuickPick<T>();
  picker.title = options.title;
  picker.canSelectMany = options.canPickMany ?? false;
  picker.matchOnDescription = true;
  picker.matchOnDetail = true;
  picker.value = options.initialValue ?? '';
  const placeholder = (): string => (typeof options.placeholder === 'string' ? options.placeholder : options.placeholder());
  picker.buttons = options.buttons?.() ?? [];
  // The user's choices, kept by key: each refill makes new item objects.
  const selected = new Set(options.initiallySelected ?? []);
  let filling = false;
  let filledFrom = { version: -1, loading: false };
  const fill = (): void => {
    filling = true;
    picker.busy = controller.store.isLoading;
    filledFrom = { version: controller.store.version, loading: controller.store.isLoading };
    const items = options.items(picker.value);
    const empty = !picker.busy && items.length === 0 && options.emptyMessage !== undefined;
    if (empty && !picker.canSelectMany) items.push({ key: NOTHING, label: `$(info) ${options.emptyMessage}`, alwaysShow: true, inert: true } as unknown as T);
    picker.items = items;
    if (picker.canSelectMany) picker.selectedItems = items.filter((item) => selected.has(item.key));
    picker.placeholder = empty && picker.canSelectMany ? options.emptyMessage : placeholder();
    filling = false;
  };
  let open = true;
  return new Promise((resolve) => {
    const subscriptions = [
      controller.store.onDidChange(fill),
      picker.onDidChangeValue(() => options.searchesItself && fill()),
      picker.onDidTriggerButton((button) => {
        options.onDidTriggerButton?.(button);
        picker.buttons = options.buttons?.() ?? [];
        fill();
      }),
      picker.onDidTriggerItemButton((event) => {
        if (!options.onDidTriggerItemButton?.(event)) return;
        resolve([event.item]);
        picker.hide();
      }),
      picker.onDidChangeSelection((items) => {
        if (filling || !picker.canSelectMany) return;
        selected.clear();
        for (const item of items) selected.add(item.key);
      }),
      picker.onDidAccept(() => {
        const chosen = picker.canSelectMany ? picker.selectedItems : picker.activeItems.slice(0, 1);
        // A message row is not a choice: Enter on it leaves the picker open.
        if (!picker.canSelectMany && (chosen.length === 0 || chosen[0].inert)) return;
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
    // Refilled only when loading changed something: new rows put VS Code's focus back on the first one.
    const changed = (): boolean => filledFrom.version !== controller.store.version || filledFrom.loading !== controller.store.isLoading;
    void controller.ensureLoaded().then(() => open && changed() && fill());
  });
}

