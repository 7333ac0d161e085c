import * as vscode from 'vscode';
import { CallbellError, type Contact } from './api';
import type { CallbellAccount } from './account';
import { type ContactFilter, isFiltered, parseStoredFilter } from './contacts/filter';
import { logText } from './contacts/display';
import { ContactStore } from './contacts/store';
import { describeError } from './errors';

const FILTER_STATE_KEY = 'callbell.filter';
export const CONTACTS_VIEW_ID = 'callbell.contacts';

/**
 * Loads contacts for the account into the store: progress in the view, the filter persisted per
 * workspace, a rejected key reported once. The store itself stays free of VS Code.
 */
export class ContactsController implements vscode.Disposable {
  readonly store: ContactStore;
  private readonly disposables: vscode.Disposable[] = [];
  private lastLoggedError: unknown;

  constructor(
    private readonly account: CallbellAccount,
    private readonly workspaceState: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.store = new ContactStore((filter, options) => this.loadContacts(filter, options), parseStoredFilter(workspaceState.get(FILTER_STATE_KEY)));
    this.disposables.push(
      account.onDidChange((change) => {
        if (change === 'status') return;
        const wasLoaded = this.store.hasLoaded || this.store.isLoading;
        if (!account.isSignedIn) {
          this.store.clear();
        } else if (!account.isRejected && wasLoaded) {
          // A new key or new connection settings: what is shown may belong to another account.
          this.store.clear();
          void this.refresh();
        }
      }),
    );
  }

  /** Reloads with progress shown in the Contacts view. Resolves when the load ends, whatever its outcome. */
  refresh(): Promise<void> {
    if (!this.account.isSignedIn) return Promise.resolve();
    return Promise.resolve(vscode.window.withProgress({ location: { viewId: CONTACTS_VIEW_ID } }, () => this.store.refresh()));
  }

  /** Loads once if nothing is loaded yet; used by the view's first display and by search. */
  ensureLoaded(): Promise<void> {
    // A rejected key is not tried again by itself: the user sets a new one or refreshes.
    if (this.store.hasLoaded || this.store.isLoading || !this.account.isSignedIn || this.account.isRejected) return this.whenIdle();
    return this.refresh();
  }

  async setFilter(filter: ContactFilter): Promise<void> {
    await this.workspaceState.update(FILTER_STATE_KEY, isFiltered(filter) ? filter : undefined);
    await vscode.window.withProgress({ location: { viewId: CONTACTS_VIEW_ID } }, () => this.store.setFilter(filter));
  }

  dispose(): void {
    this.store.clear();
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private whenIdle(): Promise<void> {
    if (!this.store.isLoading) return Promise.resolve();
    return new Promise((resolve) => {
      const subscription = this.store.onDidChange(() => {
        if (this.store.isLoading) return;
        subscription.dispose();
        resolve();
      });
    });
  }

  private async loadContacts(
    filter: ContactFilter,
    options: { signal: AbortSignal; onPage: (contacts: readonly Contact[]) => void },
  ): Promise<readonly Contact[]> {
    const client = this.account.client();
    if (!client) return [];
    const started = Date.now();
    try {
      const contacts = await client.listContacts(
        { source: filter.source, tags: filter.tags.length > 0 ? [...filter.tags] : undefined },
        { signal: options.signal, onPage: (page) => options.onPage(page) },
      );
      this.log.info(`Loaded ${contacts.length} contacts in ${Date.now() - started} ms`);
      this.account.markAccepted();
      this.lastLoggedError = undefined;
      return contacts;
    } catch (error) {
      if (error instanceof CallbellError && error.kind === 'aborted') throw error;
      if (error instanceof CallbellError && error.kind === 'unauthorized') this.account.markRejected();
      // One line per distinct failure, not one per auto-refresh tick.
      const message = describeError(error);
      if (message !== this.lastLoggedError) this.log.error(`Loading contacts failed after ${Date.now() - started} ms: ${logText(message)}`);
      this.lastLoggedError = message;
      throw error;
    }
  }
}
