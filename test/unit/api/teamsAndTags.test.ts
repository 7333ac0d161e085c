import * as assert from 'node:assert/strict';
import { CallbellError } from '../../../src/api';
import { parseTeamsPage } from '../../../src/api/teams';
import { contactJson } from '../../fake-server/data';
import { closeAll, contactRequests, harness, rejection, uuids } from './helpers';

describe('CallbellClient: teams and several tags', () => {
  afterEach(closeAll);

  const a = contactJson({ name: 'a', tags: ['Lead'] });
  const b = contactJson({ name: 'b', tags: ['urgente'] });
  const ab = contactJson({ name: 'ab', tags: ['lead', 'URGENTE'] });
  const none = contactJson({ name: 'none', tags: ['cold'] });
  const contacts = [a, b, ab, none];

  describe('listTeams', () => {
    it('walks every page of GET /teams with names and member counts', async () => {
      const teams = Array.from({ length: 5 }, (_, i) => ({ uuid: `team-${i}`, name: `Team ${i}`, members: ['x', 'y'].slice(0, i % 3), contactUuids: [] }));
      const { client, server } = await harness({ teams, pageSize: 2 });
      const listed = await client.listTeams();
      assert.deepEqual(listed.map((team) => [team.uuid, team.name, team.members]), teams.map((team) => [team.uuid, team.name, team.members.length]));
      assert.deepEqual(server.requests.filter((r) => r.path === '/v1/teams').map((r) => r.query.page), [undefined, '2', '3']);
    });

    it('reads untrusted team JSON: bad entries skipped, members as a list or a count, names bounded', () => {
      const page = parseTeamsPage({
        teams: [null, 7, { name: 'no uuid' }, { uuid: 'has space', name: 'x' }, { uuid: 'u1', name: 'x'.repeat(1000), members: [{}, {}] }, { uuid: 'u2', name: 3, members: -1 }, { uuid: 'u3', membersCount: 4 }],
        meta: { page: 1, pages: 'many' },
      });
      assert.deepEqual(page.teams.map((team) => team.uuid), ['u1', 'u2', 'u3']);
      assert.equal(page.teams[0].members, 2);
      assert.ok(page.teams[0].name.length <= 200);
      assert.equal(page.teams[1].name, '');
      assert.equal(page.teams[1].members, undefined);
      assert.equal(page.teams[2].members, 4);
      assert.equal(page.pages, undefined);
      assert.throws(() => parseTeamsPage({ data: [] }), (error: unknown) => error instanceof CallbellError && error.kind === 'invalidResponse');
    });
  });

  describe('team_uuid', () => {
    it('is sent with the source and the tags, and lists only the team’s contacts', async () => {
      const team = { uuid: 'team-1', name: 'Ventas', members: ['ana@example.com'], contactUuids: [String(a.uuid), String(ab.uuid)] };
      const { client, server } = await harness({ contacts, teams: [team] });
      const listed = await client.listContacts({ source: 'whatsapp', tags: ['lead'], teamUuid: 'team-1' });
      assert.deepEqual(uuids(listed), [a.uuid, ab.uuid]);
      assert.deepEqual(contactRequests(server)[0].query, { source: 'whatsapp', tags: 'lead', team_uuid: 'team-1' });
    });
  });

  for (const tagMatching of ['any', 'all'] as const) {
    describe(`several tags, on a server that ${tagMatching === 'any' ? 'ORs' : 'ANDs'} them`, () => {
      it('"any" lists each tag on its own and merges them, the same on either server', async () => {
        const { client, server } = await harness({ contacts, tagMatching });
        const listed = await client.listContacts({ tags: ['lead', 'urgente'], tagMatch: 'any' });
        assert.deepEqual(uuids(listed).sort(), [a.uuid, ab.uuid, b.uuid].sort());
        assert.deepEqual(contactRequests(server).map((r) => r.query.tags), ['lead', 'urgente']);
      });

      it('"all" sends them comma-joined in one listing', async () => {
        const { client, server } = await harness({ contacts, tagMatching });
        const listed = await client.listContacts({ tags: ['lead', 'urgente'] });
        assert.deepEqual(contactRequests(server).map((r) => r.query.tags), ['lead,urgente']);
        // The server's reading decides the listing; the store re-checks it locally.
        assert.deepEqual(uuids(listed).sort(), (tagMatching === 'all' ? [ab.uuid] : [a.uuid, b.uuid, ab.uuid]).sort());
      });
    });
  }

  it('an "any" listing cut at the page limit carries every contact merged so far', async () => {
    const many = Array.from({ length: 30 }, (_, i) => contactJson({ name: `m${i}`, tags: [i < 5 ? 'small' : 'big'] }));
    const { client } = await harness({ contacts: many, pageLimit: 1, pageSize: 20 }, { maxPages: 1 });
    const error = await rejection(client.listContacts({ tags: ['small', 'big'], tagMatch: 'any' }));
    assert.ok(error instanceof CallbellError && error.kind === 'paginationLimit', String(error));
    assert.equal(error.partial?.length, 25, 'the 5 small ones and the first page of big ones');
  });
});
