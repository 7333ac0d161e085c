import * as vscode from 'vscode';
import { CallbellError, type Contact, type Team } from './api';
import type { CallbellAccount } from './account';
import { type ContactFilter, NO_FILTER, isFiltered, parseStoredFilter, parseStoredTeamName, serverQuery } from './contacts/filter';
import { createCollator } from './contacts/grouping';
import { ContactsModel } from './contacts/model';
import { logText } from './contacts/display';
import { ContactStore, type LoadProgress } from './contacts/store';
import { Owner, toDisposable } from './lifecycle';
import { VIEW_ID } from './names';
import type { ContactsCache } from './cache';
import { settings } from './settings';

const FILTER_STATE_KEY = 'callbell.filter';

/**
 * Loads contacts for the account into the store: progress in the view, the filter persisted per
 * workspace, a failure logged once. The store and the model built on it stay free of VS Code.
 */
export class ContactsController extends Owner {
  readonly store: ContactStore;
  readonly model: ContactsModel;
  private lastLoggedError: unknown;
  /** The warm start in progress: the first load waits for it, so cached contacts show before pages arrive. */
  private warming: Promise<void> = Promise.resolve();
  private running: Promise<void> | undefined;
  /** The session of the key the filters were set under. */
  private lastSession: string | undefined;
  /** Team names by uuid, from the last team listing and the stored filter: the view names the team. */
  private readonly teamNames = new Map<string, string>();

