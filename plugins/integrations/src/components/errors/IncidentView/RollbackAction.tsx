import {
  Environment,
  IncidentCause,
  IntegrationConfig,
  integrationUpdatePermission,
} from '@internal/plugin-integrations-common';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { useRollback } from '../../../hooks/useConfigurationMutations';
import { useIntegrationPermission } from '../../../hooks/useIntegrationPermission';
import { ENVIRONMENT_LABELS } from '../../../labels';
import { ActionButton } from '../../shared/ActionButton';
import { ConfirmationDialog } from '../../shared/ConfirmationDialog';
import { InlineAlert } from '../../shared/InlineAlert';

/**
 * The one-click undo of the configuration change an incident blames:
 * restores the version before it through the configuration's own rollback,
 * after asking, for those who may change that configuration.
 */
export function RollbackAction(props: {
  cause: IncidentCause & { integration: string; rollbackToVersion: number };
  environment: Environment;
}) {
  const { cause, environment } = props;
  const { integration, rollbackToVersion } = cause;
  const where = `${integration} in ${ENVIRONMENT_LABELS[
    environment
  ].toLowerCase()}`;
  const rollback = useRollback(integration, environment);
  const permission = useIntegrationPermission(
    integrationUpdatePermission,
    `${integration}:${environment}`,
    `You may not change the configuration of ${where}: that takes the ${integrationUpdatePermission.name} permission`,
  );
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const [done, setDone] = useState<IntegrationConfig>();

  const rollBack = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setDone(await rollback(rollbackToVersion));
      setConfirming(false);
    } catch (failure) {
      setError(failure as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {done ? (
        <InlineAlert severity="success" title="Rolled back">
          {where} now has the settings of version {rollbackToVersion} again,
          saved as version {done.metadata.version}.
        </InlineAlert>
      ) : (
        <ActionButton
          variant="contained"
          color="primary"
          disabledReason={permission.reason}
          onClick={() => {
            setError(undefined);
            setConfirming(true);
          }}
        >
          Roll back to v{rollbackToVersion}
        </ActionButton>
      )}
      <ConfirmationDialog
        open={confirming}
        title={`Roll back ${integration} to version ${rollbackToVersion}?`}
        confirmLabel="Roll back"
        busy={busy}
        error={error}
        onConfirm={rollBack}
        onCancel={() => setConfirming(false)}
      >
        <Typography>
          The {ENVIRONMENT_LABELS[environment].toLowerCase()} configuration of{' '}
          {integration} gets the settings of version {rollbackToVersion} again,
          as a new version. Version {cause.version} and any later ones stay in
          the history. Credentials are not affected.
        </Typography>
      </ConfirmationDialog>
    </>
  );
}
