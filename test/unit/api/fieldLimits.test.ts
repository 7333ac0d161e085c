import * as assert from 'node:assert/strict';
import { contactJson } from '../../fake-server/data';
import { closeAll, harness } from './helpers';

/** Values in a tree of `raw`, nested ones included. */
function countNodes(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  return Object.values(value).reduce((sum: number, item) => sum + 1 + countNodes(item), 0);
}

describe('CallbellClient: caps per field', () => {
  afterEach(closeAll);

  it('cuts each field at a cap sized for real data, and leaves out links and dates too long to be real', async () => {
    const big = contactJson({
      name: 'N'.repeat(10_000),
      phoneNumber: '6'.repeat(10_000),
      source: 's'.repeat(10_000),
      assignedUser: `${'a'.repeat(10_000)}@corp.example`,
      tags: ['T'.repeat(10_000), 'vip'],
      customFields: { ['K'.repeat(10_000)]: 'V'.repeat(10_000), notes: 'short' },
      href: `https://dash.callbell.eu/contacts/${'h'.repeat(3000)}`,
      conversationHref: `https://dash.callbell.eu/chat/${'c'.repeat(3000)}`,
      avatarUrl: `https://cdn.example/${'p'.repeat(3000)}.png`,
      createdAt: `2024-01-01T00:00:00Z${' '.repeat(100)}`,
    });
    const { client, warnings } = await harness({ contacts: [big] });

    const [contact] = await client.listContacts({});

    assert.equal(contact.name.length, 512);
    assert.equal(contact.phoneNumber?.length, 256);
    assert.equal(contact.source?.length, 256);
    assert.equal(contact.assignedUser?.length, 512);
    assert.deepEqual(contact.tags.map((tag) => tag.length), [256, 3]);
    assert.deepEqual(Object.entries(contact.customFields).map(([key, value]) => [key.length, value.length]), [[256, 1024], [5, 5]]);
    for (const field of ['href', 'conversationHref', 'avatarUrl', 'createdAt'] as const) assert.equal(contact[field], undefined, field);
    assert.deepEqual(warnings.map((w) => w.code), ['contactTruncated']);
  });

  it('keeps a short URL and date as sent', async () => {
    const { client, warnings } = await harness({ contacts: [contactJson({ avatarUrl: 'https://cdn.example/a.png', createdAt: '2024-01-01T00:00:00Z' })] });
    const [contact] = await client.listContacts({});
    assert.equal(contact.avatarUrl, 'https://cdn.example/a.png');
    assert.equal(contact.createdAt, '2024-01-01T00:00:00Z');
    assert.deepEqual(warnings, []);
  });

  it('copies at most 1,000 values of one contact into raw', async () => {
    const wide = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`list${i}`, Array.from({ length: 150 }, (_, j) => j)]));
    const { client, warnings } = await harness({ contacts: [contactJson({ extra: wide })] });
    const [contact] = await client.listContacts({});
    assert.ok(countNodes(contact.raw) <= 1000, String(countNodes(contact.raw)));
    assert.ok(countNodes(contact.raw) >= 900, 'the budget is spent, not refused');
    assert.deepEqual(warnings.map((w) => w.code), ['contactTruncated']);
  });
});
