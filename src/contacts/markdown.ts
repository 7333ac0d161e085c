import { plainText } from './display';

/** The punctuation that can start or end Markdown syntax (a backslash escapes any ASCII punctuation). */
const MARKDOWN_PUNCTUATION = /[\\`*_{}[\]()#+\-.!|~$]/g;

/**
 * Untrusted text as Markdown that shows exactly that text and nothing else: no link, image, HTML,
 * emphasis, list or theme icon can form from it. Markdown punctuation is backslash-escaped; `<` and
 * `>` become entities; and because GitHub-flavoured Markdown links bare URLs and e-mail addresses
 * without any punctuation, every `:` (so `https://`, `command:`, `mailto:`) and `@` becomes an entity
 * too. Control and bidi characters are removed and line breaks folded, as in plainText.
 */
export function markdownText(text: string): string {
  return plainText(text, Number.MAX_SAFE_INTEGER)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MARKDOWN_PUNCTUATION, '\\$&')
    .replace(/:/g, '&#58;')
    .replace(/@/g, '&#64;');
}
