import * as assert from 'node:assert/strict';
import { markdownText } from '../../../src/contacts/markdown';

/** What a Markdown renderer shows for the output: numeric character references read as their characters. */
function shown(markdown: string): string {
  return markdown.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}

/**
 * Markdown syntax, HTML tags, entities, autolinks (`scheme:`, `www.`, `@`) and `$(icon)` all need
 * ASCII punctuation written as itself. Outside the references, none may be left.
 */
function assertInert(markdown: string): void {
  const outsideReferences = markdown.replace(/&#\d+;/g, '');
  assert.doesNotMatch(outsideReferences, /[!-/:-@[-`{-~]/, markdown);
  assert.doesNotMatch(markdown, /:\/\/|www\.|@|\$\(|<|\]\(|[\u202a-\u202e\u2066-\u2069\u200b]/i, markdown);
}

describe('contacts/markdown: markdownText', () => {
  const hostile: [string, string][] = [
    ['Visit https://evil.example/login', 'Visit https://evil.example/login'],
    ['HTTP://EVIL.EXAMPLE and ftp://files.example', 'HTTP://EVIL.EXAMPLE and ftp://files.example'],
    ['see www.evil.example now', 'see www.evil.example now'],
    ['a@b.example', 'a@b.example'],
    ['mailto:boss@corp.example', 'mailto:boss@corp.example'],
    ['xmpp:agent@chat.example', 'xmpp:agent@chat.example'],
    ['[x](command:foo)', '[x](command:foo)'],
    ['[click][1]\n\n[1]: command:workbench.action.terminal.new', '[click][1] [1]: command:workbench.action.terminal.new'],
    ['<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'],
    ['<https://autolink.example>', '<https://autolink.example>'],
    ['![pixel](https://track.example/p.png)', '![pixel](https://track.example/p.png)'],
    ['$(alert) Boss $(sync~spin)', '$(alert) Boss $(sync~spin)'],
    ['*bold* _em_ `code` ~~gone~~ # h | t | \\', '*bold* _em_ `code` ~~gone~~ # h | t | \\'],
    ['&lt;b&gt; &#64; &amp;', '&lt;b&gt; &#64; &amp;'],
    ['1. list\n> quote\n---', '1. list > quote ---'],
    ['invoice\u202efdp.exe', 'invoice fdp.exe'],
    ['Ma\u00adria\u200b \u2066Li\u2069', 'Maria Li'],
  ];
  for (const [input, expected] of hostile) {
    it(`leaves no syntax in ${JSON.stringify(input)} and shows it as typed`, () => {
      const markdown = markdownText(input);
      assertInert(markdown);
      assert.equal(shown(markdown), expected);
    });
  }

  it('keeps letters, digits and other scripts as they are', () => {
    assert.equal(markdownText('Zoë Ångström 東京 42 👩‍💻'), 'Zoë Ångström 東京 42 👩‍💻');
  });

  it('is one line and bounded, cut before escaping so no reference is cut in half', () => {
    const markdown = markdownText(`${'a.'.repeat(400)}\nnext`, 100);
    assert.doesNotMatch(markdown, /\n/);
    assert.equal(shown(markdown).length, 100);
    assert.ok(shown(markdown).endsWith('…'));
    assertInert(markdown);
  });
});
