/**
 * The costs paid on every data change and every keystroke, for big accounts: parsing the API's
 * contacts, grouping them for the tree (all four groupings, and by tag with the chosen spellings),
 * building the search index, and searching it. Medians of several runs.
 *
 *   npm run build:tests && node out/test/bench/model.bench.js
 */
import type { Contact } from '../../src/api';
import { parseContact } from '../../src/api/parse';
import { ContactSearchIndex } from '../../src/contacts/search';
import { GROUP_BY_VALUES, createCollator, groupContacts, sortContacts } from '../../src/contacts/grouping';
import { NO_FILTER } from '../../src/contacts/filter';
import { TagSpellings } from '../../src/contacts/tagSpellings';
import { generateContacts } from '../fake-server/data';

const SIZES = [10_000, 50_000];
const RUNS = 5;

function median(run: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

function ms(value: number): string {
  return `${value.toFixed(1).padStart(7)} ms`;
}

function main(): void {
  const collator = createCollator('en');
  console.log(`contacts model, node ${process.version}, median of ${RUNS}`);
  for (const size of SIZES) {
    const json = generateContacts(size, { seed: 7 });
    let contacts: Contact[] = [];
    const parseMs = median(() => {
      contacts = json.map(parseContact).flatMap((parsed) => ('contact' in parsed ? [parsed.contact] : []));
    });
    if (contacts.length !== size) throw new Error(`parsed ${contacts.length} of ${size}`);
    console.log(`\n${size.toLocaleString('en')} contacts`);
    console.log(`  parse untrusted JSON       ${ms(parseMs)}`);
    // The tree sorts once per data change, then groups the sorted list for the chosen grouping.
    let sorted: Contact[] = [];
    console.log(`  sort by name (once a load)  ${ms(median(() => (sorted = sortContacts(contacts, collator))))}`);
    for (const groupBy of GROUP_BY_VALUES) {
      let groups = 0;
      const groupMs = median(() => {
        groups = groupContacts(sorted, groupBy, collator, { presorted: true }).length;
      });
      console.log(`  group by ${groupBy.padEnd(17)} ${ms(groupMs)}  (${groups} groups)`);
    }
    // The model chooses each tag's spelling once over a new listing, then labels the tag groups with it.
    const listing = { query: NO_FILTER, contacts, complete: true };
    let tagLabels: ReadonlyMap<string, string> = new Map();
    const chooseMs = median(() => (tagLabels = new TagSpellings(collator).labelsOf({ clearCount: 0, accountListing: listing, listing })));
    console.log(`  choose tag spellings       ${ms(chooseMs)}  (${tagLabels.size} tags, once a listing)`);
    console.log(`  group by tag, as labelled  ${ms(median(() => groupContacts(sorted, 'tag', collator, { presorted: true, tagLabels })))}`);
    let index = new ContactSearchIndex([]);
    console.log(`  build search index         ${ms(median(() => (index = new ContactSearchIndex(contacts))))}`);
    const sample = contacts[Math.floor(size / 2)];
    const queries = [sample.name.split(' ')[0], (sample.phoneNumber ?? '600').replace(/\D/g, '').slice(-5), 'abbey', sample.uuid.slice(0, 10), 'zzzz-no-match'];
    for (const query of queries) {
      let found = 0;
      const searchMs = median(() => {
        found = index.search(query, 200).length;
      });
      console.log(`  search ${JSON.stringify(query).padEnd(19)} ${ms(searchMs)}  (${found} shown)`);
    }
  }
}

main();
