import { plainText } from './display';

/** Punctuation that forms inline Markdown anywhere in a line: emphasis, code, links, strikethrough, tables, math, escapes. */
const INLINE_SYNTAX = /[\\`*_[\]~|$]/g;
/** What starts a block at the beginning of a line or list item: a heading, a list or a rule, an ordered list. */
const BLOCK_MARKER = /^[#+=-]/;
const ORDERED_MARKER = /^(\d{1,9})([.)])/;

/**
 * Untrusted text as Markdown that shows exactly that text and nothing else: no link, image, HTML,
 * emphasis, list, heading or theme icon can form from it, wherever the caller puts it on a line.
 * GitHub-flavoured Markdown also links bare URLs and e-mail addresses without any punctuation, so
 * `://`, `www.` and `@` are defused with entities. What needs no escape stays as typed, so the raw
 * Markdown stays readable (a contact card is read as text too). Control and bidi characters are
 * removed, line breaks folded and theme icon syntax broken, as in plainText.
 */
export function markdownText(text: string): string {
  return plainText(text, Number.MAX_SAFE_INTEGER)
    .replace(/&(?=[#\w])/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(INLINE_SYNTAX, '\\$&')
    .replace(BLOCK_MARKER, '\\$&')
    .replace(ORDERED_MARKER, '$1\\$2')
    .replace(/:(?=\/\/)/g, '&#58;')
    .replace(/(w{3})\./gi, '$1&#46;')
    .replace(/@/g, '&#64;');
}
