import { ErrorSeverity } from '@internal/plugin-integrations-common';
import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import { ERROR_SEVERITY_LABELS } from '../errorLabels';

const useStyles = makeStyles(theme => ({
  critical: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  high: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  medium: {
    borderColor: theme.palette.warning.main,
    color: theme.palette.text.primary,
  },
  low: { color: theme.palette.text.secondary },
}));

/** The severity of an error group, in colours that go from red to grey. */
export function SeverityChip(props: { severity: ErrorSeverity }) {
  const { severity } = props;
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={ERROR_SEVERITY_LABELS[severity] ?? severity}
      variant={
        severity === 'critical' || severity === 'high' ? 'default' : 'outlined'
      }
      className={classes[severity]}
    />
  );
}
