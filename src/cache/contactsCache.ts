/**
 * The last complete load of each account, kept on disk encrypted so a new window can show contacts
 * before its first request. One file per account, named by an id that does not reveal the API key,
 * replaced atomically (write a temporary file, then rename) so two windows writing at once leave
 * one whole file. Nothing here throws: a cache that cannot be used is a cold start, not an error.
 */
import type { Contact } from '../api';
import { FILE_OVERHEAD_BYTES, openCacheFile, sealCacheFile } from './cacheFile';
import { CacheFolder, errorCode } from './cacheFolder';
import { CacheKeyring, accountId, type SecretStore } from './cacheKey';
import { parseCachedContacts, parsePayload, sameFilterAsStored, serializePayload, type CacheFilter, type CachedContacts } from './payload';

/** Far above 10,000 contacts (about 4.5 MB); a file this big is not worth the memory at start. */
export const MAX_CACHE_FILE_BYTES = 64 * 1024 * 1024;

export interface ContactsCacheOptions {
  /** Where the files go: a folder of their own in the extension's global storage. */
  readonly directory: string;
  /** Holds the cache key (VS Code's SecretStorage). */
  readonly secrets: SecretStore;
  /** One line per event; never receives contact data or keys. */
  readonly log: (message: string) => void;
  /** Whether contacts loaded for `stored` may be shown for `wanted`. Default: same source, same tag set. */
  readonly sameFilter?: (stored: CacheFilter, wanted: CacheFilter) => boolean;
  readonly maxFileBytes?: number;
  readonly now?: () => number;
}

export type CacheWriteResult =
  | { readonly written: true; readonly bytes: number }
  | { readonly written: false; readonly reason: 'unavailable' | 'tooLarge' | 'cancelled' | 'failed' };

export class ContactsCache {
  private readonly keyring: CacheKeyring;
  private readonly folder: CacheFolder;
  private readonly sameFilter: (stored: CacheFilter, wanted: CacheFilter) => boolean;
  private readonly maxFileBytes: number;
  /** Bumped by delete and deleteAll: a write begun before them must not land after them. */
  private generation = 0;
  private readonly pendingWrites = new Set<Promise<CacheWriteResult>>();
  /** Set when the secret storage lost the key between sessions: files written now would be lost too. */
  private keyNotKept = false;
  private reportedUnavailable = false;

  constructor(private readonly options: ContactsCacheOptions) {
    this.keyring = new CacheKeyring(options.secrets);
    this.folder = new CacheFolder(options.directory, (message) => this.log(message));
    this.sameFilter = options.sameFilter ?? sameFilterAsStored;
    this.maxFileBytes = options.maxFileBytes ?? MAX_CACHE_FILE_BYTES;
  }

  /** The account's cached contacts when there are some for this filter; undefined otherwise. */
  async read(apiKey: string, filter: CacheFilter): Promise<CachedContacts | undefined> {
    try {
      return await this.readFile(apiKey, filter);
    } catch (error) {
      this.log(`could not read the cache (${errorCode(error)})`);
      return undefined;
    }
  }

  /** Replaces the account's cached contacts with a complete load made for `filter`. */
  write(apiKey: string, filter: CacheFilter, contacts: readonly Contact[]): Promise<CacheWriteResult> {
    const writing = this.writeFile(apiKey, filter, contacts).catch((error: unknown): CacheWriteResult => {
      this.log(`could not write the cache (${errorCode(error)})`);
      return { written: false, reason: 'failed' };
    });
    this.pendingWrites.add(writing);
    void writing.finally(() => this.pendingWrites.delete(writing));
    return writing;
  }

  /** Removes the account's file (for example when its key is replaced). */
  async delete(apiKey: string): Promise<void> {
    await this.cancelWrites();
    const lookup = await this.keyring.current();
    if ('key' in lookup) await this.folder.remove(accountId(lookup.key, apiKey));
    // Without the key no file can be matched to an account, and none can be read: all go.
    else if ('missing' in lookup) await this.folder.removeAll(false);
  }

