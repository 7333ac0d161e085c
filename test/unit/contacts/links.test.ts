import * as assert from 'node:assert/strict';
import { DASHBOARD_HOST, checkDashboardLink } from '../../../src/contacts/links';

function accepted(href: string): string {
  const result = checkDashboardLink(href);
  assert.ok(result.ok, `${JSON.stringify(href)} was rejected: ${result.ok ? '' : result.reason}`);
  return result.url;
}

function rejected(href: string | undefined): string {
  const result = checkDashboardLink(href);
  assert.ok(!result.ok, `${JSON.stringify(href)} was accepted as ${result.ok ? result.url : ''}`);
  assert.ok(result.reason.length > 0);
  return result.reason;
}

describe('contacts/links', () => {
  it('only trusts the Callbell dashboard', () => {
    assert.equal(DASHBOARD_HOST, 'dash.callbell.eu');
  });

  describe('accepts', () => {
    it('https links to the dashboard, unchanged', () => {
      for (const href of [
        'https://dash.callbell.eu/contacts/414a6d692bd645ed803f2e7ce360d4c8',
        'https://dash.callbell.eu/chat/abc?tab=notes#last',
        'https://dash.callbell.eu/',
      ]) {
        assert.equal(accepted(href), href);
      }
    });

    it('an upper-case scheme and host, normalised to lower case (the path keeps its case)', () => {
      assert.equal(accepted('HTTPS://DASH.CALLBELL.EU/Contacts/ABC'), 'https://dash.callbell.eu/Contacts/ABC');
    });

    it('surrounding whitespace, trimmed', () => {
      assert.equal(accepted('  https://dash.callbell.eu/contacts/1 \n'), 'https://dash.callbell.eu/contacts/1');
      assert.equal(accepted('\thttps://dash.callbell.eu/x'), 'https://dash.callbell.eu/x');
      assert.equal(accepted('\u00a0https://dash.callbell.eu/x\u2003'), 'https://dash.callbell.eu/x');
    });

    it('the default https port, which is no port at all once normalised', () => {
      assert.equal(accepted('https://dash.callbell.eu:443/x'), 'https://dash.callbell.eu/x');
    });

    it('a returned url that is itself accepted (normalisation is stable)', () => {
      const url = accepted('HTTPS://Dash.Callbell.EU:443/a b');
      assert.equal(accepted(url), url);
      assert.equal(url, 'https://dash.callbell.eu/a%20b');
    });
  });

  describe('rejects', () => {
    it('missing and blank links', () => {
      assert.equal(rejected(undefined), 'missing');
      assert.equal(rejected(''), 'missing');
      assert.equal(rejected('  \n '), 'missing');
    });

    it('text that is not an absolute URL', () => {
      for (const href of ['not a url', '/contacts/1', '//dash.callbell.eu/contacts/1', 'dash.callbell.eu/contacts/1', 'https://']) rejected(href);
    });

    it('command: URIs, which would run editor commands', () => {
      for (const href of [
        'command:workbench.action.terminal.new',
        'command:callbell.signOut',
        'command:vscode.open?%5B%22https%3A%2F%2Fdash.callbell.eu%22%5D',
        'COMMAND:workbench.action.reloadWindow',
        ' command:workbench.action.openSettings',
      ]) {
        rejected(href);
      }
    });

    it('javascript:, vscode:, file:, data: and other schemes', () => {
      for (const href of [
        'javascript:alert(document.cookie)',
        'JavaScript://dash.callbell.eu/%0Aalert(1)',
        'vscode://vscode.git/clone?url=https://evil.com/repo',
        'vscode-insiders://dash.callbell.eu/',
        'file:///etc/passwd',
        'file://dash.callbell.eu/share',
        'data:text/html,<script>alert(1)</script>',
        'ftp://dash.callbell.eu/',
        'wss://dash.callbell.eu/',
        'mailto:agent@dash.callbell.eu',
      ]) {
        rejected(href);
      }
    });

    it('plain http, even to the dashboard', () => {
      assert.match(rejected('http://dash.callbell.eu/contacts/1'), /http:/);
      rejected('HTTP://DASH.CALLBELL.EU/');
    });

    it('other hosts', () => {
      for (const href of ['https://evil.com/', 'https://callbell.eu/', 'https://api.callbell.eu/v1/contacts', 'https://www.dash.callbell.eu/', 'https://127.0.0.1/', 'https://[::1]/']) {
        rejected(href);
      }
    });

    it('hosts that merely look like the dashboard', () => {
      for (const href of [
        'https://dash.callbell.eu.evil.com/contacts/1',
        'https://evil.com/dash.callbell.eu',
        'https://evil.com/?https://dash.callbell.eu/',
        'https://evil.com#https://dash.callbell.eu/',
        'https://dash.callbell.eu@evil.com/',
        'https://dash.callbell.eu:443@evil.com/',
        'https://evil.com\\@dash.callbell.eu/',
        'https://evil.com\\.dash.callbell.eu/',
        'https://dash.callbell.eu%2eevil.com/',
        'https://dash-callbell.eu/',
        'https://dashcallbell.eu/',
        'https://dash.callbell.eu./',
        'https://evildash.callbell.eu/',
        'https://dash.callbell.eu.',
        'https://dаsh.callbell.eu/', // Cyrillic "а"
      ]) {
        rejected(href);
      }
    });

    it('credentials in the URL, even on the dashboard host', () => {
      for (const href of ['https://user:pass@dash.callbell.eu/', 'https://user@dash.callbell.eu/', 'https://:pass@dash.callbell.eu/', 'https://evil.com@dash.callbell.eu/']) {
        assert.match(rejected(href), /credentials/, href);
      }
    });

    it('explicit non-default ports', () => {
      for (const href of ['https://dash.callbell.eu:8443/', 'https://dash.callbell.eu:80/', 'https://dash.callbell.eu:1/x']) {
        assert.match(rejected(href), /port/, href);
      }
    });
  });
});
