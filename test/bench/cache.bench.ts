/**
 * What the encrypted contacts cache costs at 10,000 contacts: the warm start (read, decrypt, parse),
 * against the same data kept as plain JSON, so the ratio is the price of encryption; the write and
 * the longest event-loop stall it causes; the file size; and the heap the loaded contacts hold.
 *
 *   npm run build:tests && node --expose-gc out/test/bench/cache.bench.js
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseContact, type Contact } from '../../src/api';
import { ContactsCache, type CachedContacts, type SecretStore } from '../../src/cache';
import { generateContacts } from '../fake-server/data';

const CONTACTS = 10_000;
const RUNS = 11;
const TARGET_MS = 150;
const API_KEY = 'bench-api-key-0123456789abcdef';

interface Timing {
  readonly median: number;
  /** The fastest run: closest to the cost on an idle core when other processes compete for the CPU. */
  readonly best: number;
  /** Median CPU time of the process (all its threads): what the work costs, whatever the machine's load. */
  readonly cpu: number;
}

/** Runs the measured code and its baseline in turn, so both meet the same load on the machine. */
async function compare(measured: () => Promise<unknown>, baseline: () => Promise<unknown>): Promise<[Timing, Timing]> {
  const wall: [number[], number[]] = [[], []];
  const cpu: [number[], number[]] = [[], []];
  for (let i = 0; i < RUNS; i++) {
    for (const [index, run] of [measured, baseline].entries()) {
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      await run();
      const used = process.cpuUsage(cpuStarted);
      wall[index].push(performance.now() - started);
      cpu[index].push((used.user + used.system) / 1000);
    }
  }
  const sorted = (list: number[]): number[] => [...list].sort((a, b) => a - b);
  return [0, 1].map((index) => ({
    median: sorted(wall[index])[Math.floor(RUNS / 2)],
    best: sorted(wall[index])[0],
    cpu: sorted(cpu[index])[Math.floor(RUNS / 2)],
  })) as [Timing, Timing];
}

function parseAll(entries: readonly unknown[]): Contact[] {
  return entries.map(parseContact).flatMap((parsed) => ('contact' in parsed ? [parsed.contact] : []));
}

/** Kept reachable across the second collection, so what it holds counts. */
let retained: unknown;

/** Heap still in use after building what `load` returns, with garbage collected on both sides. */
async function heapHeld(load: () => Promise<unknown>): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with node --expose-gc');
  gc();
  const before = process.memoryUsage().heapUsed;
  retained = await load();
  gc();
  const after = process.memoryUsage().heapUsed;
  if (retained === undefined) throw new Error('nothing loaded');
  retained = undefined;
  return after - before;
}

const ms = (value: number): string => `${value.toFixed(1).padStart(6)} ms`;
const timing = (t: Timing): string => `${ms(t.median)} (best ${t.best.toFixed(1)}, cpu ${t.cpu.toFixed(1)})`;
const ratio = (a: Timing, b: Timing): string =>
  `${(a.median / b.median).toFixed(2)}× (best ${(a.best / b.best).toFixed(2)}×, cpu ${(a.cpu / b.cpu).toFixed(2)}×)`;
const mb = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

async function main(): Promise<void> {
  const values = new Map<string, string>();
  const secrets: SecretStore = {
    get: async (key) => values.get(key),
    store: async (key, value) => void values.set(key, value),
    delete: async (key) => void values.delete(key),
  };
  const directory = await mkdtemp(path.join(tmpdir(), 'callbell-cache-bench-'));
  const cache = new ContactsCache({ directory, secrets, log: (line) => console.log(`  log: ${line}`) });
  try {
    const contacts = parseAll(generateContacts(CONTACTS, { seed: 7 }));
    if (contacts.length !== CONTACTS) throw new Error(`parsed ${contacts.length} of ${CONTACTS}`);
    console.log(`contacts cache, node ${process.version}, ${cpus().length} cores, median of ${RUNS} (fastest run; CPU time), load average ${loadavg()[0].toFixed(1)}`);
    console.log(`\n${CONTACTS.toLocaleString('en')} contacts`);

    // Baseline: the same payload unencrypted, read and parsed the same way.
    const plainFile = path.join(directory, 'plain.json');
    const json = JSON.stringify({ version: 1, savedAt: Date.now(), filter: {}, contacts: contacts.map((c) => c.raw) });
    await writeFile(plainFile, json);
    const readPlain = async (): Promise<Contact[]> => parseAll((JSON.parse(await readFile(plainFile, 'utf8')) as { contacts: unknown[] }).contacts);

    let bytes = 0;
    const [writeMs, stringifyMs] = await compare(async () => {
      const result = await cache.write(API_KEY, {}, contacts);
      if (!result.written) throw new Error(`not written: ${result.reason}`);
      bytes = result.bytes;
    }, async () => JSON.stringify(contacts.map((c) => c.raw)));
    const stall = monitorEventLoopDelay({ resolution: 1 });
    stall.enable();
    // The histogram counts from its first tick on: let it tick before the write starts.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await cache.write(API_KEY, {}, contacts);
    await new Promise((resolve) => setTimeout(resolve, 20));
    stall.disable();

    let warm: CachedContacts | undefined;
    const [readMs, plainMs] = await compare(async () => (warm = await cache.read(API_KEY, {})), readPlain);
    if (warm?.contacts.length !== CONTACTS) throw new Error(`read ${warm?.contacts.length} of ${CONTACTS}`);

    console.log(`  warm start (read, decrypt, parse)    ${timing(readMs)}   target < ${TARGET_MS} ms: ${readMs.median < TARGET_MS ? 'met' : 'MISSED'}`);
    console.log(`    baseline: plain JSON read + parse  ${timing(plainMs)}   ratio ${ratio(readMs, plainMs)}`);
    console.log(`  write (stringify, encrypt, rename)   ${timing(writeMs)}`);
    console.log(`    baseline: JSON.stringify alone     ${timing(stringifyMs)}   ratio ${ratio(writeMs, stringifyMs)}`);
    console.log(`  longest event-loop stall in a write  ${ms(stall.max / 1e6)}   file ${mb(bytes)}, its JSON ${mb(Buffer.byteLength(json))}`);

    const heldCache = await heapHeld(() => cache.read(API_KEY, {}));
    const heldRaw = await heapHeld(async () => (JSON.parse(json) as { contacts: unknown[] }).contacts);
    const jsonBytes = Buffer.byteLength(json);
    console.log(`  heap held by the loaded contacts     ${mb(heldCache)} = ${(heldCache / jsonBytes).toFixed(2)}× their JSON`);
    console.log(`    baseline: the JSON objects alone   ${mb(heldRaw)} = ${(heldRaw / jsonBytes).toFixed(2)}×   ratio ${(heldCache / heldRaw).toFixed(2)}×`);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
