import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { useBulkUpdate } from '../../../hooks/useConfigurationMutations';
import { useBulkUpdatePermission } from '../../../hooks/useBulkUpdatePermission';
import { useMissingCredentials } from '../../../hooks/useMissingCredentials';
import { ENVIRONMENT_LABELS } from '../../../labels';
import { ActionButton } from '../../shared/ActionButton';
import { ConfirmationDialog } from '../../shared/ConfirmationDialog';
import { InlineAlert } from '../../shared/InlineAlert';
import { BulkOutcome } from './BulkUpdateOutcome';
import {
  ConfigurationRow,
  bulkRequestFor,
  configurationsTouchedBy,
} from './configurationRows';

function described(row: ConfigurationRow) {
  return `${row.displayName} in ${ENVIRONMENT_LABELS[
    row.environment
  ].toLowerCase()}`;
}

function confirmationTitle(selected: ConfigurationRow[], enable: boolean) {
  const verb = enable ? 'Enable' : 'Disable';
  return selected.length === 1
    ? `${verb} ${described(selected[0])}?`
    : `${verb} ${selected.length} configurations?`;
}

/**
 * Enable and Disable for the selected configurations: asked for first, as a
 * single Disable is, and applied as one all-or-nothing bulk update.
 */
export function BulkActions(props: {
  selected: ConfigurationRow[];
  rows: ConfigurationRow[];
  onOutcome(outcome: BulkOutcome | undefined): void;
}) {
  const { selected, rows, onOutcome } = props;
  const bulkUpdate = useBulkUpdate();
  // What the open confirmation asks about, kept while it closes.
  const [asked, setAsked] = useState<{
    enable: boolean;
    rows: ConfigurationRow[];
  }>({ enable: false, rows: [] });
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const { enable } = asked;
  const ask = (nextEnable: boolean) => {
    setAsked({ enable: nextEnable, rows: selected });
    setConfirming(true);
  };

  const planned =
    selected.length > 0 ? bulkRequestFor(selected, rows, false) : undefined;
  const { deniedReason } = useBulkUpdatePermission(
    planned && 'request' in planned
      ? configurationsTouchedBy(planned.request)
      : [],
  );
  const missingCredentials = useMissingCredentials(
    asked.rows.filter(row => row.environment === 'production'),
    confirming && enable,
  );

  let disabledReason: string | undefined;
  if (!planned) {
    disabledReason = 'Select configurations in the table first';
  } else {
    disabledReason = 'problem' in planned ? planned.problem : deniedReason;
  }

  const apply = async () => {
    const built = bulkRequestFor(asked.rows, rows, enable);
    if (!('request' in built)) {
      return;
    }
    setBusy(true);
    onOutcome(undefined);
    try {
      const response = await bulkUpdate(built.request);
      onOutcome({ enabled: enable, response });
    } catch (e) {
      onOutcome({ enabled: enable, error: e as Error });
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  const unready = missingCredentials.value ?? [];

  return (
    <>
      <Typography variant="body2">{selected.length} selected</Typography>
      <ActionButton
        variant="outlined"
        onClick={() => ask(true)}
        disabled={busy}
        disabledReason={disabledReason}
      >
        Enable
      </ActionButton>
      <ActionButton
        variant="outlined"
        onClick={() => ask(false)}
        disabled={busy}
        disabledReason={disabledReason}
      >
        Disable
      </ActionButton>
      <ConfirmationDialog
        open={confirming}
        title={confirmationTitle(asked.rows, enable)}
        confirmLabel={enable ? 'Enable' : 'Disable'}
        destructive={!enable}
        busy={busy || missingCredentials.loading}
        onConfirm={apply}
        onCancel={() => setConfirming(false)}
      >
        {enable ? (
          <Typography>
            {asked.rows.map(described).join(', ')}{' '}
            {asked.rows.length === 1 ? 'starts' : 'start'} being called and
            checked again.
          </Typography>
        ) : (
          <Typography>
            {asked.rows.map(described).join(', ')}{' '}
            {asked.rows.length === 1 ? 'stops' : 'stop'} being called and
            checked until enabled again. Settings and credentials are kept.
          </Typography>
        )}
        {enable && unready.length > 0 && (
          <InlineAlert
            severity="warning"
            title="Production without credentials"
          >
            {unready.map(ref => ref.name).join(', ')}{' '}
            {unready.length === 1 ? 'has' : 'have'} no credentials stored for
            production, so {unready.length === 1 ? 'its' : 'their'} calls and
            health checks will fail until credentials are added.
          </InlineAlert>
        )}
      </ConfirmationDialog>
    </>
  );
}
