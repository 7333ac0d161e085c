/**
 * Contact payloads for the fake Callbell API: a builder for single contacts, a seeded generator for
 * realistic data sets of any size, and a set of hostile (but well-formed) contacts.
 *
 * Everything here is deterministic: no Date.now(), no Math.random().
 */

/** A contact exactly as the API would send it (untyped on purpose: tests also build broken ones). */
export type ContactJson = Record<string, unknown>;

const DASH = 'https://dash.callbell.eu';

// ---------------------------------------------------------------------------------------------
// Builder
// ---------------------------------------------------------------------------------------------

let builderCounter = 0;

/** A fresh 32-hex uuid from a counter; the `b1d` prefix keeps it apart from generated uuids. */
function nextBuilderUuid(): string {
  builderCounter += 1;
  return 'b1d' + builderCounter.toString(16).padStart(29, '0');
}

/**
 * A valid contact with a fresh deterministic uuid. `overrides` replace fields; an override whose
 * value is `undefined` deletes the key, so tests can build contacts with missing fields.
 * Any value is accepted (e.g. `tags: 'not-an-array'`) so tests can build malformed contacts too.
 */
export function contactJson(overrides: Record<string, unknown> = {}): ContactJson {
  const uuid = typeof overrides.uuid === 'string' ? overrides.uuid : nextBuilderUuid();
  const n = builderCounter;
  const contact: ContactJson = {
    uuid,
    name: `Test Contact ${n}`,
    phoneNumber: `+34 600 ${String(100000 + (n % 900000)).replace(/(\d{3})(\d{3})/, '$1 $2')}`,
    avatarUrl: null,
    createdAt: isoSeconds(Date.UTC(2024, 0, 1) + n * 60_000),
    source: 'whatsapp',
    href: `${DASH}/contacts/${uuid}`,
    conversationHref: `${DASH}/chat/${uuid}`,
    assignedUser: 'agent@example.com',
    tags: [],
    customFields: {},
  };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) {
      delete contact[key];
    } else {
      contact[key] = value;
    }
  }
  return contact;
}

// ---------------------------------------------------------------------------------------------
// Seeded generator
// ---------------------------------------------------------------------------------------------

/** mulberry32: a tiny, fast, good-enough seeded PRNG returning floats in [0, 1). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface NamePool {
  first: readonly string[];
  last: readonly string[];
  /** Joins first and last name (Japanese puts the family name first). */
  join: (first: string, last: string) => string;
}

const westernJoin = (first: string, last: string): string => `${first} ${last}`;

const NAME_POOLS: readonly NamePool[] = [
  { // Spanish
    first: ['José', 'María', 'Lucía', 'Ángel', 'Sofía', 'Martín', 'Inés', 'Raúl', 'Nuria', 'Íñigo'],
    last: ['García', 'Martínez', 'Núñez', 'Pérez', 'Rodríguez', 'Fernández', 'Muñoz', 'Gómez Peña', 'Ibáñez'],
    join: westernJoin,
  },
  { // Portuguese
    first: ['João', 'Conceição', 'Gonçalo', 'Inês', 'Antônio', 'Letícia', 'Sebastião', 'Joana'],
    last: ['Gonçalves', 'Conceição', 'Magalhães', 'Araújo', 'Simões', 'Brandão', 'da Silva'],
    join: westernJoin,
  },
  { // Italian
    first: ['Niccolò', 'Giulia', 'Lorenzo', 'Chiara', 'Nicolò', 'Francesca', 'Pietro', 'Beatrice'],
    last: ['Rossi', 'Bianchi', 'Esposito', 'Colombo', 'De Luca', "D'Angelo", 'Romano'],
    join: westernJoin,
  },
  { // English
    first: ['John', 'Emily', 'Oliver', 'Charlotte', 'Harry', 'Amelia', 'Jack', 'Olivia', 'Zoë'],
    last: ['Smith', 'Johnson', 'Brown', "O'Connor", 'Taylor', 'Wilson', 'Evans-Hughes'],
    join: westernJoin,
  },
  { // German
    first: ['Jürgen', 'Käthe', 'Björn', 'Lena', 'Lukas', 'Jörg', 'Sönke', 'Anja'],
    last: ['Müller', 'Schröder', 'Weiß', 'Groß', 'Köhler', 'Schmidt', 'Bäcker'],
    join: westernJoin,
  },
  { // Arabic
    first: ['محمد', 'فاطمة', 'أحمد', 'ليلى', 'يوسف', 'مريم', 'عمر'],
    last: ['العلي', 'حسن', 'الخطيب', 'منصور', 'السيد', 'الحداد'],
    join: westernJoin,
  },
  { // Japanese
    first: ['花子', '太郎', 'さくら', '健', '陽菜', '翔太'],
    last: ['佐藤', '鈴木', '高橋', '田中', '渡辺', '山本'],
    join: (first, last) => `${last} ${first}`,
  },
  { // Russian
    first: ['Иван', 'Анна', 'Дмитрий', 'Ольга', 'Сергей', 'Наталья', 'Алёна'],
    last: ['Петров', 'Иванова', 'Смирнов', 'Кузнецова', 'Попов', 'Соколова'],
    join: westernJoin,
  },
];

