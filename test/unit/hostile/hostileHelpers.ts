/**
 * Shared set-up for the hostile-server probes: a bare node:http server for bodies and headers the
 * fake Callbell cannot produce, a client with fast retries and no proxy, and small assertions.
 * Everything started here is closed by closeHostile() (call it from afterEach).
 */
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallbellClient, CallbellError, type CallbellClientOptions, type CallbellErrorKind, type CallbellErrorReason, type RequestLogEvent } from '../../../src/api';
import { FakeCallbell, type FakeCallbellOptions } from '../../fake-server/server';
export { rejection } from '../api/helpers';

export const TOKEN = 'tok-HOSTILE-5ecret-0123456789abcdef';

export interface RawServer {
  readonly baseUrl: string;
  readonly origin: string;
  /** Every request received: method, url, and the Authorization header as sent. */
  readonly requests: { method: string; url: string; authorization?: string }[];
  close(): Promise<void>;
}

export type RawHandler = (req: http.IncomingMessage, res: http.ServerResponse, index: number) => void;

interface Closeable {
  close(): Promise<void>;
}
const open: Closeable[] = [];

/** A bare HTTP server on 127.0.0.1 that answers every request with `handler`. */
export async function rawServer(handler: RawHandler): Promise<RawServer> {
  const requests: RawServer['requests'] = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization });
    req.resume();
    try {
      handler(req, res, requests.length - 1);
    } catch {
      res.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let closed = false;
  const raw: RawServer = {
    origin: `http://127.0.0.1:${port}`,
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: async () => {
      if (closed) return;
      closed = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  open.push(raw);
  return raw;
}

export interface HostileClient {
  readonly client: CallbellClient;
  readonly warnings: { message: string; code: string }[];
  readonly log: RequestLogEvent[];
}

/** A client for `baseUrl` with fast retries and short timeouts, no proxy from the environment. */
export function hostileClient(baseUrl: string, options: Partial<CallbellClientOptions> = {}): HostileClient {
  const warnings: HostileClient['warnings'] = [];
  const log: RequestLogEvent[] = [];
  const client = new CallbellClient({
    baseUrl,
    token: TOKEN,
    retryBaseDelayMs: 10,
    maxRetryDelayMs: 200,
    timeoutMs: 1500,
    env: {},
    onWarning: (message, code) => warnings.push({ message, code }),
    onRequest: (event) => log.push(event),
    ...options,
  });
  open.push(client);
  return { client, warnings, log };
}

/** The fake Callbell with the probe token, closed by closeHostile(). */
export async function fake(options: FakeCallbellOptions = {}): Promise<FakeCallbell> {
  const server = await FakeCallbell.start({ token: TOKEN, ...options });
  open.push(server);
  return server;
}

export async function closeHostile(): Promise<void> {
  const all = open.splice(0).reverse();
  for (const item of all) await item.close().catch(() => undefined);
}

export function assertCallbellError(error: unknown, kind?: CallbellErrorKind, reason?: CallbellErrorReason): asserts error is CallbellError {
  assert.ok(
    error instanceof CallbellError,
    `expected a CallbellError, got ${error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error)}`,
  );
  if (kind !== undefined) assert.equal(error.kind, kind, error.message);
  if (reason !== undefined) assert.equal(error.reason, reason, error.message);
}

/** Whether `promise` settles within `ms`; it keeps running either way. */
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const settled = promise.then(() => true, () => true);
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** A JSON 200 reply. */
export function sendJson(res: http.ServerResponse, body: unknown, status = 200): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** A 32-hex uuid from a number. */
export function hex(n: number): string {
  return n.toString(16).padStart(32, '0');
}

/** True when the string has no lone surrogate (String.prototype.isWellFormed, without needing ES2024 typings). */
export function isWellFormed(text: string): boolean {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
}
