import * as vscode from 'vscode';
import { type GroupBy, parseGroupBy } from './contacts/grouping';
import { type SortBy, parseSortBy } from './contacts/sort';

export const DEFAULT_API_BASE_URL = 'https://api.callbell.eu/v1';

/** The extension's settings, read fresh each time so a change applies without a reload. */
export const settings = {
  apiBaseUrl(): string {
    const value = vscode.workspace.getConfiguration('callbell').get<string>('apiBaseUrl', DEFAULT_API_BASE_URL).trim();
    return value === '' ? DEFAULT_API_BASE_URL : value;
  },
  groupBy(): GroupBy {
    return parseGroupBy(vscode.workspace.getConfiguration('callbell').get('groupBy'));
  },
  async setGroupBy(groupBy: GroupBy): Promise<void> {
    await updateWhereSet('groupBy', groupBy);
  },
  sortBy(): SortBy {
    return parseSortBy(vscode.workspace.getConfiguration('callbell').get('sortBy'));
  },
  async setSortBy(sortBy: SortBy): Promise<void> {
    await updateWhereSet('sortBy', sortBy);
  },
  showAvatars(): boolean {
    return vscode.workspace.getConfiguration('callbell').get<boolean>('showAvatars', false);
  },
  autoRefreshMinutes(): number {
    const minutes = vscode.workspace.getConfiguration('callbell').get<number>('autoRefreshMinutes', 0);
    return Number.isFinite(minutes) && minutes > 0 ? minutes : 0;
  },
  /** Whether complete loads are kept, encrypted, for the next window's warm start. */
  cacheContacts(): boolean {
    return vscode.workspace.getConfiguration('callbell').get<boolean>('cacheContacts', true);
  },
  /** Read on every hover, so turning hovers off applies at once. */
  hoversEnabled(): boolean {
    return vscode.workspace.getConfiguration('callbell').get<boolean>('hovers.enabled', true);
  },
  /** VS Code's own proxy settings, which the bundled HTTP client does not pick up by itself. */
  proxy(): { url?: string; strictSSL: boolean; noProxy: string[] } {
    const http = vscode.workspace.getConfiguration('http');
    const url = http.get<string>('proxy', '').trim();
    const noProxy = http.get<unknown>('noProxy', []);
    return {
      url: url === '' ? undefined : url,
      strictSSL: http.get<boolean>('proxyStrictSSL', true),
      noProxy: Array.isArray(noProxy) ? noProxy.filter((host): host is string => typeof host === 'string') : [],
    };
  },
};

/** Writes where the value in effect comes from, so a workspace's own choice is not silently outranked. */
async function updateWhereSet(key: string, value: unknown): Promise<void> {
  const configuration = vscode.workspace.getConfiguration('callbell');
  const inspected = configuration.inspect(key);
  const target =
    inspected?.workspaceFolderValue !== undefined
      ? vscode.ConfigurationTarget.WorkspaceFolder
      : inspected?.workspaceValue !== undefined
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
  await configuration.update(key, value, target);
}

export function affectsConnection(event: vscode.ConfigurationChangeEvent): boolean {
  return ['callbell.apiBaseUrl', 'http.proxy', 'http.proxyStrictSSL', 'http.noProxy'].some((section) => event.affectsConfiguration(section));
}
