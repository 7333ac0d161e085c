/**
 * How long listContacts takes for a 10,000-contact account (500 pages of 20) at 30 ms per request,
 * for several maxConcurrency values. Used to pick DEFAULT_MAX_CONCURRENCY (see src/api/client.ts).
 *
 *   npx tsc -p tsconfig.test.json && node out/test/bench/listContacts.bench.js
 *
 * Each setting is measured three times with the rate cap lifted (to see concurrency alone; the
 * median is shown), and once more with the client's default rate cap.
 */
import { CallbellClient, DEFAULT_MAX_CONCURRENCY, DEFAULT_MAX_REQUESTS_PER_SECOND } from '../../src/api';
import { generateContacts } from '../fake-server/data';
import { FakeCallbell } from '../fake-server/server';

const CONTACTS = 10_000;
const LATENCY_MS = 30;
const CONCURRENCY = [1, 2, 4, 6, 8, 16];

interface Run {
  totalMs: number;
  firstPageMs: number;
  requests: number;
}

async function measure(server: FakeCallbell, maxConcurrency: number, maxRequestsPerSecond: number): Promise<Run> {
  const client = new CallbellClient({ baseUrl: server.baseUrl, token: server.token, maxConcurrency, maxRequestsPerSecond, env: {} });
  server.resetRequests();
  const started = performance.now();
  let firstPageMs = 0;
  try {
    const contacts = await client.listContacts({}, {
      onPage: () => {
        firstPageMs ||= performance.now() - started;
      },
    });
    if (contacts.length !== CONTACTS) throw new Error(`loaded ${contacts.length} contacts, expected ${CONTACTS}`);
    return { totalMs: performance.now() - started, firstPageMs, requests: server.requests.length };
  } finally {
    await client.close();
  }
}

async function main(): Promise<void> {
  const server = await FakeCallbell.start({ contacts: generateContacts(CONTACTS, { seed: 42 }), latencyMs: LATENCY_MS });
  try {
    console.log(`listContacts: ${CONTACTS} contacts, 20 per page, ${LATENCY_MS} ms latency per request, node ${process.version}`);
    console.log(`maxConcurrency | uncapped (median of 3) | req/s | default cap ${DEFAULT_MAX_REQUESTS_PER_SECOND}/s | first page`);
    for (const concurrency of CONCURRENCY) {
      const runs: Run[] = [];
      for (let i = 0; i < 3; i++) runs.push(await measure(server, concurrency, 100_000));
      runs.sort((x, y) => x.totalMs - y.totalMs);
      const median = runs[1];
      const capped = await measure(server, concurrency, DEFAULT_MAX_REQUESTS_PER_SECOND);
      const mark = concurrency === DEFAULT_MAX_CONCURRENCY ? ' (default)' : '';
      console.log(
        `${String(concurrency).padStart(2)}${mark.padEnd(10)} | ${seconds(median.totalMs)} ` +
          `(${runs.map((r) => (r.totalMs / 1000).toFixed(2)).join(' / ')}) | ` +
          `${Math.round(median.requests / (median.totalMs / 1000)).toString().padStart(4)} | ${seconds(capped.totalMs)} | ` +
          `${Math.round(median.firstPageMs)} ms`,
      );
    }
  } finally {
    await server.close();
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2).padStart(6)} s`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
