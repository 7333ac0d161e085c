import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AUTHENTICATION_PROVIDER, BUILT_IN_CONTEXT_KEYS, COMMANDS, CONTEXT_KEYS, ROW_TOKENS, VIEW_ID } from '../../src/names';

/** Compiled to out/test/unit/, so the repository root is three levels up. */
const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../..', 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string }[]; views: Record<string, { id: string }[]> } & Record<string, unknown>;
};

/** Every `when` clause anywhere under `contributes`. */
function whenClauses(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => whenClauses(item, found));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'when' && typeof child === 'string') found.push(child);
      else whenClauses(child, found);
    }
  }
  return found;
}

/** The context keys a clause reads: identifiers outside regex literals and the values compared to. */
function keysOf(clause: string): string[] {
  const withoutRegexes = clause.replace(/=~\s*\/(?:\\.|[^/])*\//g, '');
  const withoutValues = withoutRegexes.replace(/(==|!=)\s*[\w.-]+/g, '');
  return [...withoutValues.matchAll(/[A-Za-z_][\w.-]*/g)].map((match) => match[0]).filter((word) => word !== 'true' && word !== 'false');
}

describe('names declared once', () => {
  it('the commands package.json contributes are exactly those declared in src/names.ts', () => {
    const contributed = manifest.contributes.commands.map((command) => command.command).sort();
    assert.deepEqual(contributed, Object.values(COMMANDS).sort());
  });

  it('every `when` clause names only declared context keys or VS Code’s own', () => {
    const known = new Set<string>([...Object.values(CONTEXT_KEYS), ...BUILT_IN_CONTEXT_KEYS]);
    const unknown = whenClauses(manifest.contributes).flatMap((clause) => keysOf(clause).filter((key) => !known.has(key)).map((key) => `${key} in “${clause}”`));
    assert.deepEqual(unknown, []);
  });

  it('row tokens matched in `when` clauses are tokens the tree writes', () => {
    const matched = whenClauses(manifest.contributes).flatMap((clause) => [...clause.matchAll(/\\b(\w+)\\b/g)].map((match) => match[1]));
    assert.ok(matched.length > 0, 'package.json matches row tokens');
    assert.deepEqual(matched.filter((token) => !(ROW_TOKENS as readonly string[]).includes(token)), []);
  });

  it('the view id is the one package.json contributes', () => {
    assert.deepEqual(Object.values(manifest.contributes.views).flat().map((view) => view.id), [VIEW_ID]);
  });

  it('the authentication provider is the one package.json contributes', () => {
    assert.deepEqual(manifest.contributes.authentication, [{ id: AUTHENTICATION_PROVIDER.id, label: AUTHENTICATION_PROVIDER.label }]);
  });

  it('the check would notice an unknown key', () => {
    assert.deepEqual(keysOf('view == callbell.contacts && callbell.signedInn && viewItem =~ /\\bcontact\\b/'), ['view', 'callbell.signedInn', 'viewItem']);
  });
});
