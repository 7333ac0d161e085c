import type { Contact } from '../api/contact';

/**
 * What a contact is called in lists: its name, else its phone number, else its uuid. A name made only
 * of invisible characters counts as no name, or the row would be blank.
 */
export function contactLabel(contact: Contact): string {
  if (plainText(contact.name) !== '') return contact.name.trim();
  if (contact.phoneNumber !== undefined && plainText(contact.phoneNumber) !== '') return contact.phoneNumber.trim();
  return contact.uuid;
}

/** The product names users know; the API's `facebook` is Messenger. Other sources show as sent. */
const SOURCE_NAMES: Readonly<Record<string, string>> = {
  whatsapp: 'WhatsApp',
  instagram: 'Instagram',
  facebook: 'Messenger',
  telegram: 'Telegram',
};

/** The sources Callbell documents, offered in the source filter even before any contact uses them. */
export const KNOWN_SOURCES: readonly string[] = Object.keys(SOURCE_NAMES);

export function sourceKey(source: string): string {
  return source.trim().toLowerCase();
}

export function sourceLabel(source: string): string {
  const key = sourceKey(source);
  // Own keys only: a source named "constructor" must not find Object's.
  return Object.hasOwn(SOURCE_NAMES, key) ? SOURCE_NAMES[key] : source.trim();
}

/** Case-insensitive identity of a tag, so "VIP", "vip" and "Vip" are one group and one filter. */
export function tagKey(tag: string): string {
  return tag.normalize('NFC').trim().toLocaleLowerCase('und');
}

/** Only the digits, so "+33 11 22 33 44" and "33112" can be compared. */
export function phoneDigits(text: string): string {
  return text.replace(/\D+/g, '');
}

/**
 * Parses the API's ISO dates leniently; undefined when the text is not a date, so callers can show
 * the raw string instead.
 */
export function parseDate(text: string | undefined): Date | undefined {
  if (!text) return undefined;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : new Date(time);
}

/** Bidi overrides and isolates can make text read differently from what it is; zero-width spaces hide text; controls break layouts. Joiners stay: emoji sequences and Persian need them. */
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2069\ufeff]+/g;

/**
 * Text from the API made safe for a single-line place in the UI (tree labels, descriptions, picker
 * rows): no control or bidi-override characters, codicon syntax `$(…)` defused so a name cannot
 * draw icons, and a bounded length.
 */
export function plainText(text: string, maxLength = 200): string {
  const cleaned = wellFormed(text)
    .replace(UNSAFE_CHARACTERS, ' ').replace(/\s+/g, ' ').trim().replace(/\$\(/g, '$\u200b(');
  if (cleaned.length <= maxLength) return cleaned;
  // Never cut a surrogate pair (emoji, rare scripts) in half: a lone surrogate renders as garbage.
  let end = maxLength - 1;
  if (end > 0 && isHighSurrogate(cleaned.charCodeAt(end - 1))) end--;
  return `${cleaned.slice(0, end)}…`;
}

/** JSON can carry half a surrogate pair ("\ud800"); it becomes the replacement character. */
export function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * Text from the API for a notification, which renders `[label](target)` as a link, `command:`
 * targets included: brackets become their full-width look-alikes so no link can form.
 */
export function notificationText(text: string, maxLength = 80): string {
  return plainText(text, maxLength).replace(/\[/g, '［').replace(/\]/g, '］');
}
