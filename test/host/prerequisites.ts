/**
 * What a machine needs beyond `npm ci`, checked before anything slow starts, with the one command that
 * installs what is missing: Debian's chromium to drive the workbench, tinyproxy for the proxy tests, and the
 * build tools for the once-per-machine install of the VS Code server (it compiles a few native modules).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export class HostSetupError extends Error {}

/** Debian's chromium; the only browser these machines have (never `npx playwright install`). */
export const CHROMIUM_PATH = process.env.CALLBELL_CHROMIUM ?? '/usr/bin/chromium';
const TINYPROXY_PATH = '/usr/bin/tinyproxy';

export interface Needs {
  /** The workbench is driven in headless chromium. */
  readonly browser?: boolean;
  /** The VS Code server is not installed yet: node-gyp builds its native modules. */
  readonly install?: boolean;
  /** The unit tests' proxy cases run through tinyproxy. */
  readonly tinyproxy?: boolean;
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir !== '' && fs.existsSync(path.join(dir, command)));
}

/** Debian package → why it is needed, for everything missing. */
export function missingPackages(needs: Needs): Map<string, string> {
  const missing = new Map<string, string>();
  if (needs.browser && !fs.existsSync(CHROMIUM_PATH)) missing.set('chromium', `${CHROMIUM_PATH}, to drive the VS Code workbench`);
  if (needs.tinyproxy && !fs.existsSync(TINYPROXY_PATH)) missing.set('tinyproxy', `${TINYPROXY_PATH}, for the proxy tests`);
  // The TLS cases make a self-signed certificate at test time.
  if (needs.tinyproxy && !onPath('openssl')) missing.set('openssl', 'openssl, for the certificate tests');
  if (needs.install) {
    for (const [command, pkg] of [['python3', 'python3'], ['make', 'make'], ['g++', 'g++']] as const) {
      if (!onPath(command)) missing.set(pkg, `${command}, to build the VS Code server's native modules once`);
    }
  }
  return missing;
}

/** Throws one message naming what is missing and the one command that installs it. */
export function checkPrerequisites(needs: Needs): void {
  const missing = missingPackages(needs);
  if (missing.size === 0) return;
  const lines = [...missing].map(([pkg, why]) => `  ${pkg}: ${why}`);
  throw new HostSetupError(
    `Missing Debian packages:\n${lines.join('\n')}\nInstall them as root with:\n  apt-get install -y ${[...missing.keys()].join(' ')}\n` +
      '(Never `npx playwright install`: the tests drive the Debian chromium.)',
  );
}
