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

/**
 * Characters shown as a blank: controls (C0, DEL, C1) break layouts, bidi controls make text read
 * differently from what it is, and the Hangul fillers and the Braille blank draw nothing at all.
 */
const BLANKS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u115f\u1160\u200e\u200f\u202a-\u202e\u2066-\u2069\u2800\u3164\uffa0]/g;
/** Every character some reader takes for a line break. */
const LINE_BREAKS = /\r\n|[\n\v\f\r\x1c-\x1e\x85\u2028\u2029]/g;
/**
 * Invisible characters, removed: soft hyphens, zero-width spaces, the tag block, variation selectors
 * and the rest of Unicode's default-ignorables. Kept for now: the joiners (ZWJ for emoji sequences,
 * ZWNJ for Persian) and the emoji presentation selectors, which `tidyJoiners` then checks.
 */
const INVISIBLE = /(?![\u200c\u200d\ufe0e\ufe0f])\p{Default_Ignorable_Code_Point}/gu;
const JOINER_RUNS = /[\u200c\u200d\ufe0e\ufe0f]+/g;

/**
 * The one cleanup of text from the API, for every place it is shown or copied: well-formed, no
 * controls, no bidi controls, nothing invisible. Line breaks become blanks unless kept (as `\n`).
 * Whitespace is not collapsed here; callers decide.
 */
export function visibleText(text: string, lineBreaks: 'blank' | 'keep' = 'blank'): string {
  const cleaned = wellFormed(text).replace(LINE_BREAKS, lineBreaks === 'keep' ? '\n' : ' ').replace(BLANKS, ' ');
  return tidyJoiners(cleaned.replace(INVISIBLE, ''));
}

/**
 * A joiner or presentation selector only means something next to what it joins: a selector right
 * after a visible character, one joiner between two. Others are dropped, and runs shrink to one, so
 * they can neither make a blank name nor carry hidden text.
 */
function tidyJoiners(text: string): string {
  return text.replace(JOINER_RUNS, (run: string, offset: number) => {
    const before = text[offset - 1];
    const after = text[offset + run.length];
    if (before === undefined || /\s/.test(before)) return '';
    const selector = /^[\ufe0e\ufe0f]/.test(run) ? run[0] : '';
    const joiner = run.match(/[\u200c\u200d]/)?.[0];
    return after !== undefined && !/\s/.test(after) && joiner !== undefined ? selector + joiner : selector;
  });
}

/**
 * Text from the API made safe for a single-line place in the UI (tree labels, descriptions, picker
 * rows): cleaned by `visibleText`, blanks collapsed, codicon syntax `$(…)` defused so a name cannot
 * draw icons, and a bounded length.
 */
export function plainText(text: string, maxLength = 200): string {
  const cleaned = visibleText(text).replace(/\s+/g, ' ').trim().replace(/\$\(/g, '$\u200b(');
  return clip(cleaned, maxLength);
}

/** At most `maxLength` UTF-16 units, "…" marking a cut, never cutting a surrogate pair (emoji, rare scripts) in half. */
export function clip(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  let end = maxLength - 1;
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end--;
  return `${text.slice(0, end)}…`;
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

const LOG_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A server value for the log: one line, whatever it holds. Controls, line breaks, bidi controls and
 * invisible characters are written as escapes (`\n`, `\u{202e}`), so a value can neither forge a log
 * line nor hide what it is; at most `maxLength` characters, "…" marking a cut.
 */
export function logText(value: string, maxLength = 300): string {
  let result = '';
  // Code point by code point, stopping at the bound: a 20 MB value costs no more than a short one.
  for (const character of value) {
    const piece = LOG_ESCAPES[character] ?? (isLoggable(character) ? character : `\\u{${character.codePointAt(0)?.toString(16)}}`);
    if (result.length + piece.length > maxLength) return `${result}…`;
    result += piece;
  }
  return result;
}

function isLoggable(character: string): boolean {
  const code = character.charCodeAt(0);
  // A lone surrogate is a one-unit "character" of its own.
  if (character.length === 1 && code >= 0xd800 && code <= 0xdfff) return false;
  return character === ' ' || (!/\s/.test(character) && visibleText(character) === character);
}
