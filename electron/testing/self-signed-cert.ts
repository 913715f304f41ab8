import { execFile } from 'node:child_process';
import { join } from 'node:path';

/**
 * For tests only: a throwaway self-signed certificate for 127.0.0.1 and localhost, valid for a
 * day, made with the system's `openssl`. Returns the PEM files' paths inside `dir`.
 */
export function makeSelfSignedCert(dir: string): Promise<{ cert: string; key: string }> {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  const args = ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1'];
  args.push('-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', key, '-out', cert);
  return new Promise((resolve, reject) => {
    execFile('openssl', args, (error, _stdout, stderr) => {
      if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') reject(new Error('openssl not found: install the Debian package "openssl"'));
      else if (error) reject(new Error(`openssl could not make a test certificate: ${stderr || error.message}`));
      else resolve({ cert, key });
    });
  });
}
