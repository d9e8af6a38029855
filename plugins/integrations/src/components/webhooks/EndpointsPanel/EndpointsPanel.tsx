import { useApi } from '@backstage/core-plugin-api';
import {
  WebhookEndpoint,
  WebhookEndpointWithSecret,
  WebhookEventTypeDescriptor,
  webhookManagePermission,
} from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useState } from 'react';
import { integrationsApiRef } from '../../../api';
import { CHECKING_PERMISSIONS } from '../../../hooks/useIntegrationPermission';
import { useWebhookPermissions } from '../../../hooks/useWebhookPermissions';
import { errorMessage } from '../../../requestErrors';
import { ActionButton } from '../../shared/ActionButton';
import { ConfirmationDialog } from '../../shared/ConfirmationDialog';
import { InlineAlert } from '../../shared/InlineAlert';
import { EndpointDialog } from '../EndpointDialog';
import {
  ReplayDialog,
  RetryFailedDialog,
  RotateSecretDialog,
  SigningSecretDialog,
  TestSendDialog,
} from '../EndpointActions';
import { EndpointAction, EndpointsTable } from './EndpointsTable';
import { LabelledTextField } from '../../shared/LabelledTextField';

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    alignItems: 'flex-end',
    justifyContent: 'space-between',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  filter: { minWidth: 200 },
}));

type OpenDialog =
  | { kind: 'create' }
  | {
      kind: Exclude<EndpointAction, 'deliveries' | 'toggle'>;
      endpoint: WebhookEndpoint;
    }
  | { kind: 'secret'; result: WebhookEndpointWithSecret };

export interface EndpointsPanelProps {
  /** Every readable endpoint, and how to load them again after a change. */
  endpoints: WebhookEndpoint[];
  onChanged(): void;
  /** The integrations the user may read, to filter by and register endpoints for. */
  integrations: string[];
  eventTypes: WebhookEventTypeDescriptor[];
  /** Opens the delivery log of one endpoint. */
  onShowDeliveries(endpoint: WebhookEndpoint): void;
}

/** Why no endpoint may be added (for the integration filtered by), or undefined when one may. */
function newEndpointDenied(
  manageable: string[] | undefined,
  integration: string,
): string | undefined {
  if (!manageable) {
    return CHECKING_PERMISSIONS;
  }
  if (integration ? manageable.includes(integration) : manageable.length) {
    return undefined;
  }
  return `You may not add webhook endpoints to ${
    integration || 'any integration'
  }: that takes the ${webhookManagePermission.name} permission`;
}

