import { FieldChange } from '@internal/plugin-integrations-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { fieldLabel } from '../../../configurationFields';
import { formatFieldValue } from '../../../labels';

const useStyles = makeStyles(theme => ({
  path: {
    display: 'block',
    fontFamily: 'monospace',
    fontSize: theme.typography.caption.fontSize,
    color: theme.palette.text.secondary,
    whiteSpace: 'nowrap',
  },
  label: {
    display: 'block',
    whiteSpace: 'nowrap',
  },
  value: {
    fontFamily: 'monospace',
    wordBreak: 'break-word',
  },
  before: {
    textDecoration: 'line-through',
    color: theme.palette.error.main,
  },
  after: {
    color: theme.palette.success.main,
  },
  unset: {
    fontStyle: 'italic',
    color: theme.palette.text.secondary,
  },
}));

export interface ConfigDiffViewProps {
  changes: FieldChange[];
  /** What to say when nothing differs. */
  emptyMessage?: string;
  'aria-label'?: string;
}

function Value(props: { value: unknown; present: boolean; className: string }) {
  const classes = useStyles();
  if (!props.present) {
    return <span className={classes.unset}>not set</span>;
  }
  return (
    <span className={`${classes.value} ${props.className}`}>
      {formatFieldValue(props.value)}
    </span>
  );
}

/** The field as the form labels it, with its path in the configuration below. */
function FieldName(props: { path: string }) {
  const classes = useStyles();
  const label = fieldLabel(props.path);
  if (!label) {
    return <span className={classes.label}>{props.path}</span>;
  }
  return (
    <>
      <span className={classes.label}>{label}</span>
      <span className={classes.path}>{props.path}</span>
    </>
  );
}

/** The field-level difference between two configurations: each changed path, before → after. */
export function ConfigDiffView(props: ConfigDiffViewProps) {
  const { changes, emptyMessage = 'No differences.' } = props;
  const classes = useStyles();

  if (changes.length === 0) {
    return <Typography variant="body2">{emptyMessage}</Typography>;
  }

  return (
    <Table size="small" aria-label={props['aria-label'] ?? 'Changed fields'}>
      <TableHead>
        <TableRow>
          <TableCell>Field</TableCell>
          <TableCell>Before</TableCell>
          <TableCell>After</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {changes.map(change => (
          <TableRow key={change.path}>
            <TableCell>
              <FieldName path={change.path} />
            </TableCell>
            <TableCell>
              <Value
                value={change.before}
                present={change.kind !== 'added'}
                className={classes.before}
              />
            </TableCell>
            <TableCell>
              <Value
                value={change.after}
                present={change.kind !== 'removed'}
                className={classes.after}
              />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
