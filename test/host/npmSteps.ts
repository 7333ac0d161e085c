/**
 * The npm commands of the VS Code server install, each with its output appended to the install log and a
 * heartbeat on the console while it runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { HostSetupError } from './prerequisites';

type Log = (message: string) => void;

export const NPM_QUIET = ['--no-audit', '--no-fund', '--no-update-notifier'];

/** Environment for npm: this process's minus the `npm_*` variables of an outer `npm run`, which would redirect the install. */
export function npmEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^npm_/i.test(k)) env[k] = v;
  }
  return { ...env, ...extra };
}

export interface NpmStep {
  /** Names the step in messages, e.g. "unpacking code-server". */
  readonly what: string;
  readonly env: NodeJS.ProcessEnv;
  readonly logFile: string;
  readonly log: Log;
  /** Told the npm process while it runs (and `undefined` after), so an interrupted install can kill it. */
  readonly onChild: (child: ChildProcess | undefined) => void;
}

/** Runs `npm <args>` in `prefix`, its output appended to the install log. */
export async function npm(prefix: string, args: readonly string[], step: NpmStep): Promise<void> {
  const { what, env, logFile, log } = step;
  fs.appendFileSync(logFile, `\n$ npm ${args.join(' ')}\n`);
  const out = fs.openSync(logFile, 'a');
  const started = Date.now();
  const child = spawn('npm', args, { cwd: prefix, env, stdio: ['ignore', out, out], detached: true });
  fs.closeSync(out);
  step.onChild(child);
  const heartbeat = setInterval(() => log(`  … still ${what} (${Math.round((Date.now() - started) / 1000)} s)`), 30_000);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (c, signal) => resolve(signal ? null : c));
    });
    if (code !== 0) {
      const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
      throw new HostSetupError(`npm ${args[0]} (${what}) failed (exit ${code ?? 'by signal'}). Last lines of ${logFile}:\n${tail}`);
    }
  } finally {
    clearInterval(heartbeat);
    step.onChild(undefined);
  }
}

