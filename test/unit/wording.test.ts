import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Compiled to out/test/unit/, so the repository root is three levels up. */
const ROOT = path.resolve(__dirname, '../../..');

/** Everything a user reads: the manifest's strings, the message bundles, the README. */
const USER_TEXT = ['package.nls.json', 'package.nls.es.json', 'l10n/bundle.l10n.json', 'l10n/bundle.l10n.es.json', 'README.md'];

describe('one word for the key', () => {
  it('it is an “API key” everywhere a user reads, as on Callbell’s own API keys page, never a “token”', () => {
    const found = USER_TEXT.flatMap((file) =>
      fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n').flatMap((line, index) =>
        // Command ids (callbell.setToken) and context names are contracts, not words.
        /\bAPI token\b|\btoken de API\b|\bAPI-Token\b/i.test(line.replace(/callbell\.\w+/g, '')) ? [`${file}:${index + 1}`] : [],
      ),
    );
    assert.deepEqual(found, []);
  });
});

describe('welcome content', () => {
  const nls = (file: string): Record<string, string> => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, string>;
  /** VS Code draws a line holding nothing but a link as a button; a link inside a sentence stays a link. */
  const buttons = (contents: string): string[] => contents.split('\n').filter((line) => /^\[[^\]]+\]\([^)]+\)$/.test(line.trim()));

  for (const file of ['package.nls.json', 'package.nls.es.json']) {
    it(`${file}: Sign Out is no button beside Set API Key in the rejected-key view, only a link after it`, () => {
      const contents = nls(file)['welcome.tokenRejected'];
      assert.deepEqual(buttons(contents).map((line) => line.replace(/^\[[^\]]+\]/, '')), ['(command:callbell.setToken)']);
      assert.ok(contents.indexOf('command:callbell.signOut') > contents.indexOf('command:callbell.setToken'), 'the link comes after the button');
    });
  }
});
