import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Compiled to out/test/unit/, so the repository root is three levels up. */
const ROOT = path.resolve(__dirname, '../../..');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as unknown;

interface Manifest {
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    keybindings: { command: string; key: string; mac?: string }[];
    configuration: { properties: Record<string, unknown> } | { properties: Record<string, unknown> }[];
  };
}

/** The Markdown tables of a document, as rows of trimmed cells, the header first and the `---` row left out. */
function markdownTables(markdown: string): string[][][] {
  const tables: string[][][] = [];
  let current: string[][] | undefined;
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) {
      current = undefined;
      continue;
    }
    const cells = line.replace(/^\||\|\s*$/g, '').split('|').map((cell) => cell.trim());
    if (cells.every((cell) => /^:?-+:?$/.test(cell))) continue;
    if (!current) tables.push((current = []));
    current.push(cells);
  }
  return tables;
}

/** The one table whose first header cell is `heading`, without its header. */
function tableHeaded(tables: string[][][], heading: string): string[][] {
  const found = tables.filter((table) => table[0][0] === heading);
  assert.equal(found.length, 1, `README has one table headed “${heading}”`);
  return found[0].slice(1);
}

/** `%key%` titles resolve through package.nls.json, as VS Code shows them in English. */
function commandTitles(manifest: Manifest): Map<string, string> {
  const nls = readJson('package.nls.json') as Record<string, string>;
  const text = (value: string) => value.replace(/^%(.+)%$/, (_, key: string) => nls[key] ?? value);
  return new Map(manifest.contributes.commands.map((c) => [c.command, c.category ? `${text(c.category)}: ${text(c.title)}` : text(c.title)]));
}

describe('README tables agree with package.json', () => {
  const manifest = readJson('package.json') as Manifest;
  const tables = markdownTables(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'));

  it('the commands table lists every contributed command, by title and id, and nothing else', () => {
    const rows = tableHeaded(tables, 'Command').map((row) => {
      const match = /^(.+) \(`([\w.]+)`\)$/.exec(row[0]);
      assert.ok(match, `a commands row starts with “Title (\`id\`)”: ${row[0]}`);
      return [match[2], match[1]] as const;
    });
    assert.equal(new Set(rows.map(([id]) => id)).size, rows.length, 'no command listed twice');
    assert.deepEqual(new Map(rows), commandTitles(manifest));
  });

  it('the settings table lists every contributed setting and nothing else', () => {
    const configuration = manifest.contributes.configuration;
    const contributed = (Array.isArray(configuration) ? configuration : [configuration]).flatMap((section) => Object.keys(section.properties));
    const listed = tableHeaded(tables, 'Setting').map((row) => {
      const match = /^`([\w.]+)`$/.exec(row[0]);
      assert.ok(match, `a settings row starts with the key in backticks: ${row[0]}`);
      return match[1];
    });
    assert.deepEqual([...listed].sort(), [...contributed].sort());
    assert.equal(new Set(listed).size, listed.length, 'no setting listed twice');
  });

  it('the commands table shows each command’s keybinding as package.json binds it', () => {
    // "ctrl+k l" is written `Ctrl+K L`, as VS Code shows it.
    const written = (key: string) => key.split(' ').map((chord) => chord.split('+').map((part) => part[0].toUpperCase() + part.slice(1)).join('+')).join(' ');
    const rows = new Map(tableHeaded(tables, 'Command').map((row) => [/\(`([\w.]+)`\)$/.exec(row[0])?.[1], row[1]]));
    for (const binding of manifest.contributes.keybindings) {
      const where = rows.get(binding.command) ?? '';
      for (const key of [binding.key, binding.mac ?? binding.key]) assert.ok(where.includes(`\`${written(key)}\``), `${binding.command}: \`${written(key)}\` in “${where}”`);
    }
  });

  it('the table reader sees rows, not separators or text around them', () => {
    const tables = markdownTables('text\n| A | B |\n| --- | :-: |\n| `x` | y |\nmore\n|C|\n');
    assert.deepEqual(tables, [[['A', 'B'], ['`x`', 'y']], [['C']]]);
  });
});
