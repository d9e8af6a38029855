import { ExpiringCredential } from '@internal/plugin-integrations-common';
import { DateTime } from 'luxon';
import { InlineAlert } from '../../shared/InlineAlert';

function when(expiresAt: string) {
  const relative = DateTime.fromISO(expiresAt).toRelative() ?? expiresAt;
  return Date.parse(expiresAt) <= Date.now()
    ? `expired ${relative}`
    : `expires ${relative}`;
}

/**
 * Warns on the status card about credentials that expired or expire within a
 * week, as the status names them.
 */
export function CredentialExpiryNotice(props: {
  expiring: ExpiringCredential[];
}) {
  const { expiring } = props;
  if (expiring.length === 0) {
    return null;
  }
  const expired = expiring.some(
    credential => Date.parse(credential.expiresAt) <= Date.now(),
  );
  return (
    <InlineAlert
      severity={expired ? 'error' : 'warning'}
      title={expired ? 'Credentials expired' : 'Credentials expire soon'}
    >
      {expiring
        .map(credential => `${credential.label} ${when(credential.expiresAt)}`)
        .join('; ')}
      . Replace {expiring.length === 1 ? 'it' : 'them'} under Configure ›
      Credentials.
    </InlineAlert>
  );
}
