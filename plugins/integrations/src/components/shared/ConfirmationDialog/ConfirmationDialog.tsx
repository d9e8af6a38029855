import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import { ReactNode, useId } from 'react';
import { errorMessage } from '../../../requestErrors';

export interface ConfirmationDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** Styles the confirm button as a destructive action. */
  destructive?: boolean;
  busy?: boolean;
  /** The confirm button alone is disabled, e.g. while an input is out of range. */
  confirmDisabled?: boolean;
  /** Why the last attempt failed, shown in the dialog. */
  error?: Error;
  onConfirm(): void;
  onCancel(): void;
}

/** Asks before an action that changes or removes something. */
export function ConfirmationDialog(props: ConfirmationDialogProps) {
  const {
    open,
    title,
    children,
    confirmLabel,
    destructive,
    busy,
    confirmDisabled,
    error,
    onConfirm,
    onCancel,
  } = props;
  const titleId = useId();
  return (
    <Dialog open={open} onClose={onCancel} aria-labelledby={titleId}>
      <DialogTitle id={titleId}>{title}</DialogTitle>
      <DialogContent>
        {children}
        {error && (
          <Typography color="error" role="alert">
            {errorMessage(error)}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
        <Button
          onClick={onConfirm}
          disabled={busy || confirmDisabled}
          color={destructive ? 'secondary' : 'primary'}
          variant="contained"
        >
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
