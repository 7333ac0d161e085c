import type { Contact } from '../../../src/api/contact';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Everything a test may set on a contact; `raw` is derived from the other fields unless given. */
export type ContactOverrides = Partial<Mutable<Contact>>;

let counter = 0;

/** A 32-hex-character uuid, as the API sends them: `hexUuid(255)` is `000…0ff`. */
export function hexUuid(n: number): string {
  return n.toString(16).padStart(32, '0');
}

/**
 * A fresh, unique uuid on every call. Written with the hex letters a–f only, so a default uuid never
 * matches a digit or phone search by accident.
 */
export function nextUuid(): string {
  counter += 1;
  const letters = counter.toString(6).replace(/[0-5]/g, (digit) => 'abcdef'[Number(digit)]);
  return letters.padStart(32, 'f');
}

/**
 * A complete Contact, as the API parser would hand it over. Defaults are neutral: a name, no phone,
 * no source, no tags, no custom fields. `raw` mirrors the API's JSON shape (nulls for missing values).
 */
export function contact(overrides: ContactOverrides = {}): Contact {
  const { raw, ...fields } = overrides;
  const built: Omit<Contact, 'raw'> = {
    uuid: nextUuid(),
    name: 'Test Contact',
    tags: [],
    customFields: {},
    ...fields,
  };
  return { ...built, raw: raw ?? rawOf(built) };
}

function rawOf(c: Omit<Contact, 'raw'>): Record<string, unknown> {
  return {
    uuid: c.uuid,
    name: c.name,
    phoneNumber: c.phoneNumber ?? null,
    avatarUrl: c.avatarUrl ?? null,
    createdAt: c.createdAt ?? null,
    source: c.source ?? null,
    href: c.href ?? null,
    conversationHref: c.conversationHref ?? null,
    assignedUser: c.assignedUser ?? null,
    tags: [...c.tags],
    customFields: { ...c.customFields },
  };
}

/** Shorthand for a list of contacts that differ only by name. */
export function named(...names: string[]): Contact[] {
  return names.map((name) => contact({ name }));
}

export function names(contacts: readonly Contact[]): string[] {
  return contacts.map((c) => c.name);
}

export function uuids(contacts: readonly Contact[]): string[] {
  return contacts.map((c) => c.uuid);
}

/** A small deterministic PRNG (LCG), so generated data sets are the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x100000000;
  };
}

/** Fisher–Yates with a seeded PRNG. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
