import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';

type Severity = 'error' | 'warning' | 'info' | 'success';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(2),
    padding: theme.spacing(1.5, 2),
    margin: theme.spacing(1, 0, 2),
    borderRadius: theme.shape.borderRadius,
    borderLeft: '4px solid',
    background: theme.palette.background.default,
  },
  error: { borderLeftColor: theme.palette.error.main },
  warning: { borderLeftColor: theme.palette.warning.main },
  info: { borderLeftColor: theme.palette.info.main },
  success: { borderLeftColor: theme.palette.success.main },
  content: { flexGrow: 1 },
}));

export interface InlineAlertProps {
  severity: Severity;
  title: string;
  children?: ReactNode;
  /** A control that resolves the situation, e.g. a Reload button. */
  action?: ReactNode;
}

/**
 * A message shown where it applies, in full: unlike WarningPanel, it does not
 * fold its explanation and actions away.
 */
export function InlineAlert(props: InlineAlertProps) {
  const { severity, title, children, action } = props;
  const classes = useStyles();
  return (
    <Box
      className={`${classes.root} ${classes[severity]}`}
      role={severity === 'error' ? 'alert' : 'status'}
    >
      <Box className={classes.content}>
        <Typography variant="subtitle1" component="p">
          <strong>{title}</strong>
        </Typography>
        {children && (
          <Typography variant="body2" component="div">
            {children}
          </Typography>
        )}
      </Box>
      {action}
    </Box>
  );
}
