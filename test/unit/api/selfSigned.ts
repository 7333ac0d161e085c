/**
 * A throwaway self-signed certificate for 127.0.0.1, made with the openssl command line (Node can
 * read certificates but not create them), for the tests of certificate failures.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KeyPair {
  readonly key: string;
  readonly cert: string;
}

export function selfSignedCertificate(): KeyPair {
  const dir = mkdtempSync(join(tmpdir(), 'callbell-cert-'));
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', keyFile, '-out', certFile, '-days', '1',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
    ], { stdio: 'pipe' });
    return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') };
  } catch (error) {
    const missing = (error as { code?: unknown }).code === 'ENOENT';
    throw new Error(missing ? 'openssl not found: the certificate tests need it (apt-get install openssl).' : `openssl failed: ${String(error)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
