import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { GroupNode } from '../../src/tree/nodes';
import type { ContactJson } from '../fake-server/data';
import { rootRows, rowLabel, signedInSession } from './helpers';

type Session = Awaited<ReturnType<typeof signedInSession>>;

/** Contacts exactly as the API sends them, written out field by field so the expected files can be too. */
const formula: ContactJson = {
  uuid: 'e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e1',
  name: '=HYPERLINK("https://evil.example","Haz clic")',
  phoneNumber: '+34 600 000 001',
  avatarUrl: null,
  createdAt: '2024-01-02T03:04:05Z',
  source: 'whatsapp',
  href: 'https://dash.callbell.eu/contacts/e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e1',
  conversationHref: 'https://dash.callbell.eu/chat/e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e1',
  assignedUser: '@admin',
  tags: ['Lead', '-urgente'],
  customFields: { Nota: 'línea 1\nlínea 2', '+Fórmula': '\tcmd' },
  closedAt: null,
};
const quoted: ContactJson = {
  uuid: 'e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e2',
  name: 'José "Pepe" Núñez, Jr.',
  phoneNumber: '600 000 002',
  avatarUrl: null,
  createdAt: 'yesterday',
  source: 'whatsapp',
  href: 'https://evil.example/contacts/e2',
  assignedUser: null,
  tags: [],
  customFields: { Nota: 'dice "hola"\r\nadiós' },
};
const elsewhere: ContactJson = { uuid: 'e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e3', name: 'Filtered out', source: 'instagram', tags: ['Lead'], customFields: { Secreto: 'x' } };

const EXPECTED_CSV =
  '\ufeffName,Phone,Source,Assigned to,Created,Blocked since,Conversation,Tags,Dashboard,Contact ID,Nota,"\'+Fórmula"\r\n' +
  '"\'=HYPERLINK(""https://evil.example"",""Haz clic"")","\'+34 600 000 001",whatsapp,"\'@admin",2024-01-02T03:04:05Z,,Open,Lead; -urgente,' +
  'https://dash.callbell.eu/contacts/e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e1,e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e1,"línea 1\nlínea 2","\'\tcmd"\r\n' +
  '"José ""Pepe"" Núñez, Jr.",600 000 002,whatsapp,,yesterday,,,,,e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e2,"dice ""hola""\r\nadiós",\r\n';

const EXPECTED_JSON = `[
  {
    "uuid": "e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e1",
    "name": "=HYPERLINK(\\"https://evil.example\\",\\"Haz clic\\")",
    "phoneNumber": "+34 600 000 001",
    "avatarUrl": null,
    "createdAt": "2024-01-02T03:04:05Z",
    "source": "whatsapp",
    "href": "https://dash.callbell.eu/contacts/e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e1",
    "conversationHref": "https://dash.callbell.eu/chat/e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e1",
    "assignedUser": "@admin",
    "tags": [
      "Lead",
      "-urgente"
    ],
    "customFields": {
      "Nota": "línea 1\\nlínea 2",
      "+Fórmula": "\\tcmd"
    },
    "closedAt": null
  },
  {
    "uuid": "e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e2",
    "name": "José \\"Pepe\\" Núñez, Jr.",
    "phoneNumber": "600 000 002",
    "avatarUrl": null,
    "createdAt": "yesterday",
    "source": "whatsapp",
    "href": "https://evil.example/contacts/e2",
    "assignedUser": null,
    "tags": [],
    "customFields": {
      "Nota": "dice \\"hola\\"\\r\\nadiós"
    }
  }
]`;

suite('Export', () => {
  let session: Session;
  let directory: string;
  suiteSetup(async () => {
    session = await signedInSession({ contacts: [formula, quoted, elsewhere] });
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'callbell-export-test-'));
    await vscode.commands.executeCommand('callbell.filterBySource', 'whatsapp');
  });
  suiteTeardown(async () => {
    fs.rmSync(directory, { recursive: true, force: true });
    await session.dispose();
  });

  test('a filtered hostile data set exports to exactly the expected CSV, formulas neutralised', async () => {
    const target = vscode.Uri.file(path.join(directory, 'contacts.csv'));
    const result = await vscode.commands.executeCommand<{ count: number; format: string }>('callbell.exportContacts', target, 'csv');
    assert.deepEqual({ count: result?.count, format: result?.format }, { count: 2, format: 'csv' });
    assert.deepEqual(fs.readFileSync(target.fsPath), Buffer.from(EXPECTED_CSV, 'utf8'));
    assert.deepEqual(fs.readdirSync(directory), ['contacts.csv'], 'no temporary file left beside it');
  });

  test('… and to the contacts as the API sent them, as JSON', async () => {
    const target = vscode.Uri.file(path.join(directory, 'contacts.json'));
    await vscode.commands.executeCommand('callbell.exportContacts', target, 'json');
    assert.equal(fs.readFileSync(target.fsPath, 'utf8'), EXPECTED_JSON);
  });

  test('a group row exports the whole group, the text filter applied', async () => {
    await vscode.commands.executeCommand('callbell.filterByText', 'pepe');
    try {
      const group = rootRows(session.app).find((row) => rowLabel(session.app, row) === 'Untagged') as GroupNode;
      const target = vscode.Uri.file(path.join(directory, 'group.json'));
      await vscode.commands.executeCommand('callbell.exportGroup', group, undefined, target, 'json');
      assert.deepEqual((JSON.parse(fs.readFileSync(target.fsPath, 'utf8')) as { uuid: string }[]).map((contact) => contact.uuid), [quoted.uuid]);
    } finally {
      await vscode.commands.executeCommand('callbell.filterByText', '');
    }
  });
});
