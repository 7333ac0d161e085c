import * as vscode from 'vscode';
import { markdownText } from '../contacts/markdown';

const MAX_VALUE_LENGTH = 300;

/**
 * The hover of a contact row: its name and the same fields as its detail rows. Everything from the
 * API goes through `markdownText`, which leaves no Markdown, HTML, autolink or icon syntax; the
 * string is neither trusted nor allowed HTML or theme icons, so data cannot run commands, load
 * images, open links or draw icons.
 */
export function buildContactTooltip(title: string, fields: readonly { readonly label: string; readonly display: string }[]): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString('', false);
  tooltip.isTrusted = false;
  tooltip.supportHtml = false;
  tooltip.appendMarkdown(`**${markdownText(title, MAX_VALUE_LENGTH)}**\n\n`);
  for (const { label, display } of fields) {
    tooltip.appendMarkdown(`- ${markdownText(label, MAX_VALUE_LENGTH)}: ${markdownText(display, MAX_VALUE_LENGTH)}\n`);
  }
  return tooltip;
}