  /** Removes every cache file and the cache key: for sign-out and for turning the cache off. */
  async deleteAll(): Promise<void> {
    await this.cancelWrites();
    // Files before the key: a window reading in between finds no file rather than a file without a key.
    await this.folder.removeAll(true);
    try {
      await this.keyring.forget();
    } catch {
      this.log('could not delete the cache key from the secret storage');
    }
  }

  private async readFile(apiKey: string, filter: CacheFilter): Promise<CachedContacts | undefined> {
    if (this.keyNotKept) return undefined;
    const lookup = await this.keyring.current();
    if ('failed' in lookup) return this.unavailable(lookup.failed);
    if ('missing' in lookup) {
      const removed = await this.folder.removeAll(false);
      if (removed > 0) {
        this.keyNotKept = true;
        this.log(`the cache key is gone from the secret storage, so ${removed} cache file(s) could not be read and were deleted; the cache is off until the window reloads`);
      }
      return undefined;
    }
    const account = accountId(lookup.key, apiKey);
    const bytes = await this.folder.read(account, this.maxFileBytes);
    if (bytes === undefined) return undefined;
    if (bytes === 'tooLarge') return this.discard(account, `the file is over the ${formatSize(this.maxFileBytes)} limit`);
    const opened = openCacheFile(lookup.key, account, bytes);
    if ('problem' in opened) return this.discard(account, opened.problem);
    const payload = parsePayload(opened.plaintext.toString('utf8'));
    if ('problem' in payload) return this.discard(account, payload.problem);
    if (!this.sameFilter(payload.filter, filter)) {
      this.log('the cached contacts were loaded with another filter; not used');
      return undefined;
    }
    const { contacts, skipped } = parseCachedContacts(payload.contacts);
    if (skipped > 0) this.log(`${skipped} cached contact(s) were not valid and were left out`);
    return { contacts, savedAt: payload.savedAt, filter: payload.filter };
  }

  private async writeFile(apiKey: string, filter: CacheFilter, contacts: readonly Contact[]): Promise<CacheWriteResult> {
    const generation = this.generation;
    if (this.keyNotKept) return { written: false, reason: 'unavailable' };
    const lookup = await this.keyring.currentOrNew();
    if (!('key' in lookup)) {
      this.unavailable('failed' in lookup ? lookup.failed : 'there is no cache key');
      return { written: false, reason: 'unavailable' };
    }
    const plaintext = Buffer.from(serializePayload(this.now(), filter, contacts), 'utf8');
    const fileBytes = plaintext.length + FILE_OVERHEAD_BYTES;
    if (fileBytes > this.maxFileBytes) {
      this.log(`not written: ${contacts.length} contacts take ${formatSize(fileBytes)}, over the ${formatSize(this.maxFileBytes)} limit`);
      return { written: false, reason: 'tooLarge' };
    }
    const account = accountId(lookup.key, apiKey);
    const bytes = sealCacheFile(lookup.key, account, plaintext);
    const replaced = await this.folder.replace(account, bytes, () => generation === this.generation);
    return replaced ? { written: true, bytes: bytes.length } : { written: false, reason: 'cancelled' };
  }

  private async cancelWrites(): Promise<void> {
    this.generation++;
    await Promise.allSettled([...this.pendingWrites]);
  }

  private async discard(account: string, problem: string): Promise<undefined> {
    await this.folder.remove(account);
    this.log(`deleted an unreadable cache file: ${problem}`);
    return undefined;
  }

  private unavailable(reason: string): undefined {
    if (!this.reportedUnavailable) this.log(`off: ${reason}`);
    this.reportedUnavailable = true;
    return undefined;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private log(message: string): void {
    this.options.log(`Contacts cache: ${message}.`);
  }
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
