import * as vscode from 'vscode';
import { CallbellClient, createDispatcher, validateBaseUrl, type Dispatcher } from './api';
import { Owner, toDisposable } from './lifecycle';
import { logText } from './contacts/display';
import { affectsConnection, settings } from './settings';

const SECRET_KEY = 'callbell.apiKey';

/** What changed: the key itself, the way to reach the server, or only what the server thinks of the key. */
export type AccountChange = 'key' | 'connection' | 'status';

/**
 * The API key and the client built from it. The key lives in SecretStorage only; this class holds it
 * in memory for building clients and hands it to nothing else.
 */
export class CallbellAccount extends Owner {
  private token: string | undefined;
  private cachedClient: CallbellClient | undefined;
  private cachedDispatcher: Dispatcher | undefined;
  private keyRejected = false;
  private readonly changed = this.register(new vscode.EventEmitter<AccountChange>());

  /** Fires when the key is set or removed, the connection settings change, or the server rejects or accepts the key. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    // Another window of the same profile may set or remove the key.
    this.register(secrets.onDidChange(async (event) => {
      if (event.key !== SECRET_KEY) return;
      const token = await this.readToken();
      if (token !== this.token) this.useToken(token);
    }));
    this.register(vscode.workspace.onDidChangeConfiguration((event) => {
      if (!affectsConnection(event)) return;
      // Another server or proxy may well accept the key: ask again.
      this.keyRejected = false;
      this.dropClient();
      this.changed.fire('connection');
    }));
    this.register(toDisposable(() => this.dropClient()));
  }

  async initialize(): Promise<void> {
    this.useToken(await this.readToken());
  }

  get isSignedIn(): boolean {
    return this.token !== undefined;
  }

  /**
   * For the contacts cache only, which names each account's file by an HMAC of the key under its
   * own secret key, so the file name cannot be linked to the key.
   */
  keyForCache(): string | undefined {
    return this.token;
  }

  /** True once the server answered 401 to the stored key, until a new key is set. */
  get isRejected(): boolean {
    return this.keyRejected;
  }

  /** Why the API base URL setting cannot be used, or undefined when it is fine. */
  baseUrlProblem(): string | undefined {
    return validateBaseUrl(settings.apiBaseUrl());
  }

  /** The client for the stored key, or undefined when signed out. Throws when the base URL is unusable. */
  client(): CallbellClient | undefined {
    if (this.token === undefined) return undefined;
    this.cachedClient ??= this.createClient(this.token);
    return this.cachedClient;
  }

  /** The connection shared by every request, built for the current proxy settings. */
  dispatcher(): Dispatcher {
    this.cachedDispatcher ??= createDispatcher({ proxy: settings.proxy() });
    return this.cachedDispatcher;
  }

  /** Checks a key against `GET /auth/me` and stores it only when the server accepts it. */
  async signIn(token: string, signal?: AbortSignal): Promise<{ email: string; name: string }> {
    const client = this.createClient(token);
    const user = await client.whoAmI(signal);
    await this.secrets.store(SECRET_KEY, token);
    this.useToken(token);
    this.log.info(`Signed in as ${logText(user.email)}`);
    return user;
  }

  async signOut(): Promise<void> {
    await this.secrets.delete(SECRET_KEY);
    this.useToken(undefined);
    this.log.info('Signed out; the API key was removed from secret storage');
  }

  /** A request with the key succeeded: a rejection seen earlier (a server hiccup, an old proxy) is over. */
  markAccepted(): void {
    if (!this.keyRejected) return;
    this.keyRejected = false;
    this.changed.fire('status');
  }

  markRejected(): void {
    if (this.keyRejected) return;
    this.keyRejected = true;
    this.changed.fire('status');
  }

  /** A keyring that fails (a locked or broken one on Linux) reads as no key, and says so in the log. */
  private async readToken(): Promise<string | undefined> {
    try {
      return await this.secrets.get(SECRET_KEY);
    } catch (error) {
      this.log.error(`Reading the API key from secret storage failed: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  private useToken(token: string | undefined): void {
    this.token = token;
    this.keyRejected = false;
    this.dropClient();
    this.changed.fire('key');
  }

  private createClient(token: string): CallbellClient {
    const baseUrl = settings.apiBaseUrl();
    const problem = validateBaseUrl(baseUrl);
    if (problem !== undefined) throw new Error(problem);
    return new CallbellClient({
      baseUrl,
      token,
      dispatcher: this.dispatcher(),
      onRequest: (event) => this.log.debug(`${event.method} ${event.path} → ${event.status ?? event.error ?? '…'} in ${event.durationMs} ms (attempt ${event.attempt})`),
      onWarning: (message) => this.log.warn(logText(message)),
    });
  }

  private dropClient(): void {
    this.cachedClient = undefined;
    const dispatcher = this.cachedDispatcher;
    this.cachedDispatcher = undefined;
    void dispatcher?.close().catch(() => undefined);
  }
}
