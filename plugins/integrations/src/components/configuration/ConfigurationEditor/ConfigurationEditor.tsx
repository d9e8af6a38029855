import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import {
  ENVIRONMENTS,
  Environment,
  INTEGRATION_CATEGORY_LABELS,
} from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Snackbar from '@material-ui/core/Snackbar';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { ReactNode, useId, useState } from 'react';
import { useIntegrationConfig } from '../../../hooks/useIntegrationConfig';
import { useIntegrationPermissions } from '../../../hooks/useIntegrationPermissions';
import { EditorSection } from '../../../hooks/useIntegrationsPageParams';
import { ENVIRONMENT_LABELS, shortRef } from '../../../labels';
import { errorMessage } from '../../../requestErrors';
import { ActionButton } from '../../shared/ActionButton';
import { ConfirmationDialog } from '../../shared/ConfirmationDialog';
import { InlineAlert } from '../../shared/InlineAlert';
import { EnvironmentSettings, Notice } from './EnvironmentSettings';
import { useIntegrationLifecycle } from '../../../hooks/useConfigurationMutations';

export interface ConfigurationEditorProps {
  name: string;
  /** The environment shown; the first configured one when left out. */
  environment?: Environment;
  section: EditorSection;
  /** Shows another environment or section of the same integration. */
  onNavigate(environment: Environment, section: EditorSection): void;
  onClose(): void;
  /** Something was saved, so lists showing this integration are out of date. */
  onChanged(): void;
}

function MissingEnvironment(props: { name: string; environment: Environment }) {
  return (
    <Typography>
      {props.name} is not configured in{' '}
      {ENVIRONMENT_LABELS[props.environment].toLowerCase()}. The environments of
      an integration are chosen when it is created.
    </Typography>
  );
}

/**
 * One integration's configurations, per environment: the settings form, the
 * version history, the credentials and the connection tests, plus deleting
 * and restoring the integration.
 */
