import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { zipEntries } from './zipEntries';

/** out/test/vsix → the repository root. */
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const MAX_PACKAGE_BYTES = 1024 * 1024;

function vsixFile(): string {
  const file = process.env.CALLBELL_TEST_VSIX;
  assert.ok(file, 'CALLBELL_TEST_VSIX names the package (set by runHostTests.js --vsix)');
  return file;
}

/** What the package must hold, and nothing else: the bundle, the manifest and its translations, the pictures, the docs. */
function expectedEntries(): string[] {
  const filesIn = (dir: string, pattern: RegExp) =>
    fs.readdirSync(path.join(REPO_ROOT, dir)).filter((name) => pattern.test(name)).map((name) => path.posix.join('extension', dir, name));
  return [
    // The .vsix format's own two files.
    '[Content_Types].xml',
    'extension.vsixmanifest',
    'extension/package.json',
    ...filesIn('.', /^package\.nls(\.[\w-]+)?\.json$/),
    ...filesIn('l10n', /^bundle\.l10n(\.[\w-]+)?\.json$/),
    'extension/dist/extension.js',
    'extension/media/icon.png',
    'extension/media/callbell.svg',
    // The README shows it on the extension's page in VS Code; its links are kept relative (--no-rewrite-relative-links).
    'extension/media/screenshot.png',
    // Each state of the view, linked from the README's Troubleshooting.
    ...filesIn('media/states', /\.png$/),
    // The API declaration the README tells other extensions' authors to copy, and links to.
    'extension/api/callbell-contacts.d.ts',
    'extension/readme.md',
    'extension/changelog.md',
    'extension/LICENSE.txt',
  ].sort();
}

suite('The .vsix package', () => {
  test('holds only the files the extension needs', () => {
    assert.deepEqual(zipEntries(vsixFile()).map((entry) => entry.name).sort(), expectedEntries());
  });

  test(`is under ${MAX_PACKAGE_BYTES / 1024} KB, its bundle too`, () => {
    const size = fs.statSync(vsixFile()).size;
    assert.ok(size < MAX_PACKAGE_BYTES, `${size} bytes`);
    const bundle = zipEntries(vsixFile()).find((entry) => entry.name === 'extension/dist/extension.js');
    assert.ok(bundle && bundle.size < MAX_PACKAGE_BYTES, `dist/extension.js: ${bundle?.size} bytes`);
  });
});
