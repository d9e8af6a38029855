import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { TLSSocket } from 'node:tls';
import { describeCertificateProblem } from './failures';
import { OutboundRequestError } from './OutboundRequestError';

export interface TlsInspection {
  authorized: boolean;
  /** Why the certificate is not trusted, in words with the OpenSSL code. */
  authorizationError?: string;
  /** ISO 8601. */
  validFrom: string;
  /** ISO 8601. */
  validTo: string;
  daysUntilExpiry: number;
  issuer: string;
  subject: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function inspectPeer(socket: TLSSocket, origin: string): TlsInspection {
  const certificate = socket.getPeerX509Certificate();
  if (!certificate) {
    throw new OutboundRequestError(
      'tls_error',
      origin,
      `${origin} presented no certificate`,
    );
  }
  const validTo = new Date(certificate.validTo);
  return {
    authorized: socket.authorized,
    ...(socket.authorized
      ? {}
      : {
          authorizationError: describeCertificateProblem(
            String(socket.authorizationError),
          ),
        }),
    validFrom: new Date(certificate.validFrom).toISOString(),
    validTo: validTo.toISOString(),
    daysUntilExpiry: Math.floor((validTo.getTime() - Date.now()) / DAY_MS),
    issuer: certificate.issuer.split('\n').join(', '),
    subject: certificate.subject.split('\n').join(', '),
  };
}

export function readCertificateFile(file: string): string {
  let pem: string;
  try {
    pem = readFileSync(resolvePath(file), 'utf8');
  } catch (error) {
    throw new Error(
      `Could not read ${file} from integrations.network.trustedCertificateFiles: ${error}`,
    );
  }
  assertCertificate(pem, file);
  return pem;
}

// A string that is not PEM would be ignored by TLS without a word, leaving
// the certificate untrusted for reasons nobody could see.
export function assertCertificate(pem: string, label: string): void {
  try {
    new X509Certificate(pem); // eslint-disable-line no-new
  } catch {
    throw new Error(`${label} is not a PEM certificate`);
  }
}
