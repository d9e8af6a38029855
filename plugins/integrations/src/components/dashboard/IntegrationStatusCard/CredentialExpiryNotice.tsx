import { Environment } from '@internal/plugin-integrations-common';
import { DateTime } from 'luxon';
import { useExpiringCredentials } from '../../../hooks/useExpiringCredentials';
import { InlineAlert } from '../../shared/InlineAlert';

function when(expiresAt: string) {
  const relative = DateTime.fromISO(expiresAt).toRelative() ?? expiresAt;
  return Date.parse(expiresAt) <= Date.now()
    ? `expired ${relative}`
    : `expires ${relative}`;
}

/** Warns on the status card about credentials that expired or expire within a week. */
export function CredentialExpiryNotice(props: {
  integration: string;
  environment: Environment;
  provider: string;
}) {
  const expiring = useExpiringCredentials(
    props.integration,
    props.environment,
    props.provider,
  );
  if (expiring.length === 0) {
    return null;
  }
  const expired = expiring.some(
    field => Date.parse(field.expiresAt!) <= Date.now(),
  );
  return (
    <InlineAlert
      severity={expired ? 'error' : 'warning'}
      title={expired ? 'Credentials expired' : 'Credentials expire soon'}
    >
      {expiring
        .map(field => `${field.label} ${when(field.expiresAt!)}`)
        .join('; ')}
      . Replace {expiring.length === 1 ? 'it' : 'them'} under Configure ›
      Credentials.
    </InlineAlert>
  );
}
