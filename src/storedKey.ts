import { randomUUID } from 'node:crypto';

/** Whom the key belongs to, as `GET /auth/me` said when the key was checked. Untrusted text: clean it before showing. */
export interface KeyUser {
  readonly name: string;
  readonly email: string;
}

/**
 * What the one SecretStorage entry holds: the API key, the origin it was checked against (the key is
 * sent nowhere else), the account it belongs to, and an opaque id for the VS Code session that stands
 * for it. Kept together so that no setting, file or log ever needs any of it.
 */
export interface StoredKey {
  readonly key: string;
  /** `https://api.callbell.eu` for the default `callbell.apiBaseUrl`. */
  readonly origin: string;
  readonly user: KeyUser | undefined;
  /** Random, unrelated to the key: what other extensions may see of the session in place of the key. */
  readonly sessionId: string;
}

/** The origin of the official API, which a key stored before origins were remembered was meant for. */
export const CALLBELL_API_ORIGIN = 'https://api.callbell.eu';

/** The origin a base URL sends requests to, or undefined when it is not a URL. */
export function originOf(baseUrl: string): string | undefined {
  try {
    return new URL(baseUrl.trim()).origin;
  } catch {
    return undefined;
  }
}

export function newStoredKey(key: string, origin: string, user: KeyUser | undefined, previous?: StoredKey): StoredKey {
  // The same key checked again against the same server is the same session.
  const sessionId = previous && previous.key === key && previous.origin === origin ? previous.sessionId : randomUUID();
  return { key, origin, user, sessionId };
}

export function serializeStoredKey(stored: StoredKey): string {
  const { key, origin, user, sessionId } = stored;
  return JSON.stringify({ version: 1, key, origin, user: user ? { name: user.name, email: user.email } : undefined, sessionId });
}

/**
 * Reads the entry. A bare key, as stored before the origin was remembered, is taken as checked
 * against Callbell's own API, the only server it is known to belong to; `legacy` says it should be
 * written again in the new shape. Anything unreadable is no key.
 */
export function parseStoredKey(text: string | undefined): { stored: StoredKey; legacy: boolean } | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  if (!text.startsWith('{')) return { stored: newStoredKey(text, CALLBELL_API_ORIGIN, undefined), legacy: true };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { key, origin, user, sessionId } = value as Record<string, unknown>;
  if (typeof key !== 'string' || key === '' || typeof origin !== 'string' || originOf(origin) !== origin) return undefined;
  return {
    stored: { key, origin, user: parseUser(user), sessionId: typeof sessionId === 'string' && sessionId !== '' ? sessionId : randomUUID() },
    legacy: typeof sessionId !== 'string' || sessionId === '',
  };
}

function parseUser(value: unknown): KeyUser | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { name, email } = value as Record<string, unknown>;
  return typeof name === 'string' && typeof email === 'string' ? { name, email } : undefined;
}

export function sameStoredKey(a: StoredKey | undefined, b: StoredKey | undefined): boolean {
  return (a === undefined && b === undefined) || (a !== undefined && b !== undefined && serializeStoredKey(a) === serializeStoredKey(b));
}

export function sameUser(a: KeyUser | undefined, b: KeyUser | undefined): boolean {
  return a?.name === b?.name && a?.email === b?.email;
}
