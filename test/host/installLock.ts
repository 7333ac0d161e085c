/**
 * The lock folder that keeps two runs from installing the VS Code server at once, on one machine or several
 * sharing a cache: the owner's pid and host are written inside, and a lock whose owner is gone is taken over.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

type Log = (message: string) => void;

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function acquireLock(lock: string, log: Log): Promise<void> {
  let announced = false;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'owner'), `${process.pid}\n${os.hostname()}\n`);
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let owner: number | undefined;
    let host: string | undefined;
    try {
      const [pid, h] = fs.readFileSync(path.join(lock, 'owner'), 'utf8').split('\n');
      owner = Number(pid);
      host = h;
    } catch {
      // the owner is between mkdir and writing its pid; look again shortly
    }
    const sameHost = host === undefined || host === os.hostname();
    if (owner !== undefined && Number.isInteger(owner) && owner > 0 && sameHost && !isAlive(owner)) {
      log(`Removing a stale install lock left by process ${owner}.`);
      fs.rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (owner === undefined) {
      // A lock without an owner file that is older than a minute belongs to a process killed at the wrong moment.
      try {
        if (Date.now() - fs.statSync(lock).mtimeMs > 60_000) {
          fs.rmSync(lock, { recursive: true, force: true });
          continue;
        }
      } catch {
        continue;
      }
    }
    if (!announced) {
      log(`Another run (process ${owner ?? '?'}) is installing the VS Code server; waiting for it to finish…`);
      announced = true;
    }
    await sleep(1000);
  }
}
