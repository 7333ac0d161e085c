/**
 * The contacts cache's own encryption key: 256 random bits, created once and kept in the secret
 * store. It is never the API key nor derived from it, so a leaked cache file and a leaked API key
 * stay two separate problems.
 */
import { createHmac, randomBytes } from 'node:crypto';

/** Name of the secret that holds the cache key (base64). */
export const CACHE_KEY_SECRET = 'callbell.contactsCacheKey';

const KEY_BYTES = 32;
/** Hex characters of the account id: 128 bits, plenty to keep accounts apart. */
const ACCOUNT_ID_LENGTH = 32;

/**
 * What the cache needs from VS Code's SecretStorage (which satisfies it: its Thenables are
 * PromiseLike), so this folder never imports `vscode`.
 */
export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

export type KeyLookup = { readonly key: Buffer } | { readonly missing: true } | { readonly failed: string };

export class CacheKeyring {
  private creating: Promise<KeyLookup> | undefined;

  constructor(private readonly secrets: SecretStore) {}

  /** The stored key, read afresh each time: another window may have replaced it. */
  async current(): Promise<KeyLookup> {
    let text: string | undefined;
    try {
      text = await this.secrets.get(CACHE_KEY_SECRET);
    } catch {
      return { failed: 'the secret storage could not be read' };
    }
    const key = decodeKey(text);
    return key === undefined ? { missing: true } : { key };
  }

  /** The stored key, or a new one stored now. */
  async currentOrNew(): Promise<KeyLookup> {
    const found = await this.current();
    if (!('missing' in found)) return found;
    // One creation at a time in this window; another window's racing creation is settled below.
    this.creating ??= this.create().finally(() => (this.creating = undefined));
    return this.creating;
  }

  async forget(): Promise<void> {
    await this.secrets.delete(CACHE_KEY_SECRET);
  }

  private async create(): Promise<KeyLookup> {
    const text = randomBytes(KEY_BYTES).toString('base64');
    try {
      await this.secrets.store(CACHE_KEY_SECRET, text);
    } catch {
      return { failed: 'the secret storage could not store the cache key' };
    }
    // Read back: a store that keeps nothing must not get data encrypted with a key it drops, and
    // when two windows create a key at once, both go on with whichever one was stored last.
    const stored = await this.current();
    return 'missing' in stored ? { failed: 'the secret storage did not keep the cache key' } : stored;
  }
}

/** A stable id for the account that no one can link to its API key without the cache key. */
export function accountId(key: Buffer, apiKey: string): string {
  return createHmac('sha256', key).update(apiKey, 'utf8').digest('hex').slice(0, ACCOUNT_ID_LENGTH);
}

function decodeKey(text: string | undefined): Buffer | undefined {
  if (typeof text !== 'string') return undefined;
  const key = Buffer.from(text, 'base64');
  // Strict: a hand-edited or truncated secret is no key at all.
  return key.length === KEY_BYTES && key.toString('base64') === text ? key : undefined;
}
