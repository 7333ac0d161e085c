import * as vscode from 'vscode';
import { CallbellError } from '../api';
import type { CallbellAccount } from '../account';
import { plainText, sourceLabel } from '../contacts/display';
import { type ContactFilter, isFiltered, tagMatchOf } from '../contacts/filter';
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
    private readonly narrowing: () => Narrowing,
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
    const filtered = this.isNarrowed();
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
    if (this.isNarrowed()) return this.describeFilter(true);
    return undefined;
  }

  // The filter as the user reads it: each part, then (in the message) the count. ----------------------

  /** A filter or a text filter narrows what the view shows. */
  private isNarrowed(): boolean {
    const { filter, text } = this.narrowing();
    return isFiltered(filter) || text.trim() !== '';
  }

  /** “Instagram · tags: Lead AND urgente · 4 of 300 contacts”, or “12 of 3,041 contacts match “maria””. */
  private describeFilter(withCount: boolean): string {
    const narrowing = this.narrowing();
    const parts = filterParts(narrowing.filter, narrowing.teamName);
    const text = plainText(narrowing.text, 40);
    if (withCount) parts.push(countPart(narrowing.shown, narrowing.total, text));
    else if (text !== '') parts.push(`“${text}”`);
    return parts.join(' · ');
  }

  private describeView(groupBy: GroupBy): string {
    const grouping = {
      tag: vscode.l10n.t('by tag'),
      source: vscode.l10n.t('by source'),
      assignedUser: vscode.l10n.t('by assigned user'),
      none: '',
    }[groupBy];
    if (!this.isNarrowed()) return grouping;
    const description = this.describeFilter(false);
    return grouping === '' ? description : `${description} · ${grouping}`;
  }
}

/** What narrows the view, for its description and message: the filter, the team's name, the text and the count. */
export interface Narrowing {
  readonly filter: ContactFilter;
  readonly teamName: string | undefined;
  readonly text: string;
  /** Contacts the view shows, out of `total`. */
  readonly shown: number;
  readonly total: number;
}

/** Each part of a filter, data made plain: source, tags (with how they combine), team, assignee. */
export function filterParts(filter: ContactFilter, teamName: string | undefined): string[] {
  const parts: string[] = [];
  if (filter.source !== undefined) parts.push(plainText(sourceLabel(filter.source), 40));
  const tags = (filter.tags ?? []).map((tag) => plainText(tag, 40)).filter((tag) => tag !== '');
  if (tags.length > 0) {
    const joiner = tagMatchOf(filter) === 'any' ? vscode.l10n.t('OR') : vscode.l10n.t('AND');
    parts.push(vscode.l10n.t('tags: {0}', tags.join(` ${joiner} `)));
  }
  if (filter.teamUuid !== undefined) parts.push(vscode.l10n.t('team: {0}', plainText(teamName ?? filter.teamUuid.slice(0, 8), 40)));
  if (filter.assignedUser !== undefined) parts.push(vscode.l10n.t('assigned to: {0}', plainText(filter.assignedUser, 40)));
  return parts;
}

function countPart(shown: number, total: number, text: string): string {
  const [count, of] = [shown, total].map((value) => value.toLocaleString(vscode.env.language));
  if (text === '') return total === 1 ? vscode.l10n.t('{0} of 1 contact', count) : vscode.l10n.t('{0} of {1} contacts', count, of);
  return total === 1 ? vscode.l10n.t('{0} of 1 contact matches “{1}”', count, text) : vscode.l10n.t('{0} of {1} contacts match “{2}”', count, of, text);
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
