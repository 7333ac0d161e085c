import * as assert from 'node:assert/strict';
import { contactJson, type ContactJson } from '../fake-server/data';
import { allFrozen, API_KEYS, consumerRefresh, consumerReport } from './apiConsumer';
import { publicApi, signedInSession } from './helpers';

/** The fields a public contact shows for a contact the fake server sends. */
function expectedContact(json: ContactJson): Record<string, unknown> {
  return { uuid: json.uuid, name: json.name, phoneNumber: json.phoneNumber, source: json.source, tags: json.tags, customFields: json.customFields };
}

function sortedByName(contacts: ContactJson[]): ContactJson[] {
  return [...contacts].sort((a, b) => String(a.name).localeCompare(String(b.name)));
}

suite('Public API, as another extension sees it', () => {
  const contacts = Array.from({ length: 25 }, (_, index) =>
    contactJson({ name: `API Contact ${String(index).padStart(2, '0')}`, phoneNumber: `+34 611 000 ${String(100 + index)}`, tags: index % 2 ? ['vip'] : [], customFields: { Plan: `P${index}` } }),
  );
  let session: Awaited<ReturnType<typeof signedInSession>>;

  suiteSetup(async () => {
    session = await signedInSession({ contacts });
  });

  suiteTeardown(async () => {
    await session.dispose();
  });

  test('the other extension got the API and sees the loaded contacts as frozen copies', async () => {
    const report = await consumerReport();
    assert.equal(report.gotApi, true);
    // In the extension host's test mode the API also carries the host tests' own hooks.
    assert.deepEqual(report.apiKeys.filter((key) => key !== 'testing'), API_KEYS);
    assert.equal(report.version, '0.1.0');
    const seen = report.contacts.map((entry) => {
      const { uuid, name, phoneNumber, source, tags, customFields } = entry.contact;
      return { uuid, name, phoneNumber, source, tags, customFields };
    });
    assert.deepEqual(seen, sortedByName(contacts).map(expectedContact));
    assert.ok(report.contacts.every((entry) => !('raw' in entry.contact) && !('avatarUrl' in entry.contact)), 'no raw JSON, no avatar URL');
    assert.equal(allFrozen(report), true);
  });

  test('the copies are not the extension’s own contacts', async () => {
    const api = await publicApi();
    const own = session.app.controller.model.contacts;
    assert.equal(api.getContacts().length, own.length);
    assert.ok(api.getContacts().every((copy, index) => copy !== own[index] && copy.uuid === own[index].uuid));
  });

  test('findContact finds a contact by uuid and by its phone number written another way', async () => {
    const target = contacts[7];
    const digitsOnly = String(target.phoneNumber).replace(/\D/g, '');
    const report = await consumerReport({ lookups: [target.uuid as string, digitsOnly, '0034 611 000 103', 'no such contact', ''] });
    assert.deepEqual(report.lookups, {
      [target.uuid as string]: target.uuid,
      [digitsOnly]: target.uuid,
      '0034 611 000 103': contacts[3].uuid,
      'no such contact': null,
      '': null,
    });
    assert.equal(report.lookupsAreListed, true, 'findContact returns the same frozen copies getContacts lists');
  });

  test('onDidChangeContacts fires after a refresh, and the new contacts are listed', async () => {
    const added = contactJson({ name: 'API Contact 99 (new)' });
    session.fake.setContacts([...contacts, added]);
    const { before, after } = await consumerRefresh();
    assert.ok(after > before, `events before ${before}, after ${after}`);
    const report = await consumerReport({ lookups: [added.uuid as string] });
    assert.equal(report.lookups[added.uuid as string], added.uuid);
    assert.equal(report.contacts.length, contacts.length + 1);
    assert.equal(allFrozen(report), true);
  });

  test('nothing reachable from the API holds the key or a live internal object', async () => {
    const report = await consumerReport({ secret: session.fake.token, skipTopLevel: ['testing'] });
    assert.ok(report.reach);
    assert.deepEqual({ secretAt: report.reach.secretAt, internalNamesAt: report.reach.internalNamesAt }, { secretAt: [], internalNamesAt: [] });
    assert.ok(report.reach.visited > report.contacts.length, `walked ${report.reach.visited} objects`);
  });

  test('the walk does notice live internals: through the test hooks, left in, it finds them and the key', async () => {
    // Without reading getters: the live objects behind the hooks are not the API, and stay untouched.
    const report = await consumerReport({ secret: session.fake.token, callGetters: false });
    assert.ok(report.reach);
    assert.ok(report.reach.secretAt.some((at) => at.startsWith('api.testing.')), `key found at: ${report.reach.secretAt.join(', ')}`);
    assert.ok(report.reach.internalNamesAt.some((at) => at.startsWith('api.testing.controller')), report.reach.internalNamesAt.slice(0, 5).join(', '));
  });
});
