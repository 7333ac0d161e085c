import * as vscode from 'vscode';
import { CallbellError } from '../api';
import type { CallbellAccount } from '../account';
import type { ContactStore } from '../contacts/store';
import { KeyOriginError, describeError } from '../errors';
import { CONTEXT_KEYS, type ContextKey } from '../names';
import { settings } from '../settings';
import { type Narrowing, formatAge, isNarrowed, loadingLine, statusLine } from './statusLine';

/** What the welcome content and menus key on (`callbell.state` in package.json). */
export type ViewState = 'signedOut' | 'tokenRejected' | 'failed' | 'loading' | 'empty' | 'ready';

/** Why the first load failed, as the welcome content words it (`callbell.failure` in package.json). */
export type FailureKind = 'keyOrigin' | 'baseUrl' | 'network' | 'proxy' | 'certificate' | 'timeout' | 'rateLimited' | 'server' | 'forbidden' | 'response' | 'other';

export function setContext(key: ContextKey, value: unknown): Thenable<unknown> {
  return vscode.commands.executeCommand('setContext', key, value);
}

/** What the presenter reads besides the account and the store; each is asked again on every update. */
export interface ViewInputs {
  /** What narrows the view and the counts. */
  readonly narrowing: () => Narrowing;
  /** Whose contacts these are (the account's name or e-mail), first in the status line; undefined leaves it out. */
  readonly accountLabel: () => string | undefined;
}

/**
 * Derives the view's state from the account and the store in one place, and shows it where the user
 * looks: context keys for welcome content and menus (set only when they change), and the message.
 * VS Code hides welcome content while a message is set, so each state has one or the other: the
 * states without contacts to show (signed out, key rejected, failed, nothing or nothing matching)
 * have welcome content with buttons and no message; the others a message, the current activity
 * first (loading), then a failure, then the status line.
 */
export class ViewStatePresenter {
  private lastContext: string | undefined;

  constructor(
    private readonly account: CallbellAccount,
    private readonly store: ContactStore,
    private readonly treeView: vscode.TreeView<unknown>,
    private readonly inputs: ViewInputs,
  ) {}

  state(): ViewState {
    const { store } = this;
    if (!this.account.isSignedIn) return 'signedOut';
    const nothing = store.contacts.length === 0;
    if (this.account.isRejected && nothing) return 'tokenRejected';
    if (nothing && !store.isLoading && isFailure(store.error)) return 'failed';
    if (!store.hasLoaded) return 'loading';
    // Nothing loaded, or nothing left by the filter or the text filter (a listing cut short counts as loaded).
    if (!store.isLoading && (!isFailure(store.error) || isCutShort(store.error)) && this.inputs.narrowing().shown === 0) return 'empty';
    return 'ready';
  }

  update(): void {
    const state = this.state();
    const narrowed = isNarrowed(this.inputs.narrowing());
    const failure = state === 'failed' ? failureKind(this.store.error, this.account.baseUrlProblem() !== undefined) : '';
    // Filter, search, refresh and export work on contacts shown or on a key that may load them: not on
    // a key kept for another server, nor with a base URL that cannot be used.
    const available = state !== 'signedOut' && state !== 'tokenRejected' && failure !== 'keyOrigin' && failure !== 'baseUrl';
    const context = `${state}|${narrowed}|${this.account.isSignedIn}|${failure}|${available}`;
    if (context !== this.lastContext) {
      this.lastContext = context;
      void setContext(CONTEXT_KEYS.state, state);
      void setContext(CONTEXT_KEYS.signedIn, this.account.isSignedIn);
      void setContext(CONTEXT_KEYS.filtered, narrowed);
      void setContext(CONTEXT_KEYS.failure, failure);
      void setContext(CONTEXT_KEYS.contactsAvailable, available);
    }
    this.treeView.message = this.message(state);
  }

  /** The message for the state, or undefined where welcome content explains it. */
  message(state: ViewState = this.state()): string | undefined {
    if (state === 'signedOut' || state === 'tokenRejected' || state === 'failed' || state === 'empty') return undefined;
    if (this.account.baseUrlProblem() !== undefined) {
      return vscode.l10n.t('The setting “callbell.apiBaseUrl” must be an https:// URL (http:// only for this computer, such as a local test server).');
    }
    const { store } = this;
    // Cached contacts say how old they are until a load replaces them.
    const age = store.cachedAt === undefined ? undefined : formatAge(store.cachedAt, Date.now());
    // What is happening now comes first: an error from before is stale while a new load runs.
    if (state === 'loading' && !store.isLoading) return undefined;
    if (store.isLoading) return age !== undefined ? vscode.l10n.t('Contacts from {0}; refreshing…', age) : loadingLine(store.loadedSoFar ?? 0, store.expectedCount);
    if (isFailure(store.error) && !isCutShort(store.error)) {
      return age !== undefined ? vscode.l10n.t('Contacts from {0} could not be refreshed: {1}', age, describeError(store.error)) : describeError(store.error);
    }
    if (age !== undefined) return vscode.l10n.t('Contacts from {0}', age);
    // Loaded, or cut at Callbell's limit: the status line says how many (“10,000 of about 12,000”).
    return statusLine({ account: this.inputs.accountLabel(), narrowing: this.inputs.narrowing(), groupBy: settings.groupBy() });
  }
}

/** A load that ended in an error worth showing; a cancelled one is not. */
function isFailure(error: unknown): boolean {
  return error !== undefined && !(error instanceof CallbellError && error.kind === 'aborted');
}

/** A listing that ended at Callbell's limit: its contacts are shown, the status line says it is partial. */
function isCutShort(error: unknown): boolean {
  return error instanceof CallbellError && error.kind === 'paginationLimit';
}

/** The welcome content's words for a failed first load, from the error's kind and reason. */
export function failureKind(error: unknown, baseUrlProblem: boolean): FailureKind {
  if (baseUrlProblem) return 'baseUrl';
  if (error instanceof KeyOriginError) return 'keyOrigin';
  if (!(error instanceof CallbellError)) return 'other';
  switch (error.kind) {
    case 'network':
      if (error.reason === 'proxy' || error.reason === 'proxyUnreachable' || error.reason === 'proxyInvalid') return 'proxy';
      return error.reason === 'certificate' ? 'certificate' : 'network';
    case 'timeout':
    case 'rateLimited':
    case 'server':
    case 'forbidden':
      return error.kind;
    case 'invalidResponse':
      return 'response';
    default:
      return 'other';
  }
}
