/** Shared set-up for the contacts cache tests: a temp folder, a Map-backed secret store, loaded contacts. */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { CallbellClient, type Contact } from '../../../src/api';
import { ContactsCache, type ContactsCacheOptions, type SecretStore } from '../../../src/cache';
import type { ContactJson } from '../../fake-server/data';
import { FakeCallbell } from '../../fake-server/server';

/** Compile-time check: the extension can hand `context.secrets` to the cache as it is. */
export const vscodeSecretStorageFits: SecretStore = {} as vscode.SecretStorage;

export const API_KEY = 'cb-key-A-5ecret-0123456789abcdef';
export const OTHER_API_KEY = 'cb-key-B-5ecret-fedcba9876543210';

/** SecretStorage as a Map: persists for as long as the test keeps the object. */
export class MapSecretStore implements SecretStore {
  readonly values = new Map<string, string>();
  async get(key: string): Promise<string | undefined> {
    return this.values.get(key);
  }
  async store(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }
  async delete(key: string): Promise<void> {
    this.values.delete(key);
  }
}

export interface CacheSetup {
  readonly directory: string;
  readonly secrets: MapSecretStore;
  /** Every line the caches built by `cache()` logged. */
  readonly logs: string[];
  /** A cache over this folder and store (call twice for two windows). */
  cache(options?: Partial<ContactsCacheOptions>): ContactsCache;
  /** The folder's file names, sorted. */
  files(): Promise<string[]>;
  close(): Promise<void>;
}

export async function cacheSetup(): Promise<CacheSetup> {
  const directory = await mkdtemp(path.join(tmpdir(), 'callbell-cache-'));
  const secrets = new MapSecretStore();
  const logs: string[] = [];
  return {
    directory,
    secrets,
    logs,
    cache: (options = {}) => new ContactsCache({ directory, secrets, log: (line) => logs.push(line), ...options }),
    files: async () => (await readdir(directory)).sort(),
    close: () => rm(directory, { recursive: true, force: true }),
  };
}

/** The contacts as the extension gets them: loaded from the fake Callbell over real HTTP. */
export async function loadContacts(contacts: ContactJson[]): Promise<Contact[]> {
  const server = await FakeCallbell.start({ contacts });
  const client = new CallbellClient({ baseUrl: server.baseUrl, token: server.token, env: {} });
  try {
    return await client.listContacts({});
  } finally {
    await client.close();
    await server.close();
  }
}

/** The one cache file in the folder (fails the test when there is not exactly one). */
export async function onlyCacheFile(setup: CacheSetup): Promise<string> {
  const names = (await setup.files()).filter((name) => name.endsWith('.cache'));
  if (names.length !== 1) throw new Error(`expected one cache file, found ${JSON.stringify(names)}`);
  return path.join(setup.directory, names[0]);
}
