/**
 * A ContactStore over a loader that the test drives by hand: each refresh() or setFilter() hands back
 * the one loader call it started, so a test says when pages arrive and how each load ends.
 */
import * as assert from 'node:assert/strict';
import type { Contact } from '../../../src/api/contact';
import type { ContactFilter } from '../../../src/contacts/filter';
import { type ContactLoader, ContactStore, type LoadProgress } from '../../../src/contacts/store';

/** One call of the fake loader. */
export interface LoadCall {
  readonly filter: ContactFilter;
  readonly signal: AbortSignal;
  /** A page arrives, with the progress the API reports beside it when given. */
  page(contacts: readonly Contact[], progress?: LoadProgress): void;
  resolve(contacts: readonly Contact[]): void;
  reject(error: unknown): void;
}

/** One load the store started: its loader call, and the promise refresh() or setFilter() returned. */
export interface Load extends LoadCall {
  readonly done: Promise<void>;
}

export interface StoreHarness {
  readonly store: ContactStore;
  /** Every loader call so far, in order. */
  readonly calls: readonly LoadCall[];
  refresh(): Load;
  setFilter(filter: ContactFilter): Load;
  /** A refresh that completes with `contacts`, awaited. */
  loaded(contacts: readonly Contact[]): Promise<void>;
  /** A refresh whose loader fails with `error`, awaited. */
  failed(error: unknown): Promise<void>;
}

export interface StoreHarnessOptions {
  /** The filter the store starts with. */
  readonly filter?: ContactFilter;
  /**
   * Reject as soon as the load is aborted, as the real client does. By default the loader ignores its
   * signal, like a slow server that answers anyway.
   */
  readonly rejectOnAbort?: boolean;
}

export function storeHarness(options: StoreHarnessOptions = {}): StoreHarness {
  const calls: LoadCall[] = [];
  const load: ContactLoader = (filter, { signal, onPage }) =>
    new Promise((resolve, reject) => {
      calls.push({ filter, signal, page: onPage, resolve, reject });
      if (options.rejectOnAbort) {
        signal.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })));
      }
    });
  const store = options.filter === undefined ? new ContactStore(load) : new ContactStore(load, options.filter);

  /** Runs `start` and returns the one loader call it must have made at once. */
  const started = (start: () => Promise<void>): Load => {
    const before = calls.length;
    const done = start();
    assert.equal(calls.length, before + 1, 'the store starts one load at once');
    return { ...calls[before], done };
  };
  const refresh = (): Load => started(() => store.refresh());
  return {
    store,
    calls,
    refresh,
    setFilter: (filter) => started(() => store.setFilter(filter)),
    loaded: async (contacts) => {
      const next = refresh();
      next.resolve(contacts);
      await next.done;
    },
    failed: async (error) => {
      const next = refresh();
      next.reject(error);
      await next.done;
    },
  };
}

/** Lets pending promise callbacks (the store's `await`) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
  await new Promise<void>((resolve) => setImmediate(resolve));
}

/** The names of `contacts`, which the tests use as ids. */
export function ids(contacts: readonly Contact[]): string[] {
  return contacts.map((c) => c.name);
}
