import { TestRunResult } from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { useId } from 'react';
import { errorMessage } from '../../../requestErrors';
import { ActionButton } from '../../shared/ActionButton';
import { InlineAlert } from '../../shared/InlineAlert';
import { TestResultView } from '../TestResultView';

export interface TestRunDialogProps {
  title: string;
  /** The run in progress or finished: the latest result stays while the next one runs. */
  state: { loading: boolean; value?: TestRunResult; error?: Error };
  onRerun(): void;
  rerunDisabledReason?: string;
  onClose(): void;
}

/** A test in progress, then its result, with a way to run it again. */
export function TestRunDialog(props: TestRunDialogProps) {
  const { title, state, onRerun, rerunDisabledReason, onClose } = props;
  const titleId = useId();
  return (
    <Dialog
      open
      onClose={onClose}
      aria-labelledby={titleId}
      maxWidth="md"
      fullWidth
      scroll="paper"
    >
      <DialogTitle id={titleId}>{title}</DialogTitle>
      <DialogContent dividers>
        {state.loading && (
          <Box mb={2}>
            <Typography variant="body2" role="status">
              Testing… this takes up to the integration’s timeout.
            </Typography>
            <LinearProgress />
          </Box>
        )}
        {state.error && !state.loading && (
          <InlineAlert severity="error" title="The test could not be run">
            {errorMessage(state.error)}
          </InlineAlert>
        )}
        {state.value && (
          <TestResultView
            result={state.value}
            onRerun={onRerun}
            rerunning={state.loading}
            rerunDisabledReason={rerunDisabledReason}
          />
        )}
      </DialogContent>
      <DialogActions>
        <ActionButton
          onClick={onRerun}
          disabled={state.loading}
          disabledReason={rerunDisabledReason}
        >
          Run again
        </ActionButton>
        <Button onClick={onClose} color="primary">
          Close
        </Button>
      </DialogActions>
    </Dialog>
  );
}
