import { clip, visibleText } from './display';

/** Every ASCII punctuation character: the whole of Markdown's syntax, HTML's `<` and `&`, and what autolinks start at. */
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/g;

/**
 * Untrusted text made safe to append to Markdown (tooltips, hovers), on one line and bounded.
 *
 * Backslash escapes, as `MarkdownString.appendText` writes them, stop emphasis and links but not
 * GFM's autolinks: the workbench's renderer still links a bare `https://…`, `www.…` or `a@b.example`
 * (a `mailto:` opens without a prompt). So every ASCII punctuation character is written as a numeric
 * character reference instead: `&#58;` reads as `:` yet is never syntax, so no link, emphasis, HTML
 * tag, autolink or `$(icon)` can form, and the text still shows exactly as cleaned.
 */
export function markdownText(text: string, maxLength = 300): string {
  const shown = clip(visibleText(text).replace(/\s+/g, ' ').trim(), maxLength);
  return shown.replace(ASCII_PUNCTUATION, (character) => `&#${character.charCodeAt(0)};`);
}
