/**
 * What one editor hover costs at 100,000 loaded contacts: finding the uuid or phone number under the
 * cursor in the line, then looking it up in the model's maps. Beside it, the baseline a hover would
 * cost without the maps: the same finder, then a scan of every contact comparing uuids or phone keys.
 * Also the one-off cost of building the maps after a load. Medians of several runs.
 *
 *   npm run build:tests && node out/test/bench/hover.bench.js
 */
import type { Contact } from '../../src/api';
import { parseContact } from '../../src/api/parse';
import { createCollator } from '../../src/contacts/grouping';
import { ContactsModel, phoneKey, sameNationalNumber } from '../../src/contacts/model';
import { type ContactReference, contactsFor, referenceAt } from '../../src/contacts/references';
import { ContactStore } from '../../src/contacts/store';
import { generateContacts } from '../fake-server/data';

const SIZE = 100_000;
const RUNS = 7;
/** Hovers per timed run, so one run is long enough to time. */
const HOVERS = 2_000;

function median(run: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

/** What a hover would do without the maps: every contact compared, the national rule included. */
function scan(contacts: readonly Contact[], reference: ContactReference): Contact[] {
  if (reference.kind === 'uuid') {
    const lower = reference.text.toLowerCase();
    return contacts.filter((contact) => contact.uuid === reference.text || contact.uuid === lower);
  }
  const key = phoneKey(reference.text.replace(/^%2[bB]/, '+'));
  if (key === undefined) return [];
  const exact = contacts.filter((contact) => phoneKey(contact.phoneNumber ?? '') === key);
  if (exact.length > 0) return exact;
  return contacts.filter((contact) => {
    const other = phoneKey(contact.phoneNumber ?? '');
    return other !== undefined && sameNationalNumber(key, other);
  });
}

function us(ms: number): string {
  return `${((ms * 1000) / HOVERS).toFixed(2).padStart(9)} µs`;
}

async function main(): Promise<void> {
  const contacts = generateContacts(SIZE, { seed: 11 }).map(parseContact).flatMap((parsed) => ('contact' in parsed ? [parsed.contact] : []));
  if (contacts.length !== SIZE) throw new Error(`parsed ${contacts.length} of ${SIZE}`);
  const store = new ContactStore(async () => contacts);
  await store.refresh();
  const model = new ContactsModel(store, createCollator('en'));

  const target = contacts[Math.floor(SIZE * 0.7)];
  const digits = (target.phoneNumber ?? '').replace(/\D/g, '');
  // The generated numbers are +CC then nine digits: written nationally, with a trunk zero.
  const national = `0${digits.slice(-9).replace(/(\d{3})(\d{3})(\d{3})/, '$1 $2 $3')}`;
  const cases: [label: string, line: string, at: number][] = [
    ['uuid in a JSON payload', `{"event":"message_created","payload":{"contact":{"uuid":"${target.uuid}"}}}`, 60],
    ['phone, international', `2024-05-01 12:00:01 INFO inbound from ${target.phoneNumber} via whatsapp`, 42],
    ['phone, national form', `SELECT * FROM calls WHERE caller = '${national}' LIMIT 1;`, 38],
    ['no match (unknown uuid)', `{"contact":"${'f'.repeat(32)}"}`, 20],
  ];

  // Each load is a new data version: the maps are built again on its first lookup. Beside them, the
  // sort by name that every load pays for the tree anyway.
  const buildTimes: number[] = [];
  const sortTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await store.refresh();
    let started = performance.now();
    void model.contacts.length;
    sortTimes.push(performance.now() - started);
    started = performance.now();
    model.findByUuid(target.uuid);
    model.findByPhone(target.phoneNumber ?? '');
    buildTimes.push(performance.now() - started);
  }
  const middle = (times: number[]): number => times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
  const mapsMs = middle(buildTimes);
  const sortMs = middle(sortTimes);

  console.log(`hover lookup, ${SIZE.toLocaleString('en')} contacts, node ${process.version}, median of ${RUNS} runs of ${HOVERS.toLocaleString('en')} hovers`);
  console.log(`  build the uuid and phone maps, once per load: ${mapsMs.toFixed(1)} ms (the sort by name of the same load: ${sortMs.toFixed(1)} ms, ${(mapsMs / sortMs).toFixed(2)}×)`);
  console.log(`  ${'case'.padEnd(26)} ${'maps'.padStart(12)} ${'linear scan'.padStart(12)}   ratio`);
  for (const [label, line, at] of cases) {
    const reference = referenceAt(line, at);
    const expected = reference ? scan(model.contacts, reference).map((contact) => contact.uuid) : [];
    const found = reference ? contactsFor(model, reference).map((contact) => contact.uuid) : [];
    if (JSON.stringify(found) !== JSON.stringify(expected)) throw new Error(`${label}: maps found ${found.join(',')}, the scan ${expected.join(',')}`);
    if (label.startsWith('no match') !== (found.length === 0)) throw new Error(`${label}: found ${found.length}`);
    const mapsTime = median(() => {
      for (let i = 0; i < HOVERS; i++) {
        const hovered = referenceAt(line, at);
        if (hovered) contactsFor(model, hovered);
      }
    });
    // The scan is slow: fewer hovers, scaled to the same count.
    const scanHovers = 20;
    const scanTime =
      median(() => {
        for (let i = 0; i < scanHovers; i++) {
          const hovered = referenceAt(line, at);
          if (hovered) scan(model.contacts, hovered);
        }
      }) *
      (HOVERS / scanHovers);
    console.log(`  ${label.padEnd(26)} ${us(mapsTime)} ${us(scanTime)}   ${(scanTime / mapsTime).toFixed(0).padStart(6)}×`);
  }
}

void main();