export function ConfigurationEditor(props: ConfigurationEditorProps) {
  const { name, section, onNavigate, onClose, onChanged } = props;
  const lifecycle = useIntegrationLifecycle(name);
  const titleId = useId();
  const configs = useIntegrationConfig(name);
  const [notice, setNotice] = useState<Notice>();
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<Error>();

  const loaded = configs.value ?? [];
  const environment =
    props.environment ??
    ENVIRONMENTS.find(env => loaded.some(c => c.environment === env)) ??
    'development';
  const config = loaded.find(c => c.environment === environment);
  const deleted = loaded.some(c => c.deleted);
  const { deleteDeniedReason } = useIntegrationPermissions(name, environment);

  const changed = (next: Notice) => {
    setNotice(next);
    configs.retry();
    onChanged();
  };

  const deleteIntegration = async () => {
    setBusy(true);
    setActionError(undefined);
    try {
      await lifecycle.remove();
      setConfirmingDelete(false);
      changed({
        message: `Deleted ${name}. Its history is kept, and it can be restored.`,
      });
    } catch (error) {
      setActionError(error as Error);
    } finally {
      setBusy(false);
    }
  };

  const restoreIntegration = async () => {
    setBusy(true);
    setActionError(undefined);
    try {
      await lifecycle.restore();
      changed({ message: `Restored ${name}.` });
    } catch (error) {
      setActionError(error as Error);
    } finally {
      setBusy(false);
    }
  };

  let body: ReactNode;
  if (configs.loading && !configs.value) {
    body = <Progress />;
  } else if (configs.error) {
    body = <ResponseErrorPanel error={configs.error} />;
  } else if (!config) {
    body = <MissingEnvironment name={name} environment={environment} />;
  } else {
    body = (
      <EnvironmentSettings
        config={config}
        configs={loaded}
        section={section}
        onChanged={changed}
        onReload={() => {
          setNotice(undefined);
          configs.retry();
        }}
      />
    );
  }

  const summary = loaded[0];

  return (
    <Dialog
      open
      onClose={onClose}
      aria-labelledby={titleId}
      maxWidth="lg"
      fullWidth
      scroll="paper"
    >
      <DialogTitle id={titleId} disableTypography>
        <Typography variant="h5" component="h2">
          {summary ? `${summary.displayName} (${name})` : name}
        </Typography>
        {summary && (
          <Typography variant="body2" color="textSecondary">
            {INTEGRATION_CATEGORY_LABELS[summary.category]} · provider{' '}
            {summary.provider} · owned by {shortRef(summary.owner)}
          </Typography>
        )}
      </DialogTitle>
      {loaded.length > 0 && (
        <Box px={3}>
          <Tabs
            value={environment}
            onChange={(_, value) => {
              setNotice(undefined);
              onNavigate(value, section);
            }}
            indicatorColor="primary"
            aria-label="Environment"
          >
            {ENVIRONMENTS.map(env => (
              <Tab
                key={env}
                value={env}
                label={
                  loaded.length === 0 || loaded.some(c => c.environment === env)
                    ? ENVIRONMENT_LABELS[env]
                    : `${ENVIRONMENT_LABELS[env]} (not configured)`
                }
              />
            ))}
          </Tabs>
          {config && (
            <Tabs
              value={section}
              onChange={(_, value) => {
                // A notice is about the section it came from ("Rolled back"), not the next one.
                setNotice(undefined);
                onNavigate(environment, value);
              }}
              indicatorColor="secondary"
              aria-label="Section"
            >
              <Tab value="settings" label="Settings" />
              <Tab value="history" label="History" />
              <Tab value="credentials" label="Credentials" />
              <Tab value="tests" label="Tests" />
            </Tabs>
          )}
        </Box>
      )}
      <DialogContent dividers>
        {notice && (
          <InlineAlert severity="success" title={notice.message}>
            {notice.details && (
              <ul>
                {notice.details.map(detail => (
                  <li key={detail}>{detail}</li>
                ))}
              </ul>
            )}
          </InlineAlert>
        )}
        {deleted && (
          <InlineAlert
            severity="warning"
            title={`${name} is deleted`}
            action={
              <ActionButton
                variant="outlined"
                onClick={restoreIntegration}
                disabled={busy}
                disabledReason={deleteDeniedReason}
              >
                Restore {name}
              </ActionButton>
            }
          >
            It is neither called nor checked. Its settings and history are kept
            and can be read here; restore it to change it.
          </InlineAlert>
        )}
        {actionError && !confirmingDelete && (
          <InlineAlert severity="error" title="That did not work">
            {errorMessage(actionError)}
          </InlineAlert>
        )}
        {body}
      </DialogContent>
      <DialogActions>
        {config && !deleted && (
          <ActionButton
            color="secondary"
            onClick={() => {
              setActionError(undefined);
              setConfirmingDelete(true);
            }}
            disabledReason={deleteDeniedReason}
          >
            Delete integration
          </ActionButton>
        )}
        <Box flexGrow={1} />
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
      <Snackbar
        open={Boolean(notice?.toast)}
        autoHideDuration={6000}
        onClose={(_event, reason) =>
          reason !== 'clickaway' &&
          setNotice(previous =>
            previous ? { ...previous, toast: undefined } : previous,
          )
        }
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        <Alert severity="success" variant="filled">
          {notice?.toast}
        </Alert>
      </Snackbar>
      <ConfirmationDialog
        open={confirmingDelete}
        title={`Delete ${name}?`}
        confirmLabel="Delete"
        destructive
        busy={busy}
        error={actionError}
        onConfirm={deleteIntegration}
        onCancel={() => setConfirmingDelete(false)}
      >
        <Typography>
          {name} is removed from every environment and stops being called and
          checked. Its history and audit trail are kept, and it can be restored.
        </Typography>
      </ConfirmationDialog>
    </Dialog>
  );
}