/** The webhook endpoints, filtered by integration, with everything that can be done to them. */
export function EndpointsPanel(props: EndpointsPanelProps) {
  const { integrations, eventTypes } = props;
  const classes = useStyles();
  const api = useApi(integrationsApiRef);
  const [integration, setIntegration] = useState('');
  const permissions = useWebhookPermissions(integrations);
  const [dialog, setDialog] = useState<OpenDialog>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<Error>();

  const createDenied = newEndpointDenied(permissions.manageable, integration);

  const close = () => {
    setDialog(undefined);
    setActionError(undefined);
  };
  const done = (message?: string) => {
    close();
    setNotice(message);
    props.onChanged();
  };

  const toggle = async (endpoint: WebhookEndpoint) => {
    setActionError(undefined);
    try {
      await api.updateWebhookEndpoint(endpoint.id, {
        active: endpoint.status !== 'active',
      });
      done(
        `${endpoint.name} ${
          endpoint.status === 'active' ? 'paused' : 'resumed'
        }.`,
      );
    } catch (e) {
      setActionError(e as Error);
    }
  };

  const remove = async (endpoint: WebhookEndpoint) => {
    setBusy(true);
    try {
      await api.deleteWebhookEndpoint(endpoint.id);
      done(`${endpoint.name} deleted.`);
    } catch (e) {
      setActionError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  const onAction = (action: EndpointAction, endpoint: WebhookEndpoint) => {
    if (action === 'deliveries') {
      props.onShowDeliveries(endpoint);
    } else if (action === 'toggle') {
      toggle(endpoint);
    } else {
      setDialog({ kind: action, endpoint });
    }
  };

  const showSecret = (result: WebhookEndpointWithSecret) => {
    props.onChanged();
    setDialog({ kind: 'secret', result });
  };

  const items = integration
    ? props.endpoints.filter(endpoint => endpoint.integration === integration)
    : props.endpoints;
  return (
    <Box>
      <Box className={classes.toolbar}>
        <LabelledTextField
          select
          label="Integration"
          className={classes.filter}
          value={integration}
          onChange={event => setIntegration(event.target.value)}
        >
          <MenuItem value="">All</MenuItem>
          {integrations.map(name => (
            <MenuItem key={name} value={name}>
              {name}
            </MenuItem>
          ))}
        </LabelledTextField>
        <ActionButton
          color="primary"
          variant="contained"
          onClick={() => setDialog({ kind: 'create' })}
          disabledReason={createDenied}
        >
          New endpoint
        </ActionButton>
      </Box>
      {notice && (
        <InlineAlert
          severity="success"
          title={notice}
          action={<Button onClick={() => setNotice(undefined)}>Dismiss</Button>}
        />
      )}
      {actionError && !dialog && (
        <InlineAlert severity="error" title="The change was not made">
          {errorMessage(actionError)}
        </InlineAlert>
      )}
      {items.length === 0 && (
        <Typography color="textSecondary">
          {integration
            ? `No webhook endpoints for ${integration} yet.`
            : 'No webhook endpoints yet.'}{' '}
          Add one with New endpoint: give the URL of a service that should hear
          about health changes, alerts or configuration changes, and pick the
          event types it receives.
        </Typography>
      )}
      {items.length > 0 && (
        <EndpointsTable
          endpoints={items}
          permissions={permissions}
          onAction={onAction}
        />
      )}
      {(dialog?.kind === 'create' || dialog?.kind === 'edit') && (
        <EndpointDialog
          endpoint={dialog.kind === 'edit' ? dialog.endpoint : undefined}
          initialIntegration={integration || undefined}
          integrations={
            dialog.kind === 'edit' ? integrations : permissions.manageable ?? []
          }
          eventTypes={eventTypes}
          securityDenied={permissions.securityDenied}
          onClose={close}
          onSaved={result =>
            'signingSecret' in result
              ? showSecret(result)
              : done(`${result.endpoint.name} saved.`)
          }
        />
      )}
      {dialog?.kind === 'secret' && (
        <SigningSecretDialog result={dialog.result} onClose={close} />
      )}
      {dialog?.kind === 'rotate' && (
        <RotateSecretDialog
          endpoint={dialog.endpoint}
          onClose={close}
          onRotated={showSecret}
        />
      )}
      {dialog?.kind === 'test' && (
        <TestSendDialog
          endpoint={dialog.endpoint}
          eventTypes={eventTypes}
          onClose={close}
        />
      )}
      {dialog?.kind === 'replay' && (
        <ReplayDialog
          endpoint={dialog.endpoint}
          onClose={close}
          onQueued={count =>
            done(`${count} deliveries queued to ${dialog.endpoint.name}.`)
          }
        />
      )}
      {dialog?.kind === 'retryFailed' && (
        <RetryFailedDialog
          endpoint={dialog.endpoint}
          onClose={close}
          onQueued={count => done(`${count} failed deliveries queued again.`)}
        />
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmationDialog
          open
          title={`Delete ${dialog.endpoint.name}?`}
          confirmLabel="Delete"
          destructive
          busy={busy}
          error={actionError}
          onConfirm={() => remove(dialog.endpoint)}
          onCancel={close}
        >
          <Typography variant="body2">
            {dialog.endpoint.url} receives no more events, and its pending
            deliveries are cancelled.
          </Typography>
        </ConfirmationDialog>
      )}
    </Box>
  );
}
