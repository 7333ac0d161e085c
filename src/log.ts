import * as vscode from 'vscode';

/**
 * The "Callbell" output channel: requests, timings and errors. Nothing written here may contain the
 * API key; the API client never puts it in a URL or a message, and callers log only those.
 */
export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('Callbell', { log: true });
}
