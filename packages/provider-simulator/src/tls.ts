import fs from 'node:fs';
import path from 'node:path';

// This package always runs from its source, never from a build, so tls/ is
// always next to src/.
// eslint-disable-next-line no-restricted-syntax
const tlsDirectory = path.resolve(__dirname, '../tls');

/**
 * The simulator's self-signed development certificate, for 127.0.0.1 and
 * localhost. Clients of the https listener trust it with this file as their CA.
 */
export const simulatorCertificatePath = path.join(
  tlsDirectory,
  'simulator-dev-only.cert.pem',
);

const simulatorKeyPath = path.join(tlsDirectory, 'simulator-dev-only.key.pem');

export function readSimulatorTls(): { key: string; cert: string } {
  return {
    key: fs.readFileSync(simulatorKeyPath, 'utf8'),
    cert: fs.readFileSync(simulatorCertificatePath, 'utf8'),
  };
}
