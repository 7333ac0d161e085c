/**
 * Starts the VS Code server (see vscodeHost.ts) on 127.0.0.1 with throwaway data folders, as the recipe in
 * ../../../shared/vscode-host.md describes, and stops it again with its whole process group (extension
 * host, agent host, language servers).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { addCleanup } from './cleanup';
import { installVsix } from './installVsix';
import { freePort, killGroup, stopProcessGroup } from './processes';
import type { VsCodeHost } from './vscodeHost';

/**
 * Settings every run gets. `chat.disableAIFeatures` keeps the workbench from starting the agent host and its
 * Copilot runtime, which this offline extension host has no use for.
 */
export const BASE_USER_SETTINGS: Readonly<Record<string, unknown>> = {
  'chat.disableAIFeatures': true,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'git.enabled': false,
  'security.workspace.trust.enabled': false,
};

export interface ServerOptions {
  readonly host: VsCodeHost;
  /** Merged over {@link BASE_USER_SETTINGS} into `<user-data-dir>/User/settings.json`, which code-server reads on the server side. */
  readonly userSettings?: Readonly<Record<string, unknown>>;
  /** Extra environment for the server; the extension host inherits it. */
  readonly env?: Readonly<Record<string, string>>;
  /** A fixed port; by default a free one. */
  readonly port?: number;
  readonly bindHost?: string;
  /** Makes the workbench honour `extensionTestsPath` (and hides notification toasts). Default true. */
  readonly smokeTestDriver?: boolean;
  /** Extension folders to install by symlink into the extensions dir, so a plain workbench URL loads them. */
  readonly installExtensions?: readonly string[];
  /** Packaged extensions installed with the server's own `--install-extension` before it starts, as a user would. */
  readonly vsixFiles?: readonly string[];
  /** Name of the (empty) workspace folder the workbench opens; it shows in the title. Default `workspace`. */
  readonly workspaceName?: string;
  /** Everything the server prints goes here. */
  readonly logFile: string;
}

export interface VsCodeServer {
  readonly port: number;
  readonly origin: string;
  readonly authority: string;
  readonly root: string;
  readonly dirs: { readonly serverData: string; readonly userData: string; readonly extensions: string; readonly workspace: string };
  /** Milliseconds from spawn to "Extension host agent listening". */
  readonly startMs: number;
  /** `vscode-remote://127.0.0.1:<port>/<abs path>`, the form the payload wants. */
  remoteUri(absPath: string): string;
  /** The workbench on the temp workspace, with an optional payload of `[key, value]` pairs. */
  workbenchUrl(payload?: ReadonlyArray<readonly [string, string]>): string;
  /** Called with every chunk the server prints (the extension host's stdout included). */
  onOutput(listener: (text: string) => void): void;
  /** Resolves with the exit code if the server dies before {@link stop} was called; never resolves otherwise. */
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

/**
 * Signals and the timeout are handled in-process, but nothing survives a SIGKILL of this process (a CI job
 * killed hard, the OOM killer): this small shell, in a process group of its own, then stops the server's
 * group and removes its folder within about a second.
 */
function startWatchdog(serverPgid: number, root: string): ChildProcess {
  const script =
    'while kill -0 "$1" 2>/dev/null; do sleep 1; done; ' +
    'kill -TERM -"$2" 2>/dev/null; sleep 3; kill -KILL -"$2" 2>/dev/null; rm -rf "$3"';
  const watchdog = spawn('/bin/sh', ['-c', script, 'callbell-host-watchdog', String(process.pid), String(serverPgid), root], {
    stdio: 'ignore',
    detached: true,
  });
  watchdog.unref();
  return watchdog;
}

function extensionFolderName(dir: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  return `${manifest.publisher}.${manifest.name}-${manifest.version}`.toLowerCase();
}

function dirsOf(root: string, opts: ServerOptions): VsCodeServer['dirs'] {
  return {
    serverData: path.join(root, 'server-data'),
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
    workspace: path.join(root, opts.workspaceName ?? 'workspace'),
  };
}

async function startOnce(opts: ServerOptions, root: string, port: number): Promise<VsCodeServer | 'port-taken'> {
  const bindHost = opts.bindHost ?? '127.0.0.1';
  const dirs = dirsOf(root, opts);
  const tmp = path.join(root, 'tmp');
  const args = [
    opts.host.serverMain,
    '--host', bindHost,
    '--port', String(port),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--disable-telemetry',
    '--disable-workspace-trust',
    '--server-data-dir', dirs.serverData,
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
  ];
  if (opts.smokeTestDriver !== false) args.push('--enable-smoke-test-driver');

  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env, EXTENSIONS_GALLERY: '{}' };
  // Keep the server's IPC sockets (and the extension's temp files) inside the run's folder, which is removed
  // afterwards, as long as the socket paths stay within the 107 bytes Unix allows.
  if (tmp.length < 50) {
    env.TMPDIR = tmp;
    delete env.XDG_RUNTIME_DIR;
  }
  // The server must not inherit the mocha/ts-node/inspector options of whoever started us.
  delete env.NODE_OPTIONS;

