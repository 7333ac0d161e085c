import * as vscode from 'vscode';

const MAX_VALUE_LENGTH = 300;

/**
 * The hover of a contact row: its name and the same fields as its detail rows. Everything from the
 * API goes through `appendText`, which escapes Markdown; the string is neither trusted nor allowed
 * HTML or theme icons, so data cannot run commands, load images or draw icons.
 */
export function buildContactTooltip(title: string, fields: readonly { readonly label: string; readonly display: string }[]): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString('', false);
  tooltip.isTrusted = false;
  tooltip.supportHtml = false;
  tooltip.appendMarkdown('**');
  tooltip.appendText(shorten(title));
  tooltip.appendMarkdown('**\n\n');
  for (const { label, display } of fields) {
    tooltip.appendMarkdown('- ');
    tooltip.appendText(`${shorten(label)}: ${shorten(display)}`);
    tooltip.appendMarkdown('\n');
  }
  return tooltip;
}

/**
 * One line, bounded, and with `&` and `<` written as entities: `appendText` escapes Markdown but not
 * HTML, which the renderer drops anyway without `supportHtml`; entities make the text show as typed.
 */
function shorten(value: string): string {
  const oneLine = value.replace(/\s+/g, ' ');
  const short = oneLine.length > MAX_VALUE_LENGTH ? `${oneLine.slice(0, MAX_VALUE_LENGTH)}…` : oneLine;
  return short.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}
