import * as assert from 'node:assert/strict';
import { CallbellError } from '../../../src/api';
import { parseSingleContact } from '../../../src/api/singleContact';
import { contactJson } from '../../fake-server/data';
import { closeAll, harness, rejection } from './helpers';

const marie = contactJson({ uuid: 'ab12ab12ab12ab12ab12ab12ab12ab12', name: 'Marie', phoneNumber: '+33 6 12 34 56 78' });

describe('CallbellClient.getContactByPhone', () => {
  afterEach(closeAll);

  it('asks GET /contacts/phone/:phone with the number URL-encoded and parses the contact', async () => {
    const { server, client } = await harness({ contacts: [marie] });
    const result = await client.getContactByPhone(' +33612345678 ');
    assert.deepEqual(server.requests.map((request) => [request.method, request.path, request.authorized]), [['GET', '/v1/contacts/phone/%2B33612345678', true]]);
    assert.ok(result.found);
    assert.equal(result.contact.uuid, marie.uuid);
    assert.equal(result.contact.name, 'Marie');
    assert.equal(result.contact.phoneNumber, '+33 6 12 34 56 78');
  });

  it('reads the contact wrapped in a one-element array too', async () => {
    const { client } = await harness({ contacts: [marie], contactShape: 'array' });
    const result = await client.getContactByPhone('0033612345678');
    assert.ok(result.found);
    assert.equal(result.contact.name, 'Marie');
  });

  it('a 404 is “not found”, not an error', async () => {
    const { server, client } = await harness({ contacts: [marie] });
    assert.deepEqual(await client.getContactByPhone('+442079460000'), { found: false });
    assert.equal(server.requests.length, 1, 'a 404 is not retried');
  });

  it('a rejected key is an unauthorized CallbellError', async () => {
    const { client } = await harness({ contacts: [marie] }, { token: 'wrong-token' });
    const error = await rejection(client.getContactByPhone('+33612345678'));
    assert.ok(error instanceof CallbellError);
    assert.equal(error.kind, 'unauthorized');
  });

  it('parseSingleContact: an object, a one-element array (as `contact` or the body), nothing', () => {
    const none = (): void => assert.fail('no warning expected');
    assert.equal(parseSingleContact({ contact: marie }, none)?.name, 'Marie');
    assert.equal(parseSingleContact({ contact: [marie] }, none)?.name, 'Marie');
    assert.equal(parseSingleContact([marie], none)?.name, 'Marie');
    assert.equal(parseSingleContact({ contact: null }, none), undefined);
    assert.equal(parseSingleContact({ contact: [] }, none), undefined);
    assert.throws(() => parseSingleContact({ contacts: [marie] }, none), CallbellError);
    assert.throws(() => parseSingleContact('text', none), CallbellError);
  });

  it('a body without a readable contact is invalidResponse', async () => {
    const { server, client } = await harness({ contacts: [marie] });
    server.addFault({ kind: 'missingContacts', path: '/v1/contacts/phone/%2B33612345678', times: 1 });
    const error = await rejection(client.getContactByPhone('+33612345678'));
    assert.ok(error instanceof CallbellError);
    assert.equal(error.kind, 'invalidResponse');
    server.setContacts([{ ...marie, uuid: 42 }]);
    const bad = await rejection(client.getContactByPhone('+33612345678'));
    assert.ok(bad instanceof CallbellError && bad.kind === 'invalidResponse');
  });
});
