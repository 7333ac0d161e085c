/**
 * What narrowing and exporting cost on big accounts, each beside a baseline measured in the same run:
 * - a filter change answered from the loaded listing (filter, then regroup for the tree) against a
 *   full re-sort and regroup of the listing (what every new listing costs locally) and against the
 *   requests the old behaviour sent (the whole unfiltered listing again, 500 pages at 30 ms);
 * - a text filter keystroke and a sort change, against the same re-sort baseline;
 * - an export of 100,000 contacts streamed to a file (time, peak RSS, longest event-loop stall)
 *   against building the whole file in memory and writing it at once.
 *
 *   npm run build:tests && node --expose-gc out/test/bench/filters.bench.js
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CallbellClient, type Contact } from '../../src/api';
import { parseContact } from '../../src/api/parse';
import { EXPORT_CHUNK_SIZE, exportChunks } from '../../src/contacts/export';
import { writeExport } from '../../src/contacts/exportFile';
import { ENGLISH_FIELD_LABELS } from '../../src/contacts/fields';
import type { ContactFilter } from '../../src/contacts/filter';
import { createCollator, groupContacts, sortContacts } from '../../src/contacts/grouping';
import { ContactsModel } from '../../src/contacts/model';
import { ContactStore } from '../../src/contacts/store';
import { generateContacts } from '../fake-server/data';
import { FakeCallbell } from '../fake-server/server';

const SIZES = [10_000, 100_000];
const RUNS = 7;
const collator = createCollator('en');
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

const FILTERS: ContactFilter[] = [
  { source: 'instagram', tags: [] },
  { tags: ['vip', 'lead'], tagMatch: 'any' },
  { source: 'whatsapp', tags: ['ventas'] },
  { tags: [], assignedUser: 'john.doe@email.com' },
  { tags: [] },
];

async function median(run: (index: number) => unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run(i);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

function parsed(size: number): Contact[] {
  return generateContacts(size, { seed: 11 }).flatMap((json) => {
    const result = parseContact(json);
    return 'contact' in result ? [result.contact] : [];
  });
}

const ms = (value: number): string => `${value.toFixed(1).padStart(8)} ms`;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0).padStart(5)} MB`;
const ratio = (value: number, baseline: number): string => `${(baseline / value).toFixed(1)}× faster than the baseline`;

async function localFilters(size: number): Promise<void> {
  const contacts = parsed(size);
  const store = new ContactStore(async () => contacts);
  await store.refresh();
  const model = new ContactsModel(store, collator);
  model.groups('tag');
  const baseline = await median(() => groupContacts(sortContacts(contacts, collator), 'tag', collator, { presorted: true }));
  // Setting a filter again redoes all the work (the store filters, the model regroups): each run is a full change.
  const filterChanges: [string, number][] = [];
  for (const filter of FILTERS) {
    filterChanges.push([JSON.stringify(filter), await median(async () => {
      await store.setFilter(filter);
      model.groups('tag');
    })]);
  }
  await store.setFilter({ tags: [] });
  const keystroke = await median((i) => {
    model.setTextFilter(['m', 'ma', 'mar', 'mari', 'maria', 'mar', 'ma'][i]);
    model.groups('tag');
  });
  model.setTextFilter('');
  const sortChange = await median((i) => {
    model.setSortBy(i % 2 === 0 ? 'newest' : 'oldest');
    model.groups('tag');
  });
  console.log(`\n${size.toLocaleString('en')} contacts, grouped by tag (median of ${RUNS})`);
  console.log(`  baseline: re-sort + regroup the listing ${ms(baseline)}`);
  for (const [filter, time] of filterChanges) console.log(`  local filter change + regroup          ${ms(time)}  ${ratio(time, baseline)}  ${filter}`);
  console.log(`  text filter keystroke + regroup        ${ms(keystroke)}  ${ratio(keystroke, baseline)}`);
  console.log(`  sort change (by date) + regroup        ${ms(sortChange)}  ${ratio(sortChange, baseline)}`);
}

/** The old cost of clearing a filter: the whole unfiltered listing again, from a server 30 ms away. */
async function requestBaseline(): Promise<void> {
  const size = 10_000;
  const server = await FakeCallbell.start({ contacts: generateContacts(size, { seed: 11 }), latencyMs: 30 });
  const client = new CallbellClient({ baseUrl: server.baseUrl, token: server.token, env: {} });
  try {
    const started = performance.now();
    const listed = await client.listContacts({});
    const elapsed = performance.now() - started;
    const requests = server.requests.length;
    const store = new ContactStore(async () => listed);
    await store.refresh();
    const model = new ContactsModel(store, collator);
    model.groups('tag');
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await store.setFilter({ source: 'instagram', tags: [] });
      model.groups('tag');
      const started = performance.now();
      await store.setFilter({ tags: [] });
      model.groups('tag');
      times.push(performance.now() - started);
    }
    const local = times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
    console.log(`\nclearing a filter on ${size.toLocaleString('en')} contacts, server 30 ms away, default client (4 in flight, 100 req/s)`);
    console.log(`  baseline: reload the listing          ${ms(elapsed)}  (${requests} requests)`);
    console.log(`  from the loaded listing, regrouped    ${ms(local)}  (0 requests)  ${ratio(local, elapsed)}`);
  } finally {
    await client.close();
    await server.close();
  }
}

