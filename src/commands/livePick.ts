import * as vscode from 'vscode';
import type { ContactsController } from '../contactsController';

/** The key of the inert "nothing found" row. */
const NOTHING = '\u0000nothing';

export interface LivePickOptions<T> {
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
  const placeholder = (): string => (typeof options.placeholder === 'string' ? options.placeholder : options.placeholder());
  picker.buttons = options.buttons?.() ?? [];
  // The user's choices, kept by key: each refill makes new item objects.
  const selected = new Set(options.initiallySelected ?? []);
  let filling = false;
  const fill = (): void => {
    filling = true;
    picker.busy = controller.store.isLoading;
    const items = options.items(picker.value);
    const empty = !picker.busy && items.length === 0 && options.emptyMessage !== undefined;
    if (empty && !picker.canSelectMany) items.push({ key: NOTHING, label: `$(info) ${options.emptyMessage}`, alwaysShow: true } as unknown as T);
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
      picker.onDidChangeSelection((items) => {
        if (filling || !picker.canSelectMany) return;
        selected.clear();
        for (const item of items) selected.add(item.key);
      }),
      picker.onDidAccept(() => {
        const chosen = picker.canSelectMany ? picker.selectedItems : picker.activeItems.slice(0, 1);
        if (!picker.canSelectMany && (chosen.length === 0 || chosen[0].key === NOTHING)) return;
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

