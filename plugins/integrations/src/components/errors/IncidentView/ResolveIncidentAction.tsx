import {
  IncidentDetail,
  errorResolvePermission,
} from '@internal/plugin-integrations-common';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useId, useState } from 'react';
import { useResolveIncident } from '../../../hooks/useIncidents';
import { CHECKING_PERMISSIONS } from '../../../hooks/useIntegrationPermission';
import { useResourcePermissions } from '../../../hooks/useResourcePermissions';
import { ActionButton } from '../../shared/ActionButton';
import { ConfirmationDialog } from '../../shared/ConfirmationDialog';

/**
 * Closes an open incident by hand, with an optional note, for those who may
 * resolve the errors of every integration in it; its groups stay as they are.
 */
export function ResolveIncidentAction(props: {
  incident: IncidentDetail;
  onResolved(): void;
}) {
  const { incident, onResolved } = props;
  const resolve = useResolveIncident(incident.id);
  const refs = incident.integrations.map(
    name => `${name}:${incident.environment}`,
  );
  const permission = useResourcePermissions(errorResolvePermission, refs);
  const denied = refs.filter(ref => !permission.allowed.has(ref));
  let deniedReason: string | undefined;
  if (permission.loading) {
    deniedReason = CHECKING_PERMISSIONS;
  } else if (denied.length) {
    deniedReason = `You may not resolve the errors of ${denied.join(
      ', ',
    )}: that takes the ${errorResolvePermission.name} permission`;
  }
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState('');
  const noteId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();

  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await resolve(note.trim() ? { note: note.trim() } : {});
      setConfirming(false);
      onResolved();
    } catch (failure) {
      setError(failure as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ActionButton
        variant="outlined"
        disabledReason={deniedReason}
        onClick={() => {
          setError(undefined);
          setConfirming(true);
        }}
      >
        Resolve incident
      </ActionButton>
      <ConfirmationDialog
        open={confirming}
        title="Resolve this incident?"
        confirmLabel="Resolve"
        busy={busy}
        error={error}
        onConfirm={confirm}
        onCancel={() => setConfirming(false)}
      >
        <Typography gutterBottom>
          The incident closes; its error groups stay as they are. It closes by
          itself once all of them are resolved.
        </Typography>
        <TextField
          id={noteId}
          label="Note (optional)"
          value={note}
          onChange={event => setNote(event.target.value)}
          fullWidth
          multiline
          inputProps={{ maxLength: 2000 }}
        />
      </ConfirmationDialog>
    </>
  );
}
