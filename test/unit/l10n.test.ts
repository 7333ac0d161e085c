import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The Spanish translations against the English strings, and the English strings against the code:
 * every `%key%` of package.json is defined, and l10n/bundle.l10n.json holds exactly the strings of
 * the `vscode.l10n.t` calls under src/.
 */

/** Compiled to out/test/unit/, so the repository root is three levels up. */
const ROOT = path.resolve(__dirname, '../../..');

type Bundle = Record<string, string | { message: string; comment: string[] }>;

function readJson<T>(relativePath: string): T {
  return JSON.parse(fs.readFileSync(path.join(ROOT, relativePath), 'utf8')) as T;
}

/** The text of a bundle entry: a plain string, or the message of an entry with translator comments. */
function textOf(value: Bundle[string]): string {
  return typeof value === 'string' ? value : value.message;
}

/** What a translation must carry over unchanged, each as a sorted multiset. */
const TOKEN_KINDS: readonly [kind: string, pattern: RegExp][] = [
  ['placeholders', /\{\d+\}/g],
  ['codicons', /\$\([A-Za-z0-9~-]+\)/g],
  ['Markdown link targets', /\]\(([^)]*)\)/g],
  ['code spans', /`([^`]*)`/g],
  ['command ids and setting keys', /\bcallbell(?:\.\w+)+/g],
];

function tokens(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].map((match) => match[1] ?? match[0]).sort();
}

/** One line per difference, so a failure lists every broken string at once. */
function tokenProblems(english: Bundle, spanish: Bundle): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(english)) {
    const translation = spanish[key];
    if (translation === undefined) continue;
    for (const [kind, pattern] of TOKEN_KINDS) {
      const expected = tokens(textOf(value), pattern);
      const actual = tokens(textOf(translation), pattern);
      if (JSON.stringify(expected) !== JSON.stringify(actual)) {
        problems.push(`${JSON.stringify(key)}: ${kind} ${JSON.stringify(expected)} became ${JSON.stringify(actual)}`);
      }
    }
  }
  return problems;
}

function keyProblems(english: Bundle, spanish: Bundle): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(english)) {
    const translation = spanish[key];
    if (translation === undefined) problems.push(`missing: ${JSON.stringify(key)}`);
    else if (textOf(translation).trim() === '') problems.push(`empty: ${JSON.stringify(key)}`);
  }
  for (const key of Object.keys(spanish)) {
    if (!Object.hasOwn(english, key)) problems.push(`not in the English file: ${JSON.stringify(key)}`);
  }
  return problems;
}

/** Every string of a JSON value of the form `%key%`, as the key. */
function nlsReferences(value: unknown): string[] {
  if (typeof value === 'string') {
    const match = /^%([^%]+)%$/.exec(value);
    return match ? [match[1]] : [];
  }
  if (Array.isArray(value)) return value.flatMap(nlsReferences);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(nlsReferences);
  return [];
}

/** The files `vscode-l10n-dev export ./src` reads: scripts under src/, skipping dot-files as its glob does. */
function sourceFiles(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.')) return [];
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|js|jsx)$/.test(entry.name) ? [full] : [];
  });
}

function difference(from: Iterable<string>, without: Iterable<string>): string[] {
  const exclude = new Set(without);
  return [...from].filter((item) => !exclude.has(item)).sort();
}

describe('localization', () => {
  before(() => {
    assert.ok(fs.existsSync(path.join(ROOT, 'package.json')), `no package.json in ${ROOT}: the tests must run from out/test/unit/`);
  });

  const translations: [english: string, spanish: string][] = [
    ['package.nls.json', 'package.nls.es.json'],
    ['l10n/bundle.l10n.json', 'l10n/bundle.l10n.es.json'],
  ];
  for (const [englishFile, spanishFile] of translations) {
    describe(spanishFile, () => {
      it(`translates every string of ${englishFile}, and nothing else`, () => {
        const problems = keyProblems(readJson<Bundle>(englishFile), readJson<Bundle>(spanishFile));
        assert.deepEqual(problems, [], `${spanishFile} does not match ${englishFile}:\n${problems.join('\n')}`);
      });

      it('keeps placeholders, codicons, link targets, code spans and ids unchanged', () => {
        const problems = tokenProblems(readJson<Bundle>(englishFile), readJson<Bundle>(spanishFile));
        assert.deepEqual(problems, [], `${spanishFile} changed what must stay as it is:\n${problems.join('\n')}`);
      });
    });
  }

  it('package.json only refers to %keys% that package.nls.json defines', () => {
    const references = nlsReferences(readJson<unknown>('package.json'));
    assert.ok(references.length > 0, 'package.json refers to no %key% at all');
    const missing = difference(new Set(references), Object.keys(readJson<Bundle>('package.nls.json')));
    assert.deepEqual(missing, [], `package.nls.json lacks: ${missing.join(', ')}`);
  });

  it('l10n/bundle.l10n.json holds exactly the strings of src/', async function () {
    this.timeout(30_000);
    const { getL10nJson } = await import('@vscode/l10n-dev');
    const files = sourceFiles(path.join(ROOT, 'src')).map((file) => ({ extension: path.extname(file), contents: fs.readFileSync(file, 'utf8') }));
    assert.ok(files.length > 0, 'no source files under src/');
    const extracted = Object.keys(await getL10nJson(files));
    const bundled = Object.keys(readJson<Bundle>('l10n/bundle.l10n.json'));
    const missing = difference(extracted, bundled);
    const stale = difference(bundled, extracted);
    assert.deepEqual(
      { missing, stale },
      { missing: [], stale: [] },
      'l10n/bundle.l10n.json is out of date with src/: run `npm run l10n`, then translate the new strings in l10n/bundle.l10n.es.json.',
    );
  });
});
