import { FieldChange } from '@internal/plugin-integrations-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useId, useState } from 'react';
import { errorMessage } from '../../../requestErrors';
import { ConfigDiffView } from '../../shared/ConfigDiffView';

export interface ConfigPreviewDialogProps {
  open: boolean;
  /** What is being changed, e.g. "Stripe in Production". */
  subject: string;
  /** The version the changes are based on. */
  version: number;
  /** The field-level diff the backend returned for a dry run. */
  changes: FieldChange[];
  saving: boolean;
  error?: Error;
  onSave(notes: string | undefined): void;
  onCancel(): void;
}

/** The configuration preview: what a save would change, with Save to go ahead. */
export function ConfigPreviewDialog(props: ConfigPreviewDialogProps) {
  const { open, subject, version, changes, saving, error, onSave, onCancel } =
    props;
  const [notes, setNotes] = useState('');
  const titleId = useId();
  const notesId = useId();

  return (
    <Dialog
      open={open}
      onClose={onCancel}
      aria-labelledby={titleId}
      maxWidth="md"
      fullWidth
    >
      <DialogTitle id={titleId}>Preview changes to {subject}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" paragraph>
          Saving creates version {version + 1} with these changes to version{' '}
          {version}. Nothing has been saved yet.
        </Typography>
        <ConfigDiffView
          changes={changes}
          aria-label="Changes to save"
          emptyMessage="Saving would change nothing."
        />
        <TextField
          id={notesId}
          label="Notes (why this change)"
          value={notes}
          onChange={event => setNotes(event.target.value)}
          fullWidth
          multiline
          margin="normal"
          inputProps={{ maxLength: 2000 }}
        />
        {error && (
          <Typography color="error" role="alert">
            {errorMessage(error)}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} disabled={saving}>
          Back to editing
        </Button>
        <Button
          color="primary"
          variant="contained"
          onClick={() => onSave(notes.trim() || undefined)}
          disabled={saving || changes.length === 0}
        >
          {saving ? 'Saving…' : 'Save'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
