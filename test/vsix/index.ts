import { runSuitesIn } from '../integration/index';

/**
 * The entry for `npm run test:vsix`: the suites beside this file, run in an extension host that has the
 * packaged extension installed from its .vsix and only the API consumer fixture as a development extension.
 */
export function run(): Promise<void> {
  return runSuitesIn(__dirname);
}
