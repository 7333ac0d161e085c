import * as assert from 'node:assert/strict';
import { HOVER_COMMANDS, commandUri, contactCardMarkdown, contactHoverMarkdown } from '../../../src/contacts/contactMarkdown';
import { ENGLISH_FIELD_LABELS } from '../../../src/contacts/fields';
import { capabilitiesOf } from '../../../src/contacts/model';
import { contact } from './builders';

const format = { labels: ENGLISH_FIELD_LABELS };
const hoverLabels = { openInCallbell: 'Open in Callbell', copy: 'Copy…', reveal: 'Reveal in Sidebar', show: 'Show Contact', more: 'and {0} more' };
const cardLabels = { conversationLink: 'Conversation link', gone: 'This contact is no longer in the loaded contacts.', lookedUp: 'Looked up.' };

const UUID = 'c0ffeec0ffeec0ffeec0ffeec0ffeec0';
const hostile = contact({
  uuid: UUID,
  name: '[Ana](https://evil.example) <img src=x> $(alert) ![i](https://evil.example/i.png)',
  phoneNumber: '+33 6 12 34 56 78 [call](command:workbench.action.quit)',
  source: '<script>alert(1)</script>',
  assignedUser: 'agent@evil.example',
  tags: ['www.evil.example', 'https://evil.example/tag', '**bold**'],
  customFields: { '[field](command:x)': 'mailto:a@b.example <b>x</b>', Note: 'see http://evil.example' },
  href: `https://dash.callbell.eu/contacts/${UUID}`,
  conversationHref: 'https://evil.example/chat',
});

/** Every Markdown link target, in order. */
function linkTargets(markdown: string): string[] {
  return [...markdown.matchAll(/(?<!\\)\]\(([^)]*)\)/g)].map((match) => match[1]);
}

function assertNoDataSyntax(markdown: string): void {
  assert.doesNotMatch(markdown, /</, 'no HTML');
  assert.doesNotMatch(markdown, /:\/\/|www\.|@/i, 'no autolink');
  assert.doesNotMatch(markdown, /(?<!\\)\$\(/, 'no theme icon');
  assert.doesNotMatch(markdown, /(?<!\\)!\[/, 'no image');
}

describe('contact Markdown', () => {
  it('commandUri carries JSON arguments that cannot end a link', () => {
    const uri = commandUri('callbell.showContact', ['a)b(c\'d!e*']);
    assert.doesNotMatch(uri.slice('command:'.length), /[()'!* ]/);
    assert.deepEqual(JSON.parse(decodeURIComponent(uri.split('?')[1])), ['a)b(c\'d!e*']);
  });

  it('a hover names the contact, its fields and links only to our commands with the uuid', () => {
    const markdown = contactHoverMarkdown([hostile], format, hoverLabels, capabilitiesOf);
    const targets = linkTargets(markdown);
    assert.deepEqual(targets.map((target) => target.split('?')[0]), HOVER_COMMANDS.map((command) => `command:${command}`));
    for (const target of targets) assert.deepEqual(JSON.parse(decodeURIComponent(target.split('?')[1])), [UUID]);
    assert.doesNotMatch(markdown, /https?:\/\//, 'no bare URL');
    assertNoDataSyntax(markdown);
    for (const label of ['Phone', 'Source', 'Tags', 'Assigned to']) assert.match(markdown, new RegExp(`^- ${label}: `, 'm'));
    assert.doesNotMatch(markdown, /Note|field/, 'custom fields stay on the card');
  });

  it('a hover leaves out Open in Callbell without a safe link, and counts contacts beyond three', () => {
    const plain = [1, 2, 3, 4, 5].map((n) => contact({ name: `Same ${n}`, phoneNumber: '+1 555 010 0001' }));
    const markdown = contactHoverMarkdown(plain, format, hoverLabels, capabilitiesOf);
    assert.doesNotMatch(markdown, /openInCallbell/);
    assert.equal((markdown.match(/^\*\*Same/gm) ?? []).length, 3);
    assert.match(markdown, /and 2 more$/);
  });

  it('the card lists every field, custom fields under their heading, and only checked dashboard links', () => {
    const markdown = contactCardMarkdown(hostile, format, cardLabels);
    for (const label of ['Name', 'Phone', 'Source', 'Assigned to', 'Tags', 'Dashboard', 'Contact ID']) assert.match(markdown, new RegExp(`^- \\*\\*${label}:\\*\\* `, 'm'), label);
    assert.match(markdown, /^## Custom fields$/m);
    assert.match(markdown, /^- \*\*&#91;field&#93;&#40;command&#58;x&#41;:\*\* /m);
    assert.deepEqual(linkTargets(markdown), [`https://dash.callbell.eu/contacts/${UUID}`], 'the evil conversation link is left out');
    assertNoDataSyntax(markdown.replace(`](https://dash.callbell.eu/contacts/${UUID})`, ']'));
    assert.doesNotMatch(markdown, /^> /m);
  });

  it('the card says when the contact is gone', () => {
    assert.match(contactCardMarkdown(hostile, format, cardLabels, 'gone'), /^> This contact is no longer in the loaded contacts&#46;$/m);
  });
});
