/**
 * The log folder of one host run: kept (and pointed to) when the run fails, removed when it passes.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { addCleanup, terminatedBySignal } from './cleanup';
import { TEST_OUTPUT_TAG } from './hostEntry';
import type { VsCodeServer } from './vscodeServer';

export const say = (message: string) => process.stdout.write(`[host] ${message}\n`);

/** Where the server output, the workbench log and (on failure) VS Code's own log files go. */
export interface RunLogs {
  readonly dir: string;
  readonly file: string;
  failed: boolean;
}

export function createLogs(): RunLogs {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'callbell-host-logs-'));
  const logs: RunLogs = { dir, file: path.join(dir, 'host.log'), failed: true };
  fs.writeFileSync(logs.file, '');
  // Registered first, so it runs last: keep the logs of a failed run, drop those of a good one.
  addCleanup('logs', () => {
    const empty = !fs.existsSync(logs.file) || fs.statSync(logs.file).size === 0;
    if (!logs.failed || terminatedBySignal() || empty) {
      fs.rmSync(dir, { recursive: true, force: true });
      return;
    }
    say(`Logs of this run kept in ${dir}: host.log (VS Code server, extension host and workbench output), vscode-logs/ (VS Code's log files)`);
    const errors = fs
      .readFileSync(logs.file, 'utf8')
      .split('\n')
      .filter((l) => /\b(error|ERR|exception|failed)\b/i.test(l) && !l.includes(TEST_OUTPUT_TAG) && !/Failed to load resource|404|Canceled/.test(l));
    // The last distinct ones, in order.
    const distinct = [...new Set(errors.reverse())].slice(0, 12).reverse();
    if (distinct.length > 0) {
      say(`Last error lines of ${logs.file}:`);
      for (const line of distinct) process.stdout.write(`    ${line.slice(0, 400)}\n`);
    }
  });
  return logs;
}

/** Copies VS Code's log folder out of the server's temp folder before that is removed, for failed runs only. */
export function keepVsCodeLogsOnFailure(server: VsCodeServer, logs: RunLogs): void {
  addCleanup('copy VS Code logs', () => {
    if (!logs.failed || terminatedBySignal()) return;
    const src = path.join(server.dirs.userData, 'logs');
    if (fs.existsSync(src)) fs.cpSync(src, path.join(logs.dir, 'vscode-logs'), { recursive: true });
  });
}
