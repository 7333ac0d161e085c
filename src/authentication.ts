import * as vscode from 'vscode';
import type { CallbellAccount } from './account';
import { accountName } from './commands/keyBox';
import { Owner } from './lifecycle';
import { AUTHENTICATION_PROVIDER } from './names';

/** What the Accounts menu runs: the same flows as the Set API Key and Sign Out commands. */
export interface SignInFlows {
  setKeyInteractively(): Promise<boolean>;
  signOut(confirmed: boolean): Promise<boolean>;
}

/**
 * The stored key as an account in VS Code's Accounts menu, backed by the same SecretStorage entry as
 * the commands: one session while a key is stored, named after its account.
 *
 * The session's `accessToken` is NOT the API key but the session's opaque random id. VS Code hands a
 * session, access token included, to any extension the user allows in its trust prompt, and a Callbell
 * key opens the whole account to whoever holds it (sending messages, editing and deleting contacts),
 * for as long as it is not revoked. Other extensions learn that the user is signed in and as whom;
 * the key itself stays with this extension.
 */
export class CallbellAuthenticationProvider extends Owner implements vscode.AuthenticationProvider {
  private readonly changed = this.register(new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>());
  readonly onDidChangeSessions = this.changed.event;
  private last: vscode.AuthenticationSession | undefined;

  constructor(
    private readonly account: CallbellAccount,
    private readonly flows: SignInFlows,
  ) {
    super();
    this.last = this.currentSession();
    this.register(account.onDidChange((change) => {
      if (change === 'key' || change === 'user') this.update();
    }));
    this.register(vscode.authentication.registerAuthenticationProvider(AUTHENTICATION_PROVIDER.id, AUTHENTICATION_PROVIDER.label, this, { supportsMultipleAccounts: false }));
  }

  /** Callbell keys have no scopes: every request gets the one session. */
  async getSessions(): Promise<vscode.AuthenticationSession[]> {
    const session = this.currentSession();
    return session ? [session] : [];
  }

  /** Signing in from the Accounts menu (or for an extension the user let ask) is the Set API Key flow. */
  async createSession(): Promise<vscode.AuthenticationSession> {
    const signedIn = await this.flows.setKeyInteractively();
    const session = this.currentSession();
    // The account's own change has already announced the new session.
    if (!signedIn || !session) throw new Error(vscode.l10n.t('Signing in to Callbell was cancelled.'));
    return session;
  }

  /**
   * Sign Out in the Accounts menu: VS Code has already asked "Sign out of …?" with its own Sign Out
   * button, which is the consent the command's dialog would ask for; asking twice would only teach
   * people to click through.
   */
  async removeSession(sessionId: string): Promise<void> {
    if (sessionId !== this.account.sessionId) return;
    await this.flows.signOut(true);
  }

  /** The session standing for the stored key, or undefined when signed out. */
  currentSession(): vscode.AuthenticationSession | undefined {
    const id = this.account.sessionId;
    if (!this.account.isSignedIn || id === undefined) return undefined;
    const user = this.account.user;
    const label = (user && accountName(user)) || vscode.l10n.t('Callbell API key');
    return Object.freeze({
      id,
      accessToken: id,
      // Other extensions given the session see this id: the opaque session id, never the server's raw text.
      account: Object.freeze({ id, label }),
      scopes: Object.freeze([]) as readonly string[],
    });
  }

  private update(): void {
    const previous = this.last;
    const current = this.currentSession();
    this.last = current;
    if (previous?.id === current?.id) {
      if (previous && current && previous.account.label !== current.account.label) this.changed.fire({ added: [], removed: [], changed: [current] });
      return;
    }
    this.changed.fire({ added: current ? [current] : [], removed: previous ? [previous] : [], changed: [] });
  }
}
