import * as assert from 'node:assert/strict';
import { markdownText } from '../../../src/contacts/markdown';

/** Undoes the escapes markdownText uses, as a Markdown renderer shows them. */
function shown(markdown: string): string {
  return markdown
    .replace(/\\([\\`*_[\]~|$#+=.)-])/g, '$1')
    .replace(/&#58;/g, ':')
    .replace(/&#46;/g, '.')
    .replace(/&#64;/g, '@')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

const HOSTILE = [
  '[click](https://evil.example)',
  '![img](https://evil.example/x.png)',
  '[run](command:workbench.action.quit)',
  '<img src=x onerror=alert(1)>',
  '<a href="https://evil.example">x</a>',
  'visit https://evil.example/path or www.evil.example',
  'write to evil@example.com',
  'mailto:evil@example.com',
  '$(alert) $(loading~spin)',
  '**bold** _em_ `code` ~~strike~~',
  '# heading',
  '- item',
  '+ item',
  '1. item',
  '2) item',
  '$x^2$ math',
  '> quote',
  '| a | b |',
  'a\\[b](c)',
  '&lt;img&gt; &#58; &amp;',
];

describe('markdownText', () => {
  it('shows the text as it is', () => {
    for (const text of HOSTILE) assert.equal(shown(markdownText(text)).replace(/\$\u200b\(/g, '$('), text, text);
  });

  it('leaves no link, image, HTML, autolink or theme icon syntax', () => {
    for (const text of HOSTILE) {
      const markdown = markdownText(text);
      assert.doesNotMatch(markdown, /(?<!\\)\]\(|(?<!\\)!\[/, `link or image in ${markdown}`);
      assert.doesNotMatch(markdown, /</, `HTML in ${markdown}`);
      assert.doesNotMatch(markdown, /:\/\/|www\.|@/i, `autolink in ${markdown}`);
      assert.doesNotMatch(markdown, /(?<!\\)\$\(/, `theme icon in ${markdown}`);
      assert.doesNotMatch(markdown, /(?<!\\)[*_`~$]/, `emphasis, code or math in ${markdown}`);
      assert.doesNotMatch(markdown, /^(?:[#+=-]|\d+[.)])/, `a block marker in ${markdown}`);
    }
  });

  it('keeps ordinary text readable, folds line breaks and drops bidi controls', () => {
    assert.equal(markdownText('Ana García'), 'Ana García');
    assert.equal(markdownText('line one\nline two'), 'line one line two');
    assert.equal(markdownText('evil\u202etxt.exe'), 'evil txt.exe');
    assert.equal(markdownText('Closed on 1/2/24, 10:30 (AT&T!)'), 'Closed on 1/2/24, 10:30 (AT&amp;T!)');
    assert.equal(markdownText('Tom & Jerry'), 'Tom & Jerry');
  });
});
