import * as assert from 'node:assert/strict';
import { logText } from '../../../src/contacts/display';

describe('contacts/display: logText', () => {
  it('keeps a value with a line break on one line, so it cannot forge an [error] line', () => {
    const email = 'agent@corp.example\n2024-01-01 12:00:00.000 [error] API key rejected: sk_live_123';
    const logged = `Signed in as ${logText(email)}`;
    assert.equal(logged.split(/\r\n|[\n\r\v\f\u0085\u2028\u2029]/).length, 1);
    assert.equal(logText(email), 'agent@corp.example\\n2024-01-01 12:00:00.000 [error] API key rejected: sk_live_123');
  });

  it('escapes every control, line break, bidi control and invisible character', () => {
    assert.equal(logText('a\r\nb\tc'), 'a\\r\\nb\\tc');
    assert.equal(logText('\u001b[2K\u0007\u007f\u0085'), '\\u{1b}[2K\\u{7}\\u{7f}\\u{85}');
    assert.equal(logText('x\u2028y\u2029z'), 'x\\u{2028}y\\u{2029}z');
    assert.equal(logText('invoice\u202efdp.exe'), 'invoice\\u{202e}fdp.exe');
    assert.equal(logText('a\u200bb\u00adc\u{e0041}'), 'a\\u{200b}b\\u{ad}c\\u{e0041}');
    assert.equal(logText('\ud800 lone'), '\\u{d800} lone');
  });

  it('leaves ordinary text as it is', () => {
    assert.equal(logText('Zoë Ångström <zoe@example.com> 東京'), 'Zoë Ångström <zoe@example.com> 東京');
  });

  it('is bounded, even for a huge value', () => {
    const logged = logText('x'.repeat(20_000_000), 300);
    assert.equal(logged.length, 301);
    assert.ok(logged.endsWith('…'));
    assert.ok(logText('\n'.repeat(1000), 50).length <= 51);
  });
});