  constructor(
    private readonly account: CallbellAccount,
    private readonly workspaceState: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
    private readonly cache: ContactsCache | undefined,
  ) {
    super();
    this.store = new ContactStore((filter, options) => this.loadContacts(filter, options), parseStoredFilter(workspaceState.get(FILTER_STATE_KEY)));
    this.model = new ContactsModel(this.store, createCollator(vscode.env.language));
    this.model.setSortBy(settings.sortBy());
    const storedTeam = parseStoredTeamName(workspaceState.get(FILTER_STATE_KEY));
    if (this.store.filter.teamUuid !== undefined && storedTeam !== undefined) this.teamNames.set(this.store.filter.teamUuid, storedTeam);
    this.register(vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('callbell.sortBy')) this.model.setSortBy(settings.sortBy());
    }));
    this.register(toDisposable(() => this.store.clear()));
    this.register(vscode.workspace.onDidChangeConfiguration((event) => {
      // Turning the cache off deletes it.
      if (event.affectsConfiguration('callbell.cacheContacts') && !settings.cacheContacts()) void this.cache?.deleteAll();
    }));
    this.register(
      account.onDidChange((change) => {
        if (change === 'status' || change === 'user') return;
        // Sign-out, or a key of another account: its filters (tags, a team) mean nothing for the next one.
        const session = account.sessionId;
        if (change === 'key' && this.lastSession !== undefined && session !== this.lastSession) this.forgetFilters();
        if (change === 'key') this.lastSession = session;
        const wasLoaded = this.store.hasLoaded || this.store.isLoading;
        if (!account.isSignedIn) {
          this.store.clear();
          // Sign-out forgets every account's cached contacts and the cache's key.
          void this.cache?.deleteAll();
        } else if (!account.isRejected && wasLoaded) {
          // A new key or new connection settings: what is shown may belong to another account.
          this.store.clear();
          void this.refresh();
        }
      }),
    );
  }

  /** Loads again from Callbell, with progress in the Contacts view. Resolves when the load ends, whatever its outcome. */
  refresh(): Promise<void> {
    if (!this.account.isSignedIn) return Promise.resolve();
    const running = Promise.resolve(vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => this.store.refresh()));
    this.running = running;
    void running.finally(() => {
      if (this.running === running) this.running = undefined;
      // Cached contacts of a key Callbell now rejects are not shown: the view asks for a new key.
      if (this.account.isRejected && this.store.cachedAt !== undefined) this.store.clear();
    });
    return running;
  }

  /** Loads once if nothing is loaded yet (or only cached contacts are shown); used by the view's first display and by search. */
  async ensureLoaded(): Promise<void> {
    await this.warming;
    // The view and a search may both ask at once: one load serves them.
    if (this.running) return this.running;
    const current = this.store.hasLoaded && this.store.cachedAt === undefined;
    // A rejected key is not tried again by itself: the user sets a new one or refreshes.
    if (current || this.store.isLoading || !this.account.isSignedIn || this.account.isRejected) return this.whenIdle();
    return this.refresh();
  }

  /**
   * Applies a filter: at once from the loaded contacts when they hold every contact it can match (no
   * request, no progress), otherwise from Callbell. The log says which. `teamName` names a new team.
   */
  async setFilter(filter: ContactFilter, teamName?: string): Promise<void> {
    if (filter.teamUuid !== undefined && teamName !== undefined) this.teamNames.set(filter.teamUuid, teamName);
    const stored = isFiltered(filter) ? { ...filter, teamName: this.teamName(filter.teamUuid) } : undefined;
    await this.workspaceState.update(FILTER_STATE_KEY, stored);
    const plan = this.store.planFilter(filter);
    if (plan.local) {
      this.log.info(`Filter applied locally to the ${plan.listing.contacts.length} loaded contacts; no request`);
      await this.store.setFilter(filter);
      return;
    }
    const why = { nothingLoaded: 'nothing is loaded yet', incomplete: 'the loaded listing is incomplete (pagination limit)', narrower: 'the loaded listing is narrower than the filter' }[plan.reason];
    this.log.info(`Filter sent to Callbell: ${why}`);
    await vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => this.store.setFilter(filter));
  }

  /** Every filter off, without loading: for an account that is not the one they were set for. */
  private forgetFilters(): void {
    this.teamNames.clear();
    void this.workspaceState.update(FILTER_STATE_KEY, undefined);
    this.model.setTextFilter('');
    this.store.forgetFilter();
  }

  /** Every filter off, the text filter too. */
  async clearFilters(): Promise<void> {
    this.model.setTextFilter('');
    await this.setFilter(NO_FILTER);
  }

  /** The name of a team seen in a team listing or stored with the filter. */
  teamName(uuid: string | undefined): string | undefined {
    return uuid === undefined ? undefined : this.teamNames.get(uuid);
  }

  /** The account's teams from Callbell (one request per page of teams). */
  async listTeams(signal?: AbortSignal): Promise<Team[]> {
    const client = this.account.client();
    if (!client) return [];
    const teams = await client.listTeams(signal);
    for (const team of teams) if (team.name !== '') this.teamNames.set(team.uuid, team.name);
    return teams;
  }

  /**
   * Shows the contacts cached by an earlier session for this key and filter, before any request,
   * then refreshes them in the background. Nothing cached, or a cache that cannot be read: a cold start.
   */
  warmStart(): Promise<void> {
    this.warming = this.showCached().catch((error: unknown) => this.log.warn(`The contacts cache could not be read: ${error instanceof Error ? error.message : String(error)}`));
    return this.warming.then(() => (this.store.cachedAt !== undefined ? this.ensureLoaded() : undefined));
  }

  private async showCached(): Promise<void> {
    const apiKey = this.account.keyForCache();
    if (!this.cache || !settings.cacheContacts() || apiKey === undefined || this.account.isRejected) return;
    const started = Date.now();
    // The cache holds what the server was asked for; local parts of the filter apply on top.
    const query = serverQuery(this.store.filter);
    const cached = await this.cache.read(apiKey, query);
    if (!cached || this.account.keyForCache() !== apiKey) return;
    this.store.showCached(cached.contacts, query, cached.savedAt);
    if (this.store.cachedAt !== undefined) this.log.info(`Showing ${cached.contacts.length} cached contacts (read in ${Date.now() - started} ms)`);
  }

  /** Only complete loads are cached: a cut-off listing would later pass for the whole account. */
  private save(filter: ContactFilter, contacts: readonly Contact[]): void {
    const apiKey = this.account.keyForCache();
    if (!this.cache || !settings.cacheContacts() || apiKey === undefined) return;
    void this.cache.write(apiKey, filter, contacts).then((result) => {
      if (!result.written && result.reason !== 'cancelled') this.log.info(`The contacts were not cached (${result.reason})`);
    });
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
    options: { signal: AbortSignal; onPage: (contacts: readonly Contact[], progress?: LoadProgress) => void },
  ): Promise<readonly Contact[]> {
    const started = Date.now();
    try {
      // Inside the try: a key kept for another server than the setting names fails the load, logged like any other.
      const client = this.account.client();
      if (!client) return [];
      const contacts = await client.listContacts(filter, { signal: options.signal, onPage: (page, progress) => options.onPage(page, progress) });
      this.log.info(`Loaded ${contacts.length} contacts in ${Date.now() - started} ms`);
      this.account.markAccepted();
      this.save(filter, contacts);
      this.lastLoggedError = undefined;
      return contacts;
    } catch (error) {
      if (error instanceof CallbellError && error.kind === 'aborted') throw error;
      if (error instanceof CallbellError && error.kind === 'unauthorized') this.account.markRejected();
      // One line per distinct failure, not one per auto-refresh tick.
      const message = error instanceof Error ? error.message : String(error);
      if (message !== this.lastLoggedError) this.log.error(`Loading contacts failed after ${Date.now() - started} ms: ${logText(message)}`);
      this.lastLoggedError = message;
      throw error;
    }
  }
}
