/**
 * The second extension of the host runs (test/fixtures/api-consumer): what it saw of the public API, as
 * plain data returned by its commands.
 */
import * as vscode from 'vscode';
import type { ApiReport, ReportRequest } from '../fixtures/api-consumer/extension';

export const API_KEYS = ['findContact', 'getContacts', 'onDidChangeContacts', 'refresh', 'version'];

export async function consumerReport(request: ReportRequest = {}): Promise<ApiReport> {
  return (await vscode.commands.executeCommand<ApiReport>('callbellApiConsumer.report', request))!;
}

/** Refreshes through the API; the `onDidChangeContacts` events the consumer had seen before and after. */
export async function consumerRefresh(): Promise<{ before: number; after: number }> {
  return (await vscode.commands.executeCommand<{ before: number; after: number }>('callbellApiConsumer.refresh'))!;
}

/** Every contact was a frozen copy that refused an assignment. */
export function allFrozen(report: ApiReport): boolean {
  return report.listFrozen && report.contacts.every((entry) => entry.frozen && entry.assignmentRejected);
}
