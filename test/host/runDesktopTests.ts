/**
 * `npm run test:desktop`: the same integration suite (out/test/integration/index.js) in VS Code desktop
 * through @vscode/test-electron, which downloads VS Code from Microsoft's update service: it needs
 * internet, so it is for contributors' own machines and does not run in CI (see runHostTests.ts for the
 * runner that works offline).
 *
 *   node out/test/host/runDesktopTests.js [compiled test entry .js]
 *
 * Environment: CALLBELL_VSCODE_VERSION picks the VS Code build: `stable` (default), `insiders`, a version
 * such as `1.85.0`, or `min` for the lowest version `engines.vscode` in package.json allows.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { extensionFolder } from './fixtureExtensions';

/** out/test/host → the repository root. */
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

function minimumVersion(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { engines?: { vscode?: string } };
  const m = /(\d+\.\d+\.\d+)/.exec(manifest.engines?.vscode ?? '');
  return m ? m[1] : 'stable';
}

async function main(): Promise<number> {
  const entry = path.resolve(process.argv[2] ?? path.join(REPO_ROOT, 'out', 'test', 'integration', 'index.js'));
  if (!fs.existsSync(entry)) {
    console.error(`${entry} does not exist: run \`npm run build:tests\` first.`);
    return 2;
  }
  const wanted = process.env.CALLBELL_VSCODE_VERSION || 'stable';
  const version = wanted === 'min' ? minimumVersion() : wanted;
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'callbell-desktop-workspace-'));
  try {
    return await runTests({
      version,
      // The second extension is the one the public API suite talks through.
      extensionDevelopmentPath: [REPO_ROOT, extensionFolder(path.join(REPO_ROOT, 'test', 'fixtures', 'api-consumer'), REPO_ROOT)],
      extensionTestsPath: entry,
      extensionTestsEnv: { CALLBELL_TEST_RUNNER: 'test-electron' },
      // Other installed extensions stay off; the one under development is loaded all the same.
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    console.error(`Desktop tests failed: ${message}`);
    if (/ENOTFOUND|ECONNREFUSED|ETIMEDOUT|getaddrinfo/.test(message)) {
      console.error('@vscode/test-electron downloads VS Code desktop and needs internet; offline, use `npm run test:host`.');
    }
    return 1;
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

void main().then((code) => process.exit(code));
