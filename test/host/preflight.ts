/**
 * `npm test` runs this first (in `pretest`, after the build): it stops at once, with the one command that
 * installs them, when Debian packages the suites need are missing, instead of failing minutes later.
 *
 *   node out/test/host/preflight.js
 *
 * Exit code 0 when everything is there, 2 otherwise.
 */
import { checkPrerequisites, HostSetupError } from './prerequisites';
import { isHostInstalled } from './vscodeHost';

try {
  checkPrerequisites({ browser: true, tinyproxy: true, install: !isHostInstalled() });
} catch (err) {
  if (!(err instanceof HostSetupError)) throw err;
  console.error(err.message);
  process.exit(2);
}
