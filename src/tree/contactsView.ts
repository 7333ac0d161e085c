import * as vscode from 'vscode';
import type { CallbellAccount } from '../account';
import { AvatarCache } from '../avatars/avatarCache';
import { AutoRefresh } from '../contacts/autoRefresh';
import type { ContactsController } from '../contactsController';
import { plainText } from '../contacts/display';
import type { ContactFilter } from '../contacts/filter';
import { localFieldFormat } from '../fieldFormat';
import { Owner, toDisposable } from '../lifecycle';
import { VIEW_ID } from '../names';
import { settings } from '../settings';
import { ContactsTreeProvider } from './contactsTreeProvider';
import type { ContactsNode } from './nodes';
import { ViewStatePresenter } from './viewState';

/**
 * The Contacts view: the tree, the state around it (see viewState.ts), avatars and auto-refresh
 * while the view is visible.
 */
export class ContactsView extends Owner {
  readonly provider: ContactsTreeProvider;
  readonly treeView: vscode.TreeView<ContactsNode>;
  private readonly autoRefresh: AutoRefresh;
  private readonly presenter: ViewStatePresenter;

  /** `avatarsFromLoopback`: the host tests serve avatars from this machine, which users' avatars may never come from. */
  constructor(account: CallbellAccount, controller: ContactsController, avatarDirectory: string | undefined, avatarsFromLoopback = false) {
    super();
    let repaintTimer: ReturnType<typeof setTimeout> | undefined;
    const avatars = avatarDirectory
      ? this.register(new AvatarCache(avatarDirectory, () => {
          // Avatars arrive one by one; one redraw for a burst of them.
          repaintTimer ??= setTimeout(() => {
            repaintTimer = undefined;
            this.provider.repaint();
          }, 250);
        }, { allowLoopbackForTests: avatarsFromLoopback }))
      : undefined;
    this.register(toDisposable(() => clearTimeout(repaintTimer)));
    this.autoRefresh = this.register(new AutoRefresh(
      () => void controller.refresh(),
      () => controller.store.isLoading || !account.isSignedIn || account.isRejected,
    ));
    this.provider = this.register(new ContactsTreeProvider(controller.model, {
      groupBy: () => settings.groupBy(),
      fieldFormat: localFieldFormat(),
      // Avatars are off by default: loading one tells the image host who looked at the contact.
      avatarFile: (contact) => (settings.showAvatars() && contact.avatarUrl ? avatars?.lookup(contact.avatarUrl) : undefined),
      onNeedContacts: () => queueMicrotask(() => void controller.ensureLoaded()),
    }));
    this.treeView = this.register(vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this.provider, canSelectMany: true, showCollapseAll: true }));
    const { model } = controller;
    this.presenter = new ViewStatePresenter(account, controller.store, this.treeView, {
      narrowing: () => ({
        // Tags as the group rows spell them: a filter given as "LEAD" reads as the row "Lead" does.
        filter: withTagLabels(controller.store.filter, (tag) => model.tagLabel(tag)),
        teamName: controller.teamName(controller.store.filter.teamUuid),
        text: model.textFilter,
        shown: model.contacts.length,
        total: model.totalCount,
        shownPartial: model.isPartial,
        totalPartial: model.isTotalPartial,
        estimatedTotal: controller.store.listing?.estimatedTotal,
      }),
      // Whose contacts these are: the name Callbell gave with the key (the e-mail when it has none).
      accountLabel: () => (account.user ? plainText(account.user.name, 60) || plainText(account.user.email, 60) : undefined),
    });
    // Store changes, and the text filter and the order, which never reach the store.
    this.register(model.onDidChange(() => this.presenter.update()));
    this.register(account.onDidChange((change) => {
      if (change === 'key' || change === 'connection') this.provider.rebuild();
      // 'user' changes only the status line's account.
      if (!account.isSignedIn) void avatars?.clear();
      this.presenter.update();
    }));
    this.register(this.treeView.onDidChangeVisibility(() => this.scheduleAutoRefresh()));
    this.register(vscode.workspace.onDidChangeConfiguration((event) => {
      // Pictures the user no longer wants shown are not kept on disk either.
      if (event.affectsConfiguration('callbell.showAvatars') && !settings.showAvatars()) void avatars?.clear();
      if (event.affectsConfiguration('callbell.groupBy') || event.affectsConfiguration('callbell.showAvatars')) {
        this.provider.rebuild();
        this.presenter.update();
      }
      if (event.affectsConfiguration('callbell.autoRefreshMinutes')) this.scheduleAutoRefresh();
    }));
    // No state until the account has read its key: the signed-out welcome would flash for a signed-in user.
    this.scheduleAutoRefresh();
  }

  /** The state shown by welcome content; see ViewStatePresenter. */
  get state(): ReturnType<ViewStatePresenter['state']> {
    return this.presenter.state();
  }

  /** The auto-refresh period in effect, 0 when off. */
  get autoRefreshIntervalMs(): number {
    return this.autoRefresh.intervalMs;
  }

  /** Every N minutes while the view is visible: each refresh costs API requests. */
  private scheduleAutoRefresh(): void {
    this.autoRefresh.update(settings.autoRefreshMinutes(), this.treeView.visible);
  }
}

function withTagLabels(filter: ContactFilter, label: (tag: string) => string): ContactFilter {
  return filter.tags === undefined || filter.tags.length === 0 ? filter : { ...filter, tags: filter.tags.map(label) };
}
