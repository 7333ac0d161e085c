/**
 * Runs Debian's tinyproxy on a free loopback port for the proxy tests, with its log in a temp
 * directory so a test can show that requests really went through it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TINYPROXY = '/usr/bin/tinyproxy';

export interface Tinyproxy {
  readonly url: string;
  readonly port: number;
  /** The log so far. */
  log(): string;
  /** Lines of the log that record a proxied request (CONNECT tunnels or forwarded GETs). */
  requestLines(): string[];
  stop(): Promise<void>;
}

/** Extra config lines, e.g. `ConnectPort 443` to make tinyproxy refuse tunnels to other ports. */
export async function startTinyproxy(extraConfig: string[] = []): Promise<Tinyproxy> {
  if (!existsSync(TINYPROXY)) {
    throw new Error(`${TINYPROXY} not found: the proxy tests need Debian's tinyproxy (apt-get install tinyproxy).`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'callbell-tinyproxy-'));
  const logFile = join(dir, 'tinyproxy.log');
  const port = await freePort();
  const config = [
    `Port ${port}`,
    'Listen 127.0.0.1',
    'Timeout 30',
    `LogFile "${logFile}"`,
    'LogLevel Connect',
    'MaxClients 50',
    'Allow 127.0.0.1',
    'ViaProxyName "callbell-test-proxy"',
    ...extraConfig,
  ].join('\n');
  const configFile = join(dir, 'tinyproxy.conf');
  writeFileSync(configFile, config + '\n');

  const child: ChildProcess = spawn(TINYPROXY, ['-d', '-c', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  try {
    await waitForPort(port, 5000, () => child.exitCode !== null);
  } catch (error) {
    child.kill('SIGKILL');
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`tinyproxy did not start on port ${port}: ${String(error)}\n${stderr}\n${log}`);
  }

  const log = (): string => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    log,
    requestLines: () => log().split('\n').filter((line) => /Request \(file descriptor \d+\): (CONNECT|GET) /.test(line)),
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A port nobody listens on right now (the kernel picks it; tiny race, fine for tests). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, timeoutMs: number, gaveUp: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gaveUp()) throw new Error('the process exited');
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('timed out');
}
