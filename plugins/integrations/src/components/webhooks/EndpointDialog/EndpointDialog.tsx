import { useApi } from '@backstage/core-plugin-api';
import {
  WebhookEndpoint,
  WebhookEndpointWithSecret,
  WebhookEventTypeDescriptor,
} from '@internal/plugin-integrations-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import { useId, useState } from 'react';
import { integrationsApiRef } from '../../../api';
import { WebhookDeniedReason } from '../../../hooks/useWebhookPermissions';
import { errorMessage, fieldIssuesOf } from '../../../requestErrors';
import { FormError } from '../../credentials/CredentialsPanel/FormError';
import {
  createRequestOf,
  draftOf,
  newEndpointDraft,
  updateRequestOf,
} from './endpointDraft';
import { EndpointFormFields } from './EndpointFormFields';

export interface EndpointDialogProps {
  /** The endpoint to edit; a new one when absent. */
  endpoint?: WebhookEndpoint;
  /** The integration a new endpoint starts with, e.g. the one filtered by. */
  initialIntegration?: string;
  integrations: string[];
  eventTypes: WebhookEventTypeDescriptor[];
  securityDenied: WebhookDeniedReason;
  onClose(): void;
  /** After a save; a new endpoint comes with its signing secret. */
  onSaved(
    result: WebhookEndpointWithSecret | { endpoint: WebhookEndpoint },
  ): void;
}

/** Registers a new endpoint or edits one; the backend's field errors appear next to the fields. */
export function EndpointDialog(props: EndpointDialogProps) {
  const { endpoint, integrations, eventTypes, securityDenied } = props;
  const api = useApi(integrationsApiRef);
  const titleId = useId();
  const [draft, setDraft] = useState(() =>
    endpoint ? draftOf(endpoint) : newEndpointDraft(props.initialIntegration),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();

  const allowListDenied = draft.integration
    ? securityDenied(draft.integration, draft.environments)
    : 'Choose an integration first';
  const issues = error ? fieldIssuesOf(error) : [];

  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const mayChangeAllowList = !allowListDenied;
      props.onSaved(
        endpoint
          ? {
              endpoint: await api.updateWebhookEndpoint(
                endpoint.id,
                updateRequestOf(draft, mayChangeAllowList),
              ),
            }
          : await api.createWebhookEndpoint(
              createRequestOf(draft, mayChangeAllowList),
            ),
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
        {endpoint ? `Edit ${endpoint.name}` : 'New webhook endpoint'}
      </DialogTitle>
      <DialogContent>
        <EndpointFormFields
          draft={draft}
          onChange={setDraft}
          editing={Boolean(endpoint)}
          integrations={integrations}
          eventTypes={eventTypes}
          issues={issues}
          allowListDenied={allowListDenied}
        />
        <FormError message={error && errorMessage(error)} />
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose} disabled={busy}>
          Cancel
        </Button>
        <Button
          color="primary"
          variant="contained"
          onClick={save}
          disabled={busy}
        >
          {endpoint ? 'Save' : 'Create endpoint'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
