import { useApi } from '@backstage/core-plugin-api';
import { WebhookEndpoint } from '@internal/plugin-integrations-common';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { integrationsApiRef } from '../../../api';
import { ConfirmationDialog } from '../../shared/ConfirmationDialog';
import { isoFromLocal } from '../webhookLabels';
import { LabelledTextField } from '../../shared/LabelledTextField';

function useQueueing(onQueued: (count: number) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const run = async (request: () => Promise<{ queued: number }>) => {
    setBusy(true);
    setError(undefined);
    try {
      onQueued((await request()).queued);
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

function TimeField(props: {
  label: string;
  value: string;
  onChange(value: string): void;
  helperText?: string;
}) {
  return (
    <LabelledTextField
      label={props.label}
      type="datetime-local"
      value={props.value}
      onChange={event => props.onChange(event.target.value)}
      InputLabelProps={{ shrink: true }}
      margin="dense"
      helperText={props.helperText}
    />
  );
}

/** Sends every event since a time to the endpoint again, e.g. after the receiver lost data. */
export function ReplayDialog(props: {
  endpoint: WebhookEndpoint;
  onClose(): void;
  onQueued(count: number): void;
}) {
  const api = useApi(integrationsApiRef);
  const [since, setSince] = useState('');
  const { busy, error, run } = useQueueing(props.onQueued);
  const sinceIso = isoFromLocal(since);
  return (
    <ConfirmationDialog
      open
      title={`Replay events to ${props.endpoint.name}`}
      confirmLabel="Replay"
      busy={busy}
      confirmDisabled={!sinceIso}
      error={error}
      onConfirm={() =>
        run(() =>
          api.replayWebhookEvents(props.endpoint.id, { since: sinceIso! }),
        )
      }
      onCancel={props.onClose}
    >
      <Typography variant="body2" paragraph>
        Every event the endpoint subscribes to since this time is sent again,
        each as a new delivery.
      </Typography>
      <TimeField label="Since" value={since} onChange={setSince} />
    </ConfirmationDialog>
  );
}

/** Tries the endpoint's failed deliveries of a time range again. */
export function RetryFailedDialog(props: {
  endpoint: WebhookEndpoint;
  onClose(): void;
  onQueued(count: number): void;
}) {
  const api = useApi(integrationsApiRef);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const { busy, error, run } = useQueueing(props.onQueued);
  const fromIso = isoFromLocal(from);
  return (
    <ConfirmationDialog
      open
      title={`Retry failed deliveries to ${props.endpoint.name}`}
      confirmLabel="Retry failed"
      busy={busy}
      confirmDisabled={!fromIso}
      error={error}
      onConfirm={() =>
        run(() =>
          api.retryFailedDeliveries(props.endpoint.id, {
            from: fromIso!,
            to: isoFromLocal(to),
          }),
        )
      }
      onCancel={props.onClose}
    >
      <Typography variant="body2" paragraph>
        Deliveries that failed in this range are tried again now, each with a
        fresh set of attempts.
      </Typography>
      <TimeField label="From" value={from} onChange={setFrom} />{' '}
      <TimeField
        label="To"
        value={to}
        onChange={setTo}
        helperText="Now when empty"
      />
    </ConfirmationDialog>
  );
}
