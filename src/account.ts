import * as vscode from 'vscode';
import { CallbellClient, createDispatcher, validateBaseUrl, type Dispatcher } from './api';
import { Owner, toDisposable } from './lifecycle';
import { logText } from './contacts/display';
import { KeyOriginError } from './errors';
import { affectsConnection, settings } from './settings';
import { type KeyUser, type StoredKey, newStoredKey, originOf, parseStoredKey, sameStoredKey, sameUser, serializeStoredKey } from './storedKey';

const SECRET_KEY = 'callbell.apiKey';

/**
 * What changed: the key itself (or the server it was checked with), the way to reach the server, only
 * what the server thinks of the key, or only the account the key is known to belong to.
 */
export type AccountChange = 'key' | 'connection' | 'status' | 'user';

/**
 * The API key and the client built from it. The key lives in SecretStorage only, with the origin it
 * was checked against and the account it belongs to; this class holds it in memory for building
 * clients and hands it to nothing else. The key goes only to the origin it was checked against: when
 * `callbell.apiBaseUrl` names another one, no client is built until a key is set for it.
 */
export class CallbellAccount extends Owner {
  private stored: StoredKey | undefined;
  private cachedClient: CallbellClient | undefined;
  private cachedDispatcher: Dispatcher | undefined;
  private keyRejected = false;
  private readonly changed = this.register(new vscode.EventEmitter<AccountChange>());

  /** Fires when the key is set or removed, the connection settings change, the server rejects or accepts the key, or the account's name is learnt. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    // Another window of the same profile may set or remove the key.
    this.register(secrets.onDidChange(async (event) => {
      if (event.key !== SECRET_KEY) return;
      const stored = await this.readStored();
      if (!sameStoredKey(stored, this.stored)) this.useStored(stored);
    }));
    this.register(vscode.workspace.onDidChangeConfiguration((event) => {
      if (!affectsConnection(event)) return;
      // Another server or proxy may well accept the key: ask again.
      this.keyRejected = false;
      this.dropClient();
      const problem = this.keyOriginProblem();
      if (problem) this.log.warn(problem.message);
      this.changed.fire('connection');
    }));
    this.register(toDisposable(() => this.dropClient()));
  }

  async initialize(): Promise<void> {
    // Fires even when signed out: the view has no state until the key has been read.
    this.useStored(await this.readStored(), { reload: true });
  }

  get isSignedIn(): boolean {
    return this.stored !== undefined;
  }

  /** The account the key belongs to, as Callbell named it when the key was set; undefined when signed out or not yet known. */
  get user(): KeyUser | undefined {
    return this.stored?.user;
  }

  /** The opaque id of the session standing for the stored key (see authentication.ts); never the key. */
  get sessionId(): string | undefined {
    return this.stored?.sessionId;
  }


  /**
   * For the contacts cache only, which names each account's file by an HMAC of the key under its
   * own secret key, so the file name cannot be linked to the key.
   */
  keyForCache(): string | undefined {
    return this.stored?.key;
  }

  /** True once the server answered 401 to the stored key, until a new key is set. */
  get isRejected(): boolean {
    return this.keyRejected;
  }

  /** Why the API base URL setting cannot be used, or undefined when it is fine. */
  baseUrlProblem(): string | undefined {
    return validateBaseUrl(settings.apiBaseUrl());
  }

  /** Set when `callbell.apiBaseUrl` points to another origin than the one the stored key was checked against. */
  keyOriginProblem(): KeyOriginError | undefined {
    const stored = this.stored;
    if (stored === undefined || this.baseUrlProblem() !== undefined) return undefined;
    const origin = originOf(settings.apiBaseUrl());
    return origin === undefined || origin === stored.origin ? undefined : new KeyOriginError(stored.origin, origin);
  }

  /**
   * The client for the stored key, or undefined when signed out. Throws when the base URL is unusable,
   * and a KeyOriginError when it points to another server than the key was checked with.
   */
  client(): CallbellClient | undefined {
    const stored = this.stored;
    if (stored === undefined) return undefined;
    const problem = this.keyOriginProblem();
    if (problem) throw problem;
    this.cachedClient ??= this.createClient(stored.key);
    return this.cachedClient;
  }

  /** The connection shared by every request, built for the current proxy settings. */
  dispatcher(): Dispatcher {
    this.cachedDispatcher ??= createDispatcher({ proxy: settings.proxy() });
    return this.cachedDispatcher;
  }

  /**
   * Checks a key against `GET /auth/me` of the server `callbell.apiBaseUrl` names, and stores it only
   * when the server accepts it, with that server's origin and the account it answered with.
   */
  async signIn(token: string, signal?: AbortSignal): Promise<KeyUser> {
    const baseUrl = settings.apiBaseUrl();
    const client = this.createClient(token);
    const origin = originOf(baseUrl);
    if (origin === undefined) throw new Error(validateBaseUrl(baseUrl) ?? 'The API base URL is not a URL');
    const answer = await client.whoAmI(signal);
    const user: KeyUser = { name: answer.name, email: answer.email };
    const stored = newStoredKey(token, origin, user, this.stored);
    await this.secrets.store(SECRET_KEY, serializeStoredKey(stored));
    this.useStored(stored, { reload: true });
    this.log.info(`Signed in as ${logText(user.email)} with ${origin}`);
    return user;
  }

  async signOut(): Promise<void> {
    await this.secrets.delete(SECRET_KEY);
    this.useStored(undefined);
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

  /**
   * A keyring that fails (a locked or broken one on Linux) reads as no key, and says so in the log. A
   * key stored before its origin was remembered is written again with it.
   */
  private async readStored(): Promise<StoredKey | undefined> {
    let parsed: ReturnType<typeof parseStoredKey>;
    try {
      parsed = parseStoredKey(await this.secrets.get(SECRET_KEY));
    } catch (error) {
      this.log.error(`Reading the API key from secret storage failed: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
    if (parsed?.legacy) {
      this.log.info(`The stored API key is kept for ${parsed.stored.origin}, the server it was set for`);
      await this.secrets.store(SECRET_KEY, serializeStoredKey(parsed.stored)).then(undefined, () => undefined);
    }
    return parsed?.stored;
  }

  /** `reload`: a key just checked again is used afresh, even when it is the one already stored. */
  private useStored(stored: StoredKey | undefined, options: { reload?: boolean } = {}): void {
    const previous = this.stored;
    this.stored = stored;
    const keyChanged = options.reload || previous?.key !== stored?.key || previous?.origin !== stored?.origin;
    if (keyChanged) {
      this.keyRejected = false;
      this.dropClient();
      this.changed.fire('key');
    }
    if (!sameUser(previous?.user, stored?.user)) this.changed.fire('user');
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
