/** Shared set-up for the API client tests: a fake server per test and a client with fast retries. */
import { CallbellClient, type CallbellClientOptions } from '../../../src/api';
import type { Contact } from '../../../src/api';
import type { RequestLogEvent } from '../../../src/api';
import { FakeCallbell, type FakeCallbellOptions } from '../../fake-server/server';

export interface Harness {
  server: FakeCallbell;
  client: CallbellClient;
  warnings: { message: string; code: string }[];
  log: RequestLogEvent[];
}

const open: { server: FakeCallbell; client: CallbellClient }[] = [];

/**
 * Starts a fake server and a client for it. Retries are fast (10 ms base) so failure tests take
 * milliseconds; the environment is empty so a developer's HTTP_PROXY cannot reroute the test.
 */
export async function harness(
  serverOptions: FakeCallbellOptions = {},
  clientOptions: Partial<CallbellClientOptions> = {},
): Promise<Harness> {
  const server = await FakeCallbell.start(serverOptions);
  const warnings: Harness['warnings'] = [];
  const log: RequestLogEvent[] = [];
  const client = new CallbellClient({
    baseUrl: server.baseUrl,
    token: server.token,
    retryBaseDelayMs: 10,
    timeoutMs: 2000,
    env: {},
    onWarning: (message, code) => warnings.push({ message, code }),
    onRequest: (event) => log.push(event),
    ...clientOptions,
  });
  open.push({ server, client });
  return { server, client, warnings, log };
}

/** Closes every client and server started by harness(); call from afterEach. */
export async function closeAll(): Promise<void> {
  const all = open.splice(0);
  await Promise.all(all.map(async ({ server, client }) => {
    await client.close();
    await server.close();
  }));
}

/** Requests the fake received for the contacts list. */
export function contactRequests(server: FakeCallbell): FakeCallbell['requests'] {
  return server.requests.filter((r) => r.path === '/v1/contacts');
}

export function uuids(contacts: readonly Contact[] | readonly { uuid?: unknown }[]): unknown[] {
  return contacts.map((c) => c.uuid);
}

/** Runs `promise` and returns the error it rejects with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