const SOURCES = ['whatsapp', 'instagram', 'facebook', 'telegram'] as const;
/** Weights matching the order of SOURCES: WhatsApp dominates, as in real accounts. */
const SOURCE_WEIGHTS = [0.55, 0.2, 0.15, 0.1] as const;

/** Tag pool with case variants of the same tag (the API matches tags case-insensitively). */
const TAG_POOL = [
  'VIP', 'vip', 'Vip',
  'lead', 'Lead', 'LEAD',
  'ventas', 'Ventas',
  'soporte',
  'sales',
  'billing', 'Billing',
  'clientes',
  'newsletter',
  'urgente',
  'Prospect',
  'kundendienst',
  'suporte técnico',
] as const;

const AGENTS = [
  'john.doe@email.com',
  'maria.garcia@example.com',
  'support@example.es',
  'joao.silva@example.com.br',
  'kenji@example.jp',
] as const;

const STREETS = [
  '3 Abbey Rd, London NW8 9AY',
  'Calle de Alcalá 42, 28014 Madrid',
  'Rua Augusta 100, 1100-053 Lisboa',
  'Via del Corso 12, 00186 Roma',
  'Friedrichstraße 43, 10117 Berlin',
  'ул. Тверская 7, Москва',
] as const;

const INTERESTS = ['producto A', 'producto B', 'demo', 'precios', 'soporte premium'] as const;

/** Fixed "now" of the generated data set, so createdAt values never depend on the clock. */
const DATA_EPOCH = Date.UTC(2025, 5, 1, 12, 0, 0);
const THREE_YEARS_MS = 3 * 365 * 24 * 3600 * 1000;

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function digits(random: () => number, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) {
    out += Math.floor(random() * 10).toString();
  }
  return out;
}