interface ExportRun {
  readonly ms: number;
  /** Growth over the start: resident set, and the JavaScript heap plus buffers (steadier). */
  readonly peakRss: number;
  readonly peakHeap: number;
  readonly maxStallMs: number;
  readonly bytes: number;
}

async function measureExport(write: (sample: () => void) => Promise<string>): Promise<ExportRun> {
  gc();
  const heap = (): number => {
    const usage = process.memoryUsage();
    return usage.heapUsed + usage.external + usage.arrayBuffers;
  };
  const before = { rss: process.memoryUsage.rss(), heap: heap() };
  const peak = { ...before };
  const sample = (): void => {
    peak.rss = Math.max(peak.rss, process.memoryUsage.rss());
    peak.heap = Math.max(peak.heap, heap());
  };
  const stalls = await stallMeter();
  const started = performance.now();
  const file = await write(sample);
  const elapsed = performance.now() - started;
  sample();
  const maxStallMs = stalls.stop();
  const bytes = fs.statSync(file).size;
  fs.rmSync(file);
  return { ms: elapsed, peakRss: peak.rss - before.rss, peakHeap: peak.heap - before.heap, maxStallMs, bytes };
}

/** The longest time the event loop could not run a 10 ms timer: how long the editor would freeze. */
async function stallMeter(): Promise<{ stop(): number }> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last - 10);
    last = now;
  }, 10);
  await new Promise((resolve) => setTimeout(resolve, 25));
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(longest, performance.now() - last - 10);
    },
  };
}

async function exportFiles(): Promise<void> {
  const size = 100_000;
  const contacts = parsed(size);
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'callbell-bench-'));
  const format = { labels: ENGLISH_FIELD_LABELS };
  try {
    console.log(`\nexport of ${size.toLocaleString('en')} contacts (growth over the start: RSS, heap + buffers; longest event-loop stall)`);
    for (const kind of ['csv', 'json'] as const) {
      // Streamed first: memory the baseline takes is not all given back, and would hide the streamed figure.
      const streamed = await measureExport(async (sample) => {
        const file = path.join(directory, `streamed.${kind}`);
        await writeExport(file, exportChunks(contacts, kind, format), { onProgress: sample });
        return file;
      });
      const naive = await measureExport(async (sample) => {
        const file = path.join(directory, `naive.${kind}`);
        const text = [...exportChunks(contacts, kind, format)].map((chunk) => chunk.text).join('');
        sample();
        fs.writeFileSync(file, text);
        return file;
      });
      const line = (label: string, run: ExportRun): string =>
        `  ${label.padEnd(44)} ${ms(run.ms)}  RSS +${mb(run.peakRss)}  heap +${mb(run.peakHeap)}  stall ${run.maxStallMs.toFixed(0).padStart(6)} ms  (${mb(run.bytes)} file)`;
      console.log(line(`baseline: ${kind.toUpperCase()} built in memory, written at once`, naive));
      console.log(line(`${kind.toUpperCase()} streamed, ${EXPORT_CHUNK_SIZE} contacts a chunk`, streamed));
      console.log(
        `  → streamed/baseline: time ×${(streamed.ms / naive.ms).toFixed(2)}, heap ×${(streamed.peakHeap / Math.max(1, naive.peakHeap)).toFixed(2)}, ` +
          `longest stall ×${(streamed.maxStallMs / Math.max(1, naive.maxStallMs)).toFixed(3)}`,
      );
    }
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(`filters and export, node ${process.version}${(globalThis as { gc?: unknown }).gc ? '' : ' (run with --expose-gc for steadier memory figures)'}`);
  for (const size of SIZES) await localFilters(size);
  await requestBaseline();
  await exportFiles();
}

void main();
