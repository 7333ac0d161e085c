import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as Declared from '../../api/callbell-contacts';
import type * as Internal from '../../src/publicApi';

/**
 * api/callbell-contacts.d.ts is what other extensions copy; src/publicApi.ts is what `activate` returns.
 * The compiler keeps them identical: `Same` is `true` only for identical types (readonly and optional
 * modifiers included), so `npm run lint` and `npm run build:tests` fail when one changes without the other.
 */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

const contactsAgree: Same<Declared.PublicContact, Internal.PublicContact> = true;
const apisAgree: Same<Declared.CallbellContactsApi, Internal.CallbellContactsApi> = true;
// The check can fail: a contact without one field, or with one field writable, is a different type.
const missingFieldNoticed: Same<Omit<Declared.PublicContact, 'closedAt'>, Internal.PublicContact> = false;
const writableFieldNoticed: Same<Declared.PublicContact & { name: string }, Internal.PublicContact> = false;

/** And assignable both ways, as the two are used: the internal object is handed out as the declared type and back. */
export function assignBothWays(internal: Internal.CallbellContactsApi, declared: Declared.CallbellContactsApi): [Declared.CallbellContactsApi, Internal.CallbellContactsApi] {
  return [internal, declared];
}

const DECLARATION = path.resolve(__dirname, '../../..', 'api', 'callbell-contacts.d.ts');

describe('the public API declaration (api/callbell-contacts.d.ts)', () => {
  it('agrees with src/publicApi.ts (checked by the compiler)', () => {
    assert.deepEqual([contactsAgree, apisAgree, missingFieldNoticed, writableFieldNoticed], [true, true, false, false]);
  });

  it('is self-contained: it imports nothing but types from vscode', () => {
    const text = fs.readFileSync(DECLARATION, 'utf8');
    const imports = [...text.matchAll(/^\s*import\s[^;]*?from\s+['"]([^'"]+)['"]/gm)].map((match) => match[1]);
    assert.deepEqual(imports, ['vscode']);
    assert.match(text, /^import type \{ Event \} from 'vscode';$/m);
    assert.doesNotMatch(text, /\brequire\(|\/\/\/\s*<reference/);
  });

  it('names the extension id that package.json declares', () => {
    const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../..', 'package.json'), 'utf8')) as { publisher: string; name: string };
    const text = fs.readFileSync(DECLARATION, 'utf8');
    const ids = new Set([...text.matchAll(/getExtension(?:<\w+>)?\('([^']+)'\)|\(`([^`]+)`\)/g)].map((match) => match[1] ?? match[2]));
    assert.deepEqual([...ids], [`${manifest.publisher}.${manifest.name}`]);
  });
});
