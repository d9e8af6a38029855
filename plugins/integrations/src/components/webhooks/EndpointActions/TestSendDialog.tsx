import { useApi } from '@backstage/core-plugin-api';
import {
  Environment,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEventTypeDescriptor,
} from '@internal/plugin-integrations-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import { useId, useState } from 'react';
import { integrationsApiRef } from '../../../api';
import { ENVIRONMENT_LABELS } from '../../../labels';
import { errorMessage, fieldIssuesOf } from '../../../requestErrors';
import { Fact, FactList } from '../../shared/FactList';
import { InlineAlert } from '../../shared/InlineAlert';
import { DeliveryStatusChip, millisText } from '../webhookLabels';
import { LabelledTextField } from '../../shared/LabelledTextField';

function exampleText(
  eventTypes: WebhookEventTypeDescriptor[],
  type: string,
): string {
  const example = eventTypes.find(t => t.type === type)?.example ?? {};
  return JSON.stringify(example, null, 2);
}

/** The JSON object typed, or why it is not one. */
function parseData(text: string): {
  data?: Record<string, unknown>;
  problem?: string;
} {
  try {
    const data: unknown = JSON.parse(text);
    return data && typeof data === 'object' && !Array.isArray(data)
      ? { data: data as Record<string, unknown> }
      : { problem: 'The data must be a JSON object' };
  } catch (e) {
    return { problem: `Not valid JSON: ${(e as Error).message}` };
  }
}

function DeliveryOutcome(props: { delivery: WebhookDelivery }) {
  const { delivery } = props;
  return (
    <InlineAlert
      severity={delivery.delivery.success ? 'success' : 'error'}
      title={
        delivery.delivery.success
          ? 'The endpoint accepted it'
          : 'The delivery failed'
      }
    >
      <FactList
        aria-label="Test delivery"
        facts={[
          ['Status', <DeliveryStatusChip status={delivery.status} />],
          ['HTTP status', delivery.delivery.httpStatus ?? '—'],
          ['Response time', millisText(delivery.delivery.responseTime)],
          ...(delivery.delivery.errorMessage
            ? ([['Error', delivery.delivery.errorMessage]] as Fact[])
            : []),
        ]}
      />
    </InlineAlert>
  );
}

/** Sends one event of a chosen type, with the type's example or edited data, and shows what came back. */
export function TestSendDialog(props: {
  endpoint: WebhookEndpoint;
  eventTypes: WebhookEventTypeDescriptor[];
  onClose(): void;
}) {
  const { endpoint, eventTypes } = props;
  const api = useApi(integrationsApiRef);
  const titleId = useId();
  const [event, setEvent] = useState(endpoint.events[0] ?? '');
  const [environment, setEnvironment] = useState<Environment>(
    endpoint.environments[0] ?? 'development',
  );
  const [text, setText] = useState(() => exampleText(eventTypes, event));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const [delivery, setDelivery] = useState<WebhookDelivery>();
  const { data, problem } = parseData(text);
  const dataIssue = error
    ? fieldIssuesOf(error)
        .filter(issue => issue.path.startsWith('data'))
        .map(issue => `${issue.path}: ${issue.message}`)
        .join(' · ')
    : '';

  const send = async () => {
    setBusy(true);
    setError(undefined);
    setDelivery(undefined);
    try {
      setDelivery(
        await api.sendTestWebhook(endpoint.id, { event, environment, data }),
      );
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      onClose={props.onClose}
      aria-labelledby={titleId}
      maxWidth="md"
      fullWidth
    >
      <DialogTitle id={titleId}>
        Send a test event to {endpoint.name}
      </DialogTitle>
      <DialogContent>
        <LabelledTextField
          select
          label="Event type"
          value={event}
          margin="dense"
          fullWidth
          onChange={e => {
            setEvent(e.target.value);
            setText(exampleText(eventTypes, e.target.value));
          }}
        >
          {endpoint.events.map(type => (
            <MenuItem key={type} value={type}>
              {type}
            </MenuItem>
          ))}
        </LabelledTextField>
        <LabelledTextField
          select
          label="Environment"
          value={environment}
          margin="dense"
          fullWidth
          onChange={e => setEnvironment(e.target.value as Environment)}
        >
          {endpoint.environments.map(env => (
            <MenuItem key={env} value={env}>
              {ENVIRONMENT_LABELS[env]}
            </MenuItem>
          ))}
        </LabelledTextField>
        <LabelledTextField
          label="Data (JSON)"
          multiline
          minRows={10}
          fullWidth
          margin="dense"
          value={text}
          onChange={e => setText(e.target.value)}
          error={Boolean(problem || dataIssue)}
          helperText={
            problem ||
            dataIssue ||
            "The message's data; starts as the type's example and must match its schema"
          }
          InputProps={{ style: { fontFamily: 'monospace' } }}
        />
        {error && !dataIssue && (
          <InlineAlert severity="error" title="The test event was not sent">
            {errorMessage(error)}
          </InlineAlert>
        )}
        {delivery && <DeliveryOutcome delivery={delivery} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Close</Button>
        <Button
          color="primary"
          variant="contained"
          onClick={send}
          disabled={busy || !event || Boolean(problem)}
        >
          {busy ? 'Sending…' : 'Send test event'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
