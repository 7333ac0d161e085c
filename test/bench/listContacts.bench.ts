/**
 * A full load of 10,000 contacts (500 pages of 20) with the client's default pacing, against the fake
 * server enforcing Callbell's 300 requests/s, at 50, 150 and 300 ms per request. Each figure is set
 * beside, from the same run:
 * - the budget's ideal: latency + 499 pages ÷ budget (page 1 alone, then the rest at the budget);
 * - a sequential loop (maxConcurrency 1), measured over 50 pages and scaled to 500 (at 300 ms the
 *   full sequential load would take 150 s).
 * Targets: at most 1.25× the ideal at 50 and 150 ms, and no 429. Then the same load against a server
 * that allows only 20 requests/s (no Retry-After, as Callbell documents none): it must complete.
 *
 *   npm run bench   (or: npx tsc -p tsconfig.test.json && node out/test/bench/listContacts.bench.js)
 */
import { CallbellClient, DEFAULT_MAX_CONCURRENCY, DEFAULT_MAX_REQUESTS_PER_SECOND, type CallbellClientOptions } from '../../src/api';
import { generateContacts, type ContactJson } from '../fake-server/data';
import { FakeCallbell } from '../fake-server/server';

const CONTACTS = 10_000;
const PAGES = CONTACTS / 20;
const LATENCIES_MS = [50, 150, 300];
const BASELINE_PAGES = 50;
const CALLBELL_LIMIT = 300;
const TIGHT_LIMIT = 20;
const TARGET_RATIO = 1.25;

interface Run {
  totalMs: number;
  firstPageMs: number;
  contacts: number;
  rateLimited: number;
  /** Most requests the server received in any sliding second. */
  peakPerSecond: number;
  slowDownWarnings: number;
}

async function measure(data: ContactJson[], latencyMs: number, limit: number, options: Partial<CallbellClientOptions> = {}): Promise<Run> {
  const server = await FakeCallbell.start({ contacts: data, latencyMs, rateLimitPerSecond: limit });
  let slowDownWarnings = 0;
  const client = new CallbellClient({
    baseUrl: server.baseUrl,
    token: server.token,
    env: {},
    onWarning: (_message, code) => (slowDownWarnings += code === 'rateLimited' ? 1 : 0),
    ...options,
  });
  const started = performance.now();
  let firstPageMs = 0;
  try {
    const contacts = await client.listContacts({}, { onPage: () => (firstPageMs ||= performance.now() - started) });
    if (contacts.length !== data.length) throw new Error(`loaded ${contacts.length} contacts, expected ${data.length}`);
    const totalMs = performance.now() - started;
    return { totalMs, firstPageMs, contacts: contacts.length, rateLimited: server.rateLimited, peakPerSecond: peakPerSecond(server), slowDownWarnings };
  } finally {
    await client.close();
    await server.close();
  }
}

function peakPerSecond(server: FakeCallbell): number {
  const times = server.requests.map((r) => r.at).sort((a, b) => a - b);
  let peak = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i] - times[j] >= 1000) j += 1;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}

async function main(): Promise<void> {
  const budget = DEFAULT_MAX_REQUESTS_PER_SECOND;
  const data = generateContacts(CONTACTS, { seed: 42 });
  const baselineData = data.slice(0, BASELINE_PAGES * 20);
  const benchStarted = performance.now();
  // Not reported: the process's first requests pay for compiling undici and the parser.
  await measure(baselineData, 0, 0, { maxRequestsPerSecond: 10_000 });
  console.log(
    `listContacts: ${CONTACTS.toLocaleString('en-US')} contacts (${PAGES} pages of 20), default pacing: budget ${budget} req/s, ` +
      `at most ${DEFAULT_MAX_CONCURRENCY} in flight; fake server enforcing ${CALLBELL_LIMIT} req/s; node ${process.version}`,
  );
  console.log(`ideal = latency + ${PAGES - 1} pages ÷ ${budget} req/s; sequential = maxConcurrency 1, ${BASELINE_PAGES} pages measured, ×${PAGES / BASELINE_PAGES}`);
  console.log('');
  console.log('latency | paced load | ideal   | ratio (target ≤ 1.25) | sequential | paced vs sequential | 429s (target 0) | peak req/s at server | first page');
  for (const latencyMs of LATENCIES_MS) {
    const paced = await measure(data, latencyMs, CALLBELL_LIMIT);
    const sequential = await measure(baselineData, latencyMs, CALLBELL_LIMIT, { maxConcurrency: 1 });
    const sequentialMs = (sequential.totalMs * PAGES) / BASELINE_PAGES;
    const idealMs = latencyMs + ((PAGES - 1) * 1000) / budget;
    const ratio = paced.totalMs / idealMs;
    const judged = latencyMs <= 150 ? (ratio <= TARGET_RATIO ? ' ok' : ' MISSED') : ' (no target)';
    console.log(
      `${String(latencyMs).padStart(4)} ms | ${seconds(paced.totalMs)} | ${seconds(idealMs)} | ${ratio.toFixed(2)}×${judged.padEnd(14)} | ` +
        `${seconds(sequentialMs)}  | ${(sequentialMs / paced.totalMs).toFixed(1).padStart(5)}× faster       | ` +
        `${String(paced.rateLimited).padStart(3)}${paced.rateLimited === 0 ? ' ok' : ' MISSED'}          | ` +
        `${String(paced.peakPerSecond).padStart(9)}            | ${Math.round(paced.firstPageMs)} ms`,
    );
  }

  console.log('');
  const tight = await measure(data, 50, TIGHT_LIMIT);
  const tightIdealMs = 50 + ((PAGES - 1) * 1000) / TIGHT_LIMIT;
  console.log(
    `Server allowing only ${TIGHT_LIMIT} req/s (50 ms, no Retry-After): completed, ${tight.contacts.toLocaleString('en-US')} contacts in ` +
      `${seconds(tight.totalMs).trim()} (${(tight.totalMs / tightIdealMs).toFixed(2)}× the ${seconds(tightIdealMs).trim()} that ${TIGHT_LIMIT} req/s allows), ` +
      `${tight.rateLimited} 429s, ${tight.slowDownWarnings} warning, peak ${tight.peakPerSecond} req/s`,
  );
  console.log(`(bench took ${seconds(performance.now() - benchStarted).trim()})`);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2).padStart(6)} s`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