  const log = fs.createWriteStream(opts.logFile, { flags: 'a' });
  log.on('error', () => undefined);
  log.write(`\n=== ${new Date().toISOString()} ${opts.host.node} ${args.join(' ')}\n`);
  const started = Date.now();
  const child = spawn(opts.host.node, args, { cwd: dirs.workspace, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const pgid = child.pid!;
  let stopped = false;
  // Only an exit nobody asked for: stop() sets `stopped` first.
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => !stopped && resolve(code)));
  const watchdog = startWatchdog(pgid, root);
  const removeCleanup = addCleanup(
    'VS Code server',
    () => stopServer(),
    () => {
      killGroup(pgid, 'SIGKILL');
      if (watchdog.pid) killGroup(watchdog.pid, 'SIGKILL');
      fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
    },
  );
  async function stopServer(): Promise<void> {
    if (stopped) return;
    stopped = true;
    removeCleanup();
    await stopProcessGroup(child);
    if (watchdog.pid) killGroup(watchdog.pid, 'SIGKILL');
    await new Promise<void>((resolve) => log.end(resolve));
    fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  }

  let output = '';
  const listeners: Array<(text: string) => void> = [];
  const ready = new Promise<boolean>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      if (!log.writableEnded) log.write(chunk);
      for (const listener of listeners) listener(chunk.toString('utf8'));
      if (output.length < 100_000) output += chunk.toString('utf8');
      if (/Extension host agent listening on/.test(output)) resolve(true);
      if (/EADDRINUSE/.test(output)) resolve(false);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('error', reject);
    void exited.then((code) => reject(new Error(`the VS Code server exited with code ${code} before listening; see ${opts.logFile}`)));
    setTimeout(() => reject(new Error(`the VS Code server did not report "listening" within 60 s; see ${opts.logFile}`)), 60_000).unref();
  });
  let listening: boolean;
  try {
    listening = await ready;
  } catch (err) {
    await stopServer();
    throw err;
  }
  if (!listening) {
    await stopServer();
    return 'port-taken';
  }
  const startMs = Date.now() - started;
  const authority = `${bindHost}:${port}`;
  const origin = `http://${authority}`;
  return {
    port,
    origin,
    authority,
    root,
    dirs,
    startMs,
    exited,
    onOutput: (listener) => void listeners.push(listener),
    remoteUri: (absPath) => `vscode-remote://${authority}${path.resolve(absPath).split(path.sep).map(encodeURIComponent).join('/')}`,
    workbenchUrl: (payload) => {
      let url = `${origin}/?folder=${encodeURIComponent(dirs.workspace).replace(/%2F/g, '/')}`;
      if (payload && payload.length > 0) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
      return url;
    },
    stop: stopServer,
  };
}

export async function startVsCodeServer(opts: ServerOptions): Promise<VsCodeServer> {
  for (let attempt = 0; ; attempt++) {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'callbell-vscode-'));
    for (const dir of ['server-data', 'user-data/User', 'extensions', opts.workspaceName ?? 'workspace', 'tmp']) {
      fs.mkdirSync(path.join(root, dir), { recursive: true });
    }
    fs.writeFileSync(
      path.join(root, 'user-data', 'User', 'settings.json'),
      JSON.stringify({ ...BASE_USER_SETTINGS, ...opts.userSettings }, null, 2) + '\n',
    );
    for (const ext of opts.installExtensions ?? []) {
      fs.symlinkSync(path.resolve(ext), path.join(root, 'extensions', extensionFolderName(ext)));
    }
    try {
      for (const vsix of opts.vsixFiles ?? []) await installVsix(opts.host, vsix, dirsOf(root, opts), opts.logFile);
    } catch (err) {
      fs.rmSync(root, { recursive: true, force: true });
      throw err;
    }
    const port = opts.port ?? (await freePort(opts.bindHost));
    const server = await startOnce(opts, root, port);
    if (server !== 'port-taken') return server;
    if (opts.port !== undefined) throw new Error(`port ${opts.port} is already in use`);
    if (attempt >= 4) throw new Error('could not find a free port for the VS Code server');
  }
}
