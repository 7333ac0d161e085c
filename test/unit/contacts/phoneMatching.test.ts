import * as assert from 'node:assert/strict';
import type { Contact } from '../../../src/api/contact';
import { createCollator } from '../../../src/contacts/grouping';
import { ContactsModel, phoneKey, sameNationalNumber } from '../../../src/contacts/model';
import { ContactStore } from '../../../src/contacts/store';
import { contact, names } from './builders';

async function modelOf(contacts: Contact[]): Promise<ContactsModel> {
  const store = new ContactStore(async () => contacts);
  await store.refresh();
  return new ContactsModel(store, createCollator('en'));
}

describe('phone matching in the contacts model', () => {
  const french = contact({ name: 'Marie', phoneNumber: '+33 6 12 34 56 78' });
  const american = contact({ name: 'Sam', phoneNumber: '+1 555 010 0001' });
  const british = contact({ name: 'Olivia', phoneNumber: '+44 20 7946 0958' });
  const spanishNational = contact({ name: 'Lucía', phoneNumber: '600 123 456' });
  const short = contact({ name: 'Desk', phoneNumber: '123-4567' });
  let model: ContactsModel;
  before(async () => {
    model = await modelOf([french, american, british, spanishNational, short, contact({ name: 'No phone' })]);
  });

  it('finds a number whatever its formatting, with + or 00', () => {
    for (const text of ['+33 6 12 34 56 78', '+33612345678', '0033612345678', '33 6 12 34 56 78', '+33 (0)6 12 34 56 78', '+33-6-12-34-56-78']) {
      assert.deepEqual(names(model.findByPhone(text)), ['Marie'], text);
    }
  });

  it('a national number finds its international form', () => {
    assert.deepEqual(names(model.findByPhone('(555) 010-0001')), ['Sam']);
    assert.deepEqual(names(model.findByPhone('555-010-0001')), ['Sam']);
    assert.deepEqual(names(model.findByPhone('06 12 34 56 78')), ['Marie']);
    assert.deepEqual(names(model.findByPhone('020 7946 0958')), ['Olivia']);
  });

  it('an international number finds a contact saved with its national form', () => {
    assert.deepEqual(names(model.findByPhone('+34 600 123 456')), ['Lucía']);
  });

  it('numbers that only share their last digits are different numbers', () => {
    assert.deepEqual(names(model.findByPhone('+44 555 010 0001')), []);
    assert.deepEqual(names(model.findByPhone('+49 6 12 34 56 78')), []);
    assert.deepEqual(names(model.findByPhone('+1 612 345 678')), []);
    // A longer run that happens to end with a number is not that number.
    assert.deepEqual(names(model.findByPhone('98765 33 6 12 34 56 78')), []);
  });

  it('short numbers match only exactly, and too short text matches nothing', () => {
    assert.deepEqual(names(model.findByPhone('1234567')), ['Desk']);
    assert.deepEqual(names(model.findByPhone('+99 123 4567')), []);
    assert.deepEqual(names(model.findByPhone('123456')), []);
    assert.deepEqual(names(model.findByPhone('')), []);
  });

  it('prefers the exact number over a national look-alike', async () => {
    const exact = contact({ name: 'Exact', phoneNumber: '5550100001' });
    const both = await modelOf([american, exact]);
    assert.deepEqual(names(both.findByPhone('(555) 010-0001')), ['Exact']);
    assert.deepEqual(names(both.findByPhone('+1 555 010 0001')), ['Sam']);
  });

  it('sees the contacts of the current load only', async () => {
    let contacts = [french];
    const store = new ContactStore(async () => contacts);
    await store.refresh();
    const current = new ContactsModel(store, createCollator('en'));
    assert.deepEqual(names(current.findByPhone('06 12 34 56 78')), ['Marie']);
    contacts = [american];
    await store.refresh();
    assert.deepEqual(names(current.findByPhone('06 12 34 56 78')), []);
    assert.deepEqual(names(current.findByPhone('(555) 010-0001')), ['Sam']);
  });

  it('phoneKey: digits, 00 as +, a trunk (0) dropped, undefined under seven digits', () => {
    assert.equal(phoneKey('+44 (0)20 7946 0958'), '442079460958');
    assert.equal(phoneKey('0033 6 12 34 56 78'), '33612345678');
    assert.equal(phoneKey('12 34 56'), undefined);
  });

  it('sameNationalNumber: a one-to-three digit country code before the national number', () => {
    assert.equal(sameNationalNumber('5550100001', '15550100001'), true);
    assert.equal(sameNationalNumber('0612345678', '33612345678'), true);
    assert.equal(sameNationalNumber('0612345678', '612345678'), true);
    assert.equal(sameNationalNumber('612345678', '12345612345678'), false, 'a six-digit prefix is no country code');
    assert.equal(sameNationalNumber('15550100001', '445550100001'), false);
    assert.equal(sameNationalNumber('12345678', '3312345678'), false, 'too short to tell');
  });
});
