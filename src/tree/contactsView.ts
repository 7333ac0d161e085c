import * as vscode from 'vscode';
import { CallbellError } from '../api';
import type { CallbellAccount } from '../account';
import { CONTACTS_VIEW_ID, type ContactsController } from '../contactsController';
import { plainText, sourceLabel } from '../contacts/display';
import { isFiltered } from '../contacts/filter';
import type { GroupBy } from '../contacts/grouping';
import { describeError } from '../errors';
import { AvatarCache } from '../avatars/avatarCache';
import { AutoRefresh } from '../contacts/autoRefresh';
import { settings } from '../settings';
import { ContactsTreeProvider } from './contactsTreeProvider';
import type { ContactsNode } from './nodes';

/** What the welcome content and menus key on (`callbell.state` in package.json). */
export type ViewState = 'signedOut' | 'tokenRejected' | 'failed' | 'loading' | 'empty' | 'ready';

/**
 * The Contacts view: the tree, and the state around it that the user reads at a glance: filter and
 * grouping in the description, failures in the message, welcome content through context keys, and
 * auto-refresh while the view is visible.
 */
export class ContactsView implements vscode.Disposable {
  readonly provider: ContactsTreeProvider;
  readonly treeView: vscode.TreeView<ContactsNode>;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly autoRefresh: AutoRefresh;
  private lastState: string | undefined;

  constructor(
    private readonly account: CallbellAccount,
    private readonly controller: ContactsController,
    avatarDirectory: string | undefined,
  ) {
    let repaintTimer: ReturnType<typeof setTimeout> | undefined;
    const avatars = avatarDirectory
      ? new AvatarCache(avatarDirectory, () => {
          // Avatars arrive one by one; one redraw for a burst of them.
          repaintTimer ??= setTimeout(() => {
            repaintTimer = undefined;
            this.provider.repaint();
          }, 250);
        })
      : undefined;
    this.disposables.push({ dispose: () => (avatars?.dispose(), clearTimeout(repaintTimer)) });
    this.autoRefresh = new AutoRefresh(
      () => void controller.refresh(),
      () => controller.store.isLoading || !account.isSignedIn || account.isRejected,
    );
    this.provider = new ContactsTreeProvider(controller.store, {
      groupBy: () => settings.groupBy(),
      showAvatars: () => settings.showAvatars(),
      avatarFile: (url) => avatars?.lookup(url),
      onNeedContacts: () => queueMicrotask(() => void controller.ensureLoaded()),
    });
    this.treeView = vscode.window.createTreeView(CONTACTS_VIEW_ID, {
      treeDataProvider: this.provider,
      canSelectMany: true,
      showCollapseAll: true,
    });
    this.disposables.push(
      this.provider,
      this.treeView,
      controller.store.onDidChange(() => this.updateState()),
      account.onDidChange((change) => {
        if (change !== 'status') this.provider.refresh();
        if (!account.isSignedIn) void avatars?.clear();
        this.updateState();
      }),
      this.treeView.onDidChangeVisibility(() => this.scheduleAutoRefresh()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('callbell.groupBy') || event.affectsConfiguration('callbell.showAvatars')) {
          this.provider.refresh();
          this.updateState();
        }
        if (event.affectsConfiguration('callbell.autoRefreshMinutes')) this.scheduleAutoRefresh();
      }),
      this.autoRefresh,
    );
    // No state until the account has read its key: the signed-out welcome would flash for a signed-in user.
    this.scheduleAutoRefresh();
  }

  /** The state shown by welcome content, derived from the account and the store on every change. */
  get state(): ViewState {
    const { store } = this.controller;
    if (!this.account.isSignedIn) return 'signedOut';
    if (this.account.isRejected && store.contacts.length === 0) return 'tokenRejected';
    if (store.contacts.length === 0 && !store.isLoading && isFailure(store.error)) return 'failed';
    if (!store.hasLoaded) return 'loading';
    if (store.contacts.length === 0 && !store.isLoading && store.error === undefined) return 'empty';
    return 'ready';
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private updateState(): void {
    const { store } = this.controller;
    const state = this.state;
    const filtered = isFiltered(store.filter);
    const key = `${state}|${filtered}`;
    if (key !== this.lastState) {
      this.lastState = key;
      void vscode.commands.executeCommand('setContext', 'callbell.state', state);
      void vscode.commands.executeCommand('setContext', 'callbell.signedIn', this.account.isSignedIn);
      void vscode.commands.executeCommand('setContext', 'callbell.filtered', filtered);
    }
    this.treeView.description = this.account.isSignedIn ? this.describeView(settings.groupBy()) : undefined;
    this.treeView.message = this.message();
  }

  private message(): string | undefined {
    if (!this.account.isSignedIn) return undefined;
    if (this.account.baseUrlProblem() !== undefined) {
      return vscode.l10n.t('The setting “callbell.apiBaseUrl” must be an https:// URL (http:// only for this computer, such as a local test server).');
    }
    const { store } = this.controller;
    // With nothing to show, the welcome content explains a rejected key with a button instead.
    if (isFailure(store.error) && this.state !== 'tokenRejected') return describeError(store.error);
    const loaded = store.loadedSoFar;
    if (loaded !== undefined && loaded > 0) return vscode.l10n.t('Loading contacts… {0} so far', loaded.toLocaleString(vscode.env.language));
    // The description is hidden while the view is the only one in its container: the filter must show somewhere.
    if (isFiltered(store.filter)) return this.describeFilter();
    return undefined;
  }

  private describeFilter(): string {
    const { filter } = this.controller.store;
    const parts = [...(filter.source !== undefined ? [sourceLabel(filter.source)] : []), ...filter.tags];
    return vscode.l10n.t('Filtered: {0}', plainText(parts.join(', '), 80));
  }

  private describeView(groupBy: GroupBy): string {
    const { filter } = this.controller.store;
    const grouping = {
      tag: vscode.l10n.t('by tag'),
      source: vscode.l10n.t('by source'),
      assignedUser: vscode.l10n.t('by assigned user'),
      none: '',
    }[groupBy];
    if (!isFiltered(filter)) return grouping;
    const description = this.describeFilter();
    return grouping === '' ? description : `${description} · ${grouping}`;
  }

  /** Every N minutes while the view is visible: each refresh costs API requests. */
  private scheduleAutoRefresh(): void {
    this.autoRefresh.update(settings.autoRefreshMinutes(), this.treeView.visible);
  }

  /** For the host tests: the auto-refresh period in effect, 0 when off. */
  get autoRefreshIntervalMs(): number {
    return this.autoRefresh.intervalMs;
  }
}

/** A load that ended in an error worth showing; a cancelled one is not. */
function isFailure(error: unknown): boolean {
  return error !== undefined && !(error instanceof CallbellError && error.kind === 'aborted');
}
