import { visibleText } from './display';
import type { FieldValue } from './fields';

/**
 * A value for the clipboard as it reads on screen, on one line: no controls (an ESC or a
 * bracketed-paste marker would reach a terminal it is pasted into), no bidi overrides, nothing
 * invisible, no line breaks, blanks collapsed.
 */
export function oneLineCopy(text: string): string {
  return visibleText(text).replace(/\s+/g, ' ').trim();
}

/** The same for values that may span lines (a custom field's notes): line breaks are kept as `\n`, at most one blank line in a row. */
export function multiLineCopy(text: string): string {
  return visibleText(text, 'keep')
    .split('\n')
    .map(oneLineCopy)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\n+$/g, '');
}

/**
 * A field's value for the clipboard as its detail row shows it: a date in the same local form, a
 * source by its product name. Only a custom field's value may keep its line breaks.
 */
export function fieldCopy(field: FieldValue): string {
  return field.id === 'customField' ? multiLineCopy(field.display) : oneLineCopy(field.display);
}
