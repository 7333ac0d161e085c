/**
 * Test extensions under test/fixtures/<name>/ keep their manifest beside their TypeScript; tsc compiles the
 * code to out/test/fixtures/<name>/. A fixture is loaded from that out folder, with the manifest copied in,
 * so that its `main` (`./extension.js`) lies inside the extension's folder as VS Code expects.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** `dir` itself, or for a fixture folder the out folder assembled from it. */
export function extensionFolder(dir: string, repoRoot: string): string {
  const fixtures = path.join(repoRoot, 'test', 'fixtures');
  const relative = path.relative(fixtures, dir);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return dir;
  const built = path.join(repoRoot, 'out', 'test', 'fixtures', relative);
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { main?: string };
  const main = path.join(built, manifest.main ?? 'extension.js');
  if (!fs.existsSync(main)) throw new Error(`${main} does not exist (did you run \`npm run build:tests\`?)`);
  fs.copyFileSync(path.join(dir, 'package.json'), path.join(built, 'package.json'));
  return built;
}
