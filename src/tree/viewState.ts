import * as vscode from 'vscode';
import { CallbellError } from '../api';
import type { CallbellAccount } from '../account';
import { plainText, sourceLabel } from '../contacts/display';
import { isFiltered } from '../contacts/filter';
import type { GroupBy } from '../contacts/grouping';
import type { ContactStore } from '../contacts/store';
import { describeError } from '../errors';
import { CONTEXT_KEYS, type ContextKey } from '../names';
import { settings } from '../settings';

/** What the welcome content and menus key on (`callbell.state` in package.json). */
export type ViewState = 'signedOut' | 'tokenRejected' | 'failed' | 'loading' | 'empty' | 'ready';

export function setContext(key: ContextKey, value: unknown): Thenable<unknown> {
  return vscode.commands.executeCommand('setContext', key, value);
}

/**
 * Derives the view's state from the account and the store in one place, and shows it where the user
 * looks: context keys for welcome content and menus (set only when they change), the description
 * and the message.
 */
export class ViewStatePresenter {
  private lastContext: string | undefined;

  constructor(
    private readonly account: CallbellAccount,
    private readonly store: ContactStore,
    private readonly treeView: vscode.TreeView<unknown>,
  ) {}

  state(): ViewState {
    const { store } = this;
    if (!this.account.isSignedIn) return 'signedOut';
    if (this.account.isRejected && store.contacts.length === 0) return 'tokenRejected';
    if (store.contacts.length === 0 && !store.isLoading && isFailure(store.error)) return 'failed';
    if (!store.hasLoaded) return 'loading';
    if (store.contacts.length === 0 && !store.isLoading && store.error === undefined) return 'empty';
    return 'ready';
  }

  update(): void {
    const state = this.state();
    const filtered = isFiltered(this.store.filter);
    const context = `${state}|${filtered}|${this.account.isSignedIn}`;
    if (context !== this.lastContext) {
      this.lastContext = context;
      void setContext(CONTEXT_KEYS.state, state);
      void setContext(CONTEXT_KEYS.signedIn, this.account.isSignedIn);
      void setContext(CONTEXT_KEYS.filtered, filtered);
    }
    this.treeView.description = this.account.isSignedIn ? this.describeView(settings.groupBy()) : undefined;
    this.treeView.message = this.message(state);
  }

  private message(state: ViewState): string | undefined {
    if (!this.account.isSignedIn) return undefined;
    if (this.account.baseUrlProblem() !== undefined) {
      return vscode.l10n.t('The setting “callbell.apiBaseUrl” must be an https:// URL (http:// only for this computer, such as a local test server).');
    }
    const { store } = this;
    // Cached contacts say how old they are until a load replaces them.
    if (store.cachedAt !== undefined) {
      const age = formatAge(store.cachedAt, Date.now());
      if (isFailure(store.error)) return vscode.l10n.t('Contacts from {0} could not be refreshed: {1}', age, describeError(store.error));
      return store.isLoading ? vscode.l10n.t('Contacts from {0}; refreshing…', age) : vscode.l10n.t('Contacts from {0}', age);
    }
    // With nothing to show, the welcome content explains a rejected key with a button instead.
    if (isFailure(store.error) && state !== 'tokenRejected') return describeError(store.error);
    const loaded = store.loadedSoFar;
    if (loaded !== undefined && loaded > 0) return vscode.l10n.t('Loading contacts… {0} so far', loaded.toLocaleString(vscode.env.language));
    // The description is hidden while the view is the only one in its container: the filter must show somewhere.
    if (isFiltered(store.filter)) return this.describeFilter();
    return undefined;
  }

  private describeFilter(): string {
    const { filter } = this.store;
    const parts = [...(filter.source !== undefined ? [sourceLabel(filter.source)] : []), ...(filter.tags ?? [])];
    return vscode.l10n.t('Filtered: {0}', plainText(parts.join(', '), 80));
  }

  private describeView(groupBy: GroupBy): string {
    const grouping = {
      tag: vscode.l10n.t('by tag'),
      source: vscode.l10n.t('by source'),
      assignedUser: vscode.l10n.t('by assigned user'),
      none: '',
    }[groupBy];
    if (!isFiltered(this.store.filter)) return grouping;
    const description = this.describeFilter();
    return grouping === '' ? description : `${description} · ${grouping}`;
  }
}

/** A load that ended in an error worth showing; a cancelled one is not. */
function isFailure(error: unknown): boolean {
  return error !== undefined && !(error instanceof CallbellError && error.kind === 'aborted');
}

/** "12 minutes ago", "3 hours ago", "yesterday", in the user's language. */
export function formatAge(then: number, now: number): string {
  const seconds = Math.round((then - now) / 1000);
  const format = new Intl.RelativeTimeFormat(vscode.env.language, { numeric: 'auto' });
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [['second', 60], ['minute', 60], ['hour', 24], ['day', Infinity]];
  let value = seconds;
  for (const [unit, size] of steps) {
    if (Math.abs(value) < size) return format.format(value, unit);
    value = Math.round(value / size);
  }
  return format.format(value, 'day');
}
