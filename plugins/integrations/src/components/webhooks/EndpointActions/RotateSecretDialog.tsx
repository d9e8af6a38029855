import { useApi } from '@backstage/core-plugin-api';
import {
  DEFAULT_SECRET_GRACE_HOURS,
  MAX_SECRET_GRACE_HOURS,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
} from '@internal/plugin-integrations-common';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { integrationsApiRef } from '../../../api';
import { fieldIssuesOf } from '../../../requestErrors';
import { ConfirmationDialog } from '../../shared/ConfirmationDialog';
import { LabelledTextField } from '../../shared/LabelledTextField';

/** Replaces the signing secret; the old one keeps signing for the grace hours chosen. */
export function RotateSecretDialog(props: {
  endpoint: WebhookEndpoint;
  onClose(): void;
  onRotated(result: WebhookEndpointWithSecret): void;
}) {
  const { endpoint } = props;
  const api = useApi(integrationsApiRef);
  const [graceHours, setGraceHours] = useState(
    String(DEFAULT_SECRET_GRACE_HOURS),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const hours = Number(graceHours);
  const outOfRange =
    !Number.isInteger(hours) || hours < 0 || hours > MAX_SECRET_GRACE_HOURS;
  const issue = error
    ? fieldIssuesOf(error).find(i => i.path === 'graceHours')?.message
    : undefined;

  const rotate = async () => {
    setBusy(true);
    setError(undefined);
    try {
      props.onRotated(
        await api.rotateWebhookSecret(endpoint.id, { graceHours: hours }),
      );
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <ConfirmationDialog
      open
      title={`Rotate the signing secret of ${endpoint.name}`}
      confirmLabel="Rotate secret"
      busy={busy}
      confirmDisabled={outOfRange}
      error={issue ? undefined : error}
      onConfirm={rotate}
      onCancel={props.onClose}
    >
      <Typography variant="body2" paragraph>
        A new secret signs every delivery from now on. During the grace period
        each delivery also carries a signature with the current secret, so the
        receiver keeps working until it has the new one.
      </Typography>
      <LabelledTextField
        label="Grace period (hours)"
        type="number"
        value={graceHours}
        onChange={event => setGraceHours(event.target.value)}
        inputProps={{ min: 0, max: MAX_SECRET_GRACE_HOURS }}
        error={outOfRange || Boolean(issue)}
        helperText={
          issue ??
          `0 to ${MAX_SECRET_GRACE_HOURS} (7 days); 0 stops the current secret at once`
        }
      />
    </ConfirmationDialog>
  );
}
