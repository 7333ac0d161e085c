/**
 * Installs a packaged extension the way a user does: the VS Code server's own `--install-extension <file.vsix>`
 * into the extensions folder the server is then started with.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { addCleanup } from './cleanup';
import { stopProcessGroup } from './processes';
import type { VsCodeHost } from './vscodeHost';

/** The file `npm run package` writes: `<name>-<version>.vsix` in the repository root, as vsce names it. */
export function packagedVsixPath(repoRoot: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string };
  return path.join(repoRoot, `${manifest.name}-${manifest.version}.vsix`);
}

export async function installVsix(
  host: VsCodeHost,
  vsix: string,
  dirs: { readonly serverData: string; readonly userData: string; readonly extensions: string },
  logFile: string,
): Promise<void> {
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} does not exist: run \`npm run package\` first`);
  const args = [
    host.serverMain,
    '--install-extension', vsix,
    '--extensions-dir', dirs.extensions,
    '--server-data-dir', dirs.serverData,
    '--user-data-dir', dirs.userData,
    '--accept-server-license-terms',
  ];
  fs.appendFileSync(logFile, `\n=== ${new Date().toISOString()} ${host.node} ${args.join(' ')}\n`);
  const out = fs.openSync(logFile, 'a');
  // The install never needs the gallery: without this the CLI would try to reach it on the internet.
  const env: NodeJS.ProcessEnv = { ...process.env, EXTENSIONS_GALLERY: '{}' };
  delete env.NODE_OPTIONS;
  const child = spawn(host.node, args, { env, stdio: ['ignore', out, out], detached: true });
  fs.closeSync(out);
  const removeCleanup = addCleanup('vsix install', () => stopProcessGroup(child, 1_000));
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (exitCode) => resolve(exitCode));
    });
    if (code !== 0) throw new Error(`installing ${path.basename(vsix)} failed (exit ${code}); see ${logFile}`);
  } finally {
    removeCleanup();
  }
}
