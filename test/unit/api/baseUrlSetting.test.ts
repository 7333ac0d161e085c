/**
 * The `pattern` of `callbell.apiBaseUrl` in package.json, with which the Settings editor flags a value
 * as it is typed, against validateBaseUrl, which decides what the extension uses: on every address
 * below the two must say the same.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateBaseUrl } from '../../../src/api';

/** Compiled to out/test/unit/api/, so the repository root is four levels up. */
const ROOT = path.resolve(__dirname, '../../../..');

interface Setting {
  readonly pattern?: string;
  readonly patternErrorMessage?: string;
}

const setting = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, Setting> } } })
  .contributes.configuration.properties['callbell.apiBaseUrl'];

const ACCEPTED = [
  'https://api.callbell.eu/v1',
  'https://api.callbell.eu/v1/',
  'https://api.callbell.eu',
  'HTTPS://API.CALLBELL.EU/v1',
  'https://api.callbell.eu:443/v1',
  'https://callbell.example.com/proxy/api/v1',
  'https://[2001:db8::1]:8443/v1',
  '  https://api.callbell.eu/v1  ',
  'http://127.0.0.1:8080/v1',
  'http://127.8.9.10/v1',
  'http://127.255.255.255/v1',
  'http://localhost:3000/v1',
  'http://LocalHost:3000/v1',
  'http://localhost',
  'http://[::1]:3000/v1',
];

const REFUSED = [
  'http://api.callbell.eu/v1',
  'http://128.0.0.1/v1',
  'http://10.0.0.1/v1',
  'http://localhost.evil.com/v1',
  'http://api.localhost/v1',
  'http://[::2]/v1',
  'http://[::ffff:127.0.0.1]/v1',
  'http://127.0.0.256/v1',
  'ftp://api.callbell.eu/v1',
  'api.callbell.eu/v1',
  '//api.callbell.eu/v1',
  'https://',
  'https:// api.callbell.eu/v1',
  '',
  'https://user:pw@api.callbell.eu/v1',
  'https://user@api.callbell.eu/v1',
  'http://user@localhost/v1',
  'https://api.callbell.eu/v1?x=1',
  'https://api.callbell.eu/v1#top',
  'http://localhost:3000/v1?debug',
  'https://api.callbell.eu:8a/v1',
];

describe('the callbell.apiBaseUrl setting', () => {
  // The Settings editor compiles the pattern with the `u` flag (and without it when that fails).
  const pattern = new RegExp(setting.pattern ?? '(?!)', 'u');

  it('has a pattern that compiles with and without the u flag, and its own message', () => {
    assert.ok(setting.pattern, 'a pattern');
    assert.doesNotThrow(() => new RegExp(setting.pattern ?? ''));
    assert.equal(setting.patternErrorMessage, '%config.apiBaseUrl.patternErrorMessage%');
  });

  for (const address of ACCEPTED) {
    it(`both accept ${JSON.stringify(address)}`, () => {
      assert.equal(validateBaseUrl(address), undefined, 'validateBaseUrl');
      assert.ok(pattern.test(address), 'the pattern');
    });
  }
  for (const address of REFUSED) {
    it(`both refuse ${JSON.stringify(address)}`, () => {
      assert.notEqual(validateBaseUrl(address), undefined, 'validateBaseUrl');
      assert.ok(!pattern.test(address), 'the pattern');
    });
  }
});
