import * as vscode from 'vscode';
import type { Contact } from '../api/contact';
import type { ContactsController } from '../contactsController';
import { EXPORT_FORMATS, type ExportFormat, exportChunks } from '../contacts/export';
import { writeExport } from '../contacts/exportFile';
import { localFieldFormat } from '../fieldFormat';
import { COMMANDS } from '../names';
import type { ContactsNode } from '../tree/nodes';
import { targetGroupContacts } from './targets';

/** What an export command resolves to, for callers that go on with the file (and tests). */
export interface ExportResult {
  readonly uri: string;
  readonly format: ExportFormat;
  readonly count: number;
}

/**
 * "Export Contacts…" writes the contacts the view shows (filters and text filter applied, in its
 * order); "Export Group…" every contact of a group row. The user picks the file; nothing else gets
 * the data. Arguments for callers that pick themselves: a target `Uri` and a format ('csv', 'json').
 */
export function registerExportCommands(context: vscode.ExtensionContext, controller: ContactsController, treeView: vscode.TreeView<ContactsNode>, log: vscode.LogOutputChannel): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.exportContacts, (...args: unknown[]) => exportContacts(controller.model.contacts, args, log)),
    vscode.commands.registerCommand(COMMANDS.exportGroup, (clicked?: unknown, selected?: unknown, ...args: unknown[]) =>
      exportContacts(targetGroupContacts(treeView, clicked, selected), args, log),
    ),
  );
}

async function exportContacts(contacts: readonly Contact[], args: readonly unknown[], log: vscode.LogOutputChannel): Promise<ExportResult | undefined> {
  if (contacts.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There are no contacts to export.'));
    return undefined;
  }
  const asked = args.find((arg): arg is ExportFormat => EXPORT_FORMATS.includes(arg as ExportFormat));
  const target = args.find((arg): arg is vscode.Uri => arg instanceof vscode.Uri) ?? (await askTarget(asked ?? 'csv'));
  if (!target) return undefined;
  const format = asked ?? (/\.json$/i.test(target.path) ? 'json' : 'csv');
  const count = contacts.length.toLocaleString(vscode.env.language);
  const started = Date.now();
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Exporting {0} contacts', count), cancellable: true },
      async (progress, token) => {
        const cancel = new AbortController();
        const subscription = token.onCancellationRequested(() => cancel.abort());
        let reported = 0;
        try {
          const chunks = exportChunks(contacts, format, localFieldFormat());
          const onProgress = (done: number): void => {
            progress.report({ increment: ((done - reported) / contacts.length) * 100 });
            reported = done;
          };
          if (target.scheme === 'file') await writeExport(target.fsPath, chunks, { signal: cancel.signal, onProgress });
          else await vscode.workspace.fs.writeFile(target, Buffer.from([...chunks].map((chunk) => chunk.text).join(''), 'utf8'));
        } finally {
          subscription.dispose();
        }
      },
    );
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') {
      vscode.window.setStatusBarMessage(vscode.l10n.t('$(info) Export cancelled; no file was written'), 5000);
      return undefined;
    }
    // File system errors name the user's own path, nothing from the contacts.
    log.error(`Export failed: ${error instanceof Error ? error.message : String(error)}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('The contacts could not be exported: {0}', error instanceof Error ? error.message : String(error)));
    return undefined;
  }
  log.info(`Exported ${contacts.length} contacts as ${format.toUpperCase()} in ${Date.now() - started} ms`);
  void offerToOpen(target, contacts.length);
  return { uri: target.toString(), format, count: contacts.length };
}

async function askTarget(format: ExportFormat): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `callbell-contacts.${format}`;
  return vscode.window.showSaveDialog({
    title: vscode.l10n.t('Export Contacts'),
    saveLabel: vscode.l10n.t('Export'),
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
    filters: { [vscode.l10n.t('CSV (spreadsheets)')]: ['csv'], [vscode.l10n.t('JSON (as Callbell sends them)')]: ['json'] },
  });
}

async function offerToOpen(target: vscode.Uri, count: number): Promise<void> {
  const open = vscode.l10n.t('Open File');
  const reveal = vscode.l10n.t('Reveal in File Explorer');
  const message = count === 1 ? vscode.l10n.t('Exported 1 contact.') : vscode.l10n.t('Exported {0} contacts.', count.toLocaleString(vscode.env.language));
  const choice = await vscode.window.showInformationMessage(message, open, reveal);
  if (choice === open) await vscode.commands.executeCommand('vscode.open', target);
  else if (choice === reveal) await vscode.commands.executeCommand('revealFileInOS', target);
}
