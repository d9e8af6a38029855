import {
  IntegrationConfig,
  diffFields,
  settingsOf,
} from '@internal/plugin-integrations-common';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import { ENVIRONMENT_LABELS } from '../../../labels';
import { ConfigDiffView } from '../../shared/ConfigDiffView';
import { ConfirmationDialog } from '../../shared/ConfirmationDialog';

export interface CopyFromEnvironmentDialogProps {
  /** The configuration whose settings are copied. */
  source: IntegrationConfig;
  /** The configuration they are copied into. */
  target: IntegrationConfig;
  busy: boolean;
  error?: Error;
  onConfirm(): void;
  onCancel(): void;
}

/** Confirms copying one environment's settings into another, saying what changes and what never travels. */
export function CopyFromEnvironmentDialog(
  props: CopyFromEnvironmentDialogProps,
) {
  const { source, target, busy, error, onConfirm, onCancel } = props;
  const from = ENVIRONMENT_LABELS[source.environment];
  const to = ENVIRONMENT_LABELS[target.environment];
  const changes = useMemo(
    () =>
      diffFields(settingsOf(target), {
        ...settingsOf(source),
        enabled: target.enabled,
      }),
    [source, target],
  );

  return (
    <ConfirmationDialog
      open
      title={`Copy ${from} settings into ${to}?`}
      confirmLabel={`Copy into ${to}`}
      busy={busy}
      error={error}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <Typography paragraph>
        {target.displayName} in {to} gets the settings of {from} (version{' '}
        {source.metadata.version}) as a new version. Unsaved edits in this form
        are discarded.
      </Typography>
      <Typography variant="subtitle2">What changes in {to}</Typography>
      <ConfigDiffView
        changes={changes}
        aria-label={`Changes to ${to}`}
        emptyMessage={`${to} already has the same settings.`}
      />
      <Typography variant="subtitle2" style={{ marginTop: 16 }}>
        Not copied
      </Typography>
      <ul aria-label="Not copied">
        <li>
          <Typography variant="body2">
            Credentials: they are never copied between environments; {to} keeps
            its own.
          </Typography>
        </li>
        <li>
          <Typography variant="body2">
            Whether it is enabled: it stays{' '}
            {target.enabled ? 'enabled' : 'disabled'} in {to}.
          </Typography>
        </li>
        <li>
          <Typography variant="body2">
            History and metadata: {to} keeps its own versions, author and dates.
          </Typography>
        </li>
      </ul>
    </ConfirmationDialog>
  );
}
