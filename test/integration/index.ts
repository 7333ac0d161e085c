import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** Runs every compiled `*.test.js` in `dir` with mocha inside the extension host. */
export async function runSuitesIn(dir: string): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30_000, reporter: 'spec' });
  const grep = process.env.CALLBELL_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of fs.readdirSync(dir).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(dir, file));
  }
  const vscode = await import('vscode');
  console.log(`VS Code ${vscode.version} (${vscode.env.appName}, ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'})`);
  await new Promise<void>((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} host tests failed`)) : resolve()));
  });
}

/**
 * The entry the extension host calls (`extensionTestsPath`), for both the code-server runner and
 * @vscode/test-electron: runs every compiled `*.test.js` beside this file.
 */
export function run(): Promise<void> {
  return runSuitesIn(__dirname);
}
