import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useId, useState } from 'react';
import { ActionButton } from '../ActionButton';

const useStyles = makeStyles(theme => ({
  list: {
    margin: 0,
    paddingLeft: 0,
    listStyle: 'none',
  },
  step: {
    alignItems: 'flex-start',
    marginLeft: 0,
    '& .MuiCheckbox-root': {
      padding: theme.spacing(0.25, 1, 0.25, 0),
    },
  },
  done: {
    textDecoration: 'line-through',
    color: theme.palette.text.secondary,
  },
  footer: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginTop: theme.spacing(1),
  },
}));

export interface TroubleshootingChecklistProps {
  /** The repair steps, in the order to try them. */
  steps: string[];
  /** Runs the failed test again, to see whether the steps fixed it. */
  onRerun?(): void;
  rerunning?: boolean;
  /** Why the test may not be run again, e.g. a missing permission. */
  rerunDisabledReason?: string;
}

/**
 * The steps that fix a failure, numbered, with boxes the admin ticks while
 * working through them (kept on this page only), and a button to test again.
 */
export function TroubleshootingChecklist(props: TroubleshootingChecklistProps) {
  const { steps, onRerun, rerunning, rerunDisabledReason } = props;
  const classes = useStyles();
  const titleId = useId();
  const [done, setDone] = useState<ReadonlySet<number>>(new Set());

  const toggle = (index: number) =>
    setDone(previous => {
      const next = new Set(previous);
      if (next.has(index)) {
        next.delete(index);
      } else {
        next.add(index);
      }
      return next;
    });

  if (steps.length === 0) {
    return null;
  }

  return (
    <Box role="group" aria-labelledby={titleId}>
      <Typography id={titleId} variant="subtitle2" component="h4">
        How to fix it
      </Typography>
      <ol className={classes.list}>
        {steps.map((step, index) => (
          <li key={`${index}:${step}`}>
            <FormControlLabel
              className={classes.step}
              control={
                <Checkbox
                  size="small"
                  checked={done.has(index)}
                  onChange={() => toggle(index)}
                />
              }
              label={
                <Typography
                  variant="body2"
                  className={done.has(index) ? classes.done : undefined}
                >
                  {index + 1}. {step}
                </Typography>
              }
            />
          </li>
        ))}
      </ol>
      <Box className={classes.footer}>
        <Typography variant="caption" color="textSecondary">
          {done.size} of {steps.length} steps done
        </Typography>
        {onRerun && (
          <ActionButton
            size="small"
            variant="outlined"
            color="primary"
            onClick={onRerun}
            disabled={rerunning}
            disabledReason={rerunDisabledReason}
          >
            {rerunning ? 'Running…' : 'Re-run'}
          </ActionButton>
        )}
      </Box>
    </Box>
  );
}
