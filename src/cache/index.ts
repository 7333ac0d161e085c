/** The encrypted warm-start cache of contacts: the only module the rest of the extension imports from src/cache. */
export { ContactsCache, MAX_CACHE_FILE_BYTES, type CacheWriteResult, type ContactsCacheOptions } from './contactsCache';
export { CACHE_KEY_SECRET, type SecretStore } from './cacheKey';
export { CACHE_FORMAT_VERSION } from './cacheFile';
export type { CacheFilter, CachedContacts } from './payload';
