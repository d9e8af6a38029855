import { RouterLink } from '@backstage/frontend-plugin-api';
import { IntegrationHealthStatus } from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { useIntegrationEntityLink } from '../../../hooks/useIntegrationEntityLink';
import { useIntegrationsPageLink } from '../../../hooks/useIntegrationsPageLink';
import { ENVIRONMENT_LABELS } from '../../../labels';
import { ActionButton } from '../../shared/ActionButton';
import { ConfirmationDialog } from '../../shared/ConfirmationDialog';

export interface StatusCardActionsProps {
  status: IntegrationHealthStatus;
  testing: boolean;
  testDeniedReason?: string;
  updateDeniedReason?: string;
  toggling: boolean;
  toggleError?: Error;
  onTest(): void;
  onToggle(enabled: boolean): Promise<unknown>;
}

/** Test now, Enable or Disable, and links to the configuration and the catalog page. */
export function StatusCardActions(props: StatusCardActionsProps) {
  const { status, testing, testDeniedReason, updateDeniedReason } = props;
  const { toggling, toggleError, onTest, onToggle } = props;
  const [confirmingDisable, setConfirmingDisable] = useState(false);
  const environment = ENVIRONMENT_LABELS[status.environment].toLowerCase();
  const link = useIntegrationsPageLink();
  const configureHref = link('config', {
    integration: status.integration,
    environment: status.environment,
  });
  const catalogHref = useIntegrationEntityLink()(status.integration);

  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={8}>
      <ActionButton
        size="small"
        color="primary"
        variant="outlined"
        onClick={onTest}
        disabled={testing}
        disabledReason={testDeniedReason}
      >
        {testing ? 'Testing…' : 'Test now'}
      </ActionButton>
      {status.enabled ? (
        <ActionButton
          size="small"
          onClick={() => setConfirmingDisable(true)}
          disabled={toggling}
          disabledReason={updateDeniedReason}
        >
          Disable
        </ActionButton>
      ) : (
        <ActionButton
          size="small"
          onClick={() => onToggle(true)}
          disabled={toggling}
          disabledReason={updateDeniedReason}
        >
          Enable
        </ActionButton>
      )}
      <Typography variant="body2">
        <RouterLink href={configureHref}>Configure</RouterLink>
      </Typography>
      {catalogHref && (
        <Typography variant="body2">
          <RouterLink
            href={catalogHref}
            aria-label={`${status.displayName} in the catalog`}
          >
            Catalog
          </RouterLink>
        </Typography>
      )}
      <ConfirmationDialog
        open={confirmingDisable}
        title={`Disable ${status.displayName} in ${environment}?`}
        confirmLabel="Disable"
        destructive
        busy={toggling}
        error={confirmingDisable ? toggleError : undefined}
        onConfirm={async () => {
          // The toggle resolves to the error when it failed; keep the dialog to show it.
          const outcome = await onToggle(false);
          if (!(outcome instanceof Error)) {
            setConfirmingDisable(false);
          }
        }}
        onCancel={() => setConfirmingDisable(false)}
      >
        <Typography>
          {status.integration} stops being called and checked in {environment}{' '}
          until it is enabled again. Its settings and credentials are kept.
        </Typography>
      </ConfirmationDialog>
    </Box>
  );
}