/** Free-form phone numbers as users type them; undefined means "missing" (null or absent key). */
function phoneNumber(random: () => number): string | null | undefined {
  const r = random();
  if (r < 0.03) return null;
  if (r < 0.05) return undefined;
  const d = digits(random, 9);
  switch (Math.floor(random() * 7)) {
    case 0: return `+34 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`;
    case 1: return `33${d}0`.slice(0, 12);
    case 2: return `+33 ${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4, 6)} ${d.slice(6, 8)}`;
    case 3: return `+39 3${d.slice(0, 2)}-${d.slice(2, 5)}-${d.slice(5)}`;
    case 4: return `(555) ${d.slice(0, 3)}-${d.slice(3, 7)}`;
    case 5: return `+55 11 9${d.slice(0, 4)}-${d.slice(4, 8)}`;
    default: return `+49${d}`;
  }
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function pickSource(random: () => number): string {
  let r = random();
  for (let i = 0; i < SOURCES.length; i++) {
    r -= SOURCE_WEIGHTS[i];
    if (r < 0) return SOURCES[i];
  }
  return SOURCES[SOURCES.length - 1];
}

function pickTags(random: () => number): string[] {
  if (random() < 0.25) return [];
  const count = 1 + Math.floor(random() * 3);
  const tags: string[] = [];
  while (tags.length < count) {
    const tag = pick(random, TAG_POOL);
    if (!tags.includes(tag)) tags.push(tag);
  }
  return tags;
}

function pickCustomFields(random: () => number, uuid: string): Record<string, string> {
  const fields: Record<string, string> = {};
  if (random() < 0.4) fields['Billing Address'] = pick(random, STREETS);
  if (random() < 0.3) fields['enlace Stripe'] = `https://stripe.com/contacts/cus${uuid.slice(0, 10)}`;
  if (random() < 0.25) {
    const chosen = INTERESTS.filter(() => random() < 0.4);
    fields['Intereses'] = JSON.stringify(chosen);
  }
  if (random() < 0.1) fields['Kundennummer'] = `K-${digits(random, 6)}`;
  return fields;
}

/** `groups` × 8 hex digits from the PRNG. */
function hex(random: () => number, groups: number): string {
  let out = '';
  for (let i = 0; i < groups; i++) {
    out += Math.floor(random() * 0x100000000).toString(16).padStart(8, '0');
  }
  return out;
}

/** The account the demo and the pictures sign in to, as `/auth/me` names it. */
export const DEMO_USER = { name: 'Acme Support', email: 'support@acme.example' };

/**
 * A realistic data set of `count` contacts. Same seed, same data. Handles 50,000 contacts well
 * under a second. Uuids are unique within a set (the last 8 hex digits are the index).
 */
export function generateContacts(count: number, options: { seed?: number } = {}): ContactJson[] {
  const random = seededRandom(options.seed ?? 1);
  const contacts: ContactJson[] = new Array<ContactJson>(count);
  for (let i = 0; i < count; i++) {
    const uuid = hex(random, 3) + i.toString(16).padStart(8, '0');
    const pool = pick(random, NAME_POOLS);
    const name = pool.join(pick(random, pool.first), pick(random, pool.last));
    const contact: ContactJson = {
      uuid,
      name,
    };
    const phone = phoneNumber(random);
    if (phone !== undefined) contact.phoneNumber = phone;
    contact.avatarUrl = random() < 0.1 ? `https://cdn.callbell.eu/avatars/${uuid}.jpg` : null;
    contact.createdAt = isoSeconds(DATA_EPOCH - Math.floor(random() * THREE_YEARS_MS));
    contact.source = pickSource(random);
    contact.href = `${DASH}/contacts/${uuid}`;
    contact.conversationHref = `${DASH}/chat/${uuid}`;
    contact.assignedUser = random() < 0.2 ? null : pick(random, AGENTS);
    contact.tags = pickTags(random);
    contact.customFields = pickCustomFields(random, uuid);
    contacts[i] = contact;
  }
  return contacts;
}

/**
 * A few teams over a data set, deterministic: each contact belongs to the team its position picks
 * (every fourth contact to none), so `team_uuid` listings differ from one another.
 */
export function generateTeams(contacts: readonly ContactJson[]): FakeTeamJson[] {
  const teams: FakeTeamJson[] = [
    { uuid: 'a0a0a0a0a0a0a0a0a0a0a0a0a0a0a001', name: 'Ventas', members: ['john.doe@email.com', 'maria.garcia@example.com'], contactUuids: [] },
    { uuid: 'a0a0a0a0a0a0a0a0a0a0a0a0a0a0a002', name: 'Soporte', members: ['support@example.com'], contactUuids: [] },
    { uuid: 'a0a0a0a0a0a0a0a0a0a0a0a0a0a0a003', name: 'Facturación', members: ['billing@example.com', 'ana@example.com', 'li.wei@example.com'], contactUuids: [] },
  ];
  contacts.forEach((contact, index) => {
    if (index % 4 !== 3 && typeof contact.uuid === 'string') teams[index % 4].contactUuids.push(contact.uuid);
  });
  return teams;
}

/** A team of the fake account: its agents, and the contacts (by uuid) a `team_uuid` listing returns. */
export interface FakeTeamJson {
  uuid: string;
  name: string;
  members: string[];
  contactUuids: string[];
}

// ---------------------------------------------------------------------------------------------
// Hostile contacts
// ---------------------------------------------------------------------------------------------

/**
 * Nasty but well-formed contacts: every string is something a user of the account could have
 * typed. Uuids start with `badbad` so tests can spot them.
 */
export function hostileContacts(): ContactJson[] {
  const uuid = (n: number): string => 'badbad' + n.toString(16).padStart(26, '0');
  const base = (n: number, fields: Record<string, unknown>): ContactJson =>
    contactJson({ uuid: uuid(n), createdAt: isoSeconds(DATA_EPOCH - n * 3_600_000), ...fields });
  return [
    base(1, { name: '$(alert) Codicon $(sync~spin) name', tags: ['$(bug)', 'VIP'] }),
    base(2, {
      name: '<img src=x onerror=alert(1)> [link](command:workbench.action.quit)',
      tags: ['**bold**', '[x](command:workbench.action.quit)', '<b>html</b>'],
      customFields: { 'Billing Address': '<script>alert(1)</script>', 'enlace Stripe': '[pay](javascript:alert(1))' },
    }),
    base(3, { name: '\u202Egnp.exe\u202C Right-To-Left \u200F\u2066override\u2069', tags: ['\u202Eetalpmet'] }),
    base(4, { name: 'L'.repeat(100 * 1024), tags: ['long'] }),
    base(5, { name: 'Command href', href: 'command:workbench.action.quit', conversationHref: 'command:workbench.action.reloadWindow' }),
    base(6, { name: 'Javascript href', href: 'javascript:alert(1)', conversationHref: 'javascript:alert(1)' }),
    base(7, { name: 'Plain http href', href: `http://dash.callbell.eu/contacts/${uuid(7)}` }),
    base(8, { name: 'Evil host href', href: `https://evil.example/contacts/${uuid(8)}`, conversationHref: 'https://evil.example/chat' }),
    base(9, { name: 'Credentials href', href: `https://user:pass@dash.callbell.eu/contacts/${uuid(9)}` }),
    base(10, { name: '', tags: [''] }),
    base(11, {
      name: 'Newlines\nand\ttabs\r\n`code` ```fence```',
      phoneNumber: '+34 612 345 678\n<b>',
      tags: ['# heading', '`tick`', '---'],
      assignedUser: '<script>@example.com',
    }),
    base(12, {
      name: 'Emoji 👩‍👩‍👧 \u0000 nul and zero\u200Bwidth',
      source: 'whatsapp\u202E',
      customFields: { '$(alert)': '$(alert)', '__proto__x': 'x', 'constructor': 'c' },
    }),
  ];
}
