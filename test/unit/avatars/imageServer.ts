/**
 * Local servers for the avatar tests, on loopback only: an image server whose answers a test sets
 * per path, and a guard that records every outgoing connection and stops any that would leave the
 * machine, so a broken address check fails a test instead of sending traffic.
 */
import * as http from 'node:http';
import * as net from 'node:net';

export interface ImageAnswer {
  readonly type: string;
  readonly body: Buffer | string;
  readonly status?: number;
  /** The body is sent only when this resolves. */
  readonly hold?: Promise<void>;
  /** The headers and the first byte go at once, the rest of the body only when this resolves. */
  readonly holdBody?: Promise<void>;
}

export interface ImageServer {
  /** http://127.0.0.1:port */
  readonly origin: string;
  readonly port: number;
  /** Paths requested so far, in order. */
  readonly requests: string[];
  /** TCP connections accepted so far. */
  connections(): number;
  answer(path: string, answer: ImageAnswer): void;
  /** Resolves once `path` has been requested. */
  requested(path: string): Promise<void>;
  close(): Promise<void>;
}

export async function startImageServer(host = '127.0.0.1'): Promise<ImageServer> {
  const answers = new Map<string, ImageAnswer>();
  const requests: string[] = [];
  const waiting = new Map<string, (() => void)[]>();
  let connections = 0;
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push(path);
    for (const resolve of waiting.get(path) ?? []) resolve();
    waiting.delete(path);
    const answer = answers.get(path);
    if (answer === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    void (answer.hold ?? Promise.resolve()).then(() => {
      if (res.destroyed) return;
      res.writeHead(answer.status ?? 200, { 'content-type': answer.type });
      if (answer.holdBody === undefined) {
        res.end(answer.body);
        return;
      }
      const body = Buffer.from(answer.body);
      res.write(body.subarray(0, 1));
      void answer.holdBody.then(() => {
        if (!res.destroyed) res.end(body.subarray(1));
      });
    });
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    origin: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    requests,
    connections: () => connections,
    answer: (path, answer) => answers.set(path, answer),
    requested: (path) => (requests.includes(path) ? Promise.resolve() : new Promise((resolve) => waiting.set(path, [...(waiting.get(path) ?? []), resolve]))),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A TCP port that counts the connections it gets and answers none of them (no TLS, no HTTP). */
export async function startSilentPort(host: string): Promise<{ port: number; connections(): number; close(): Promise<void> }> {
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    connections: () => connections,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export interface EgressGuard {
  /** Hosts every socket tried to connect to, loopback ones included. */
  readonly attempts: string[];
  /** The hosts of those attempts that were stopped because they would have left the machine. */
  readonly stopped: string[];
  uninstall(): void;
}

const LOCAL_HOSTS = /^(localhost|127\.\d+\.\d+\.\d+|::1|\[::1\]|::ffff:127\.\d+\.\d+\.\d+)$/;

/** Wraps net.Socket#connect, which every TCP and TLS connection of this process goes through. */
export function guardEgress(): EgressGuard {
  const original = net.Socket.prototype.connect;
  const attempts: string[] = [];
  const stopped: string[] = [];
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
    const options = typeof first === 'object' && first !== null ? (first as { host?: string; path?: string }) : undefined;
    if (options?.path === undefined && typeof first !== 'string') {
      const host = options ? (options.host ?? 'localhost') : typeof args[1] === 'string' ? args[1] : 'localhost';
      attempts.push(host);
      if (!LOCAL_HOSTS.test(host)) {
        stopped.push(host);
        process.nextTick(() => this.destroy(Object.assign(new Error(`test guard: no connection to ${host}`), { code: 'EGUARDED' })));
        return this;
      }
    }
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof original;
  return { attempts, stopped, uninstall: () => (net.Socket.prototype.connect = original) };
}
