import Button from '@material-ui/core/Button';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';
import { ActionButton } from '../../shared/ActionButton';

const useStyles = makeStyles(theme => ({
  actions: {
    position: 'sticky',
    bottom: 0,
    zIndex: 1,
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    padding: theme.spacing(1, 0),
    marginTop: theme.spacing(2),
    background: theme.palette.background.paper,
    borderTop: `1px solid ${theme.palette.divider}`,
  },
  status: {
    flexGrow: 1,
  },
}));

export function problemsText(count: number) {
  return `${count} ${count === 1 ? 'problem' : 'problems'}`;
}

/**
 * The form's actions, kept in view at the bottom of the editor, with what
 * state the form is in; the problem count leads to the first field in error.
 */
export function FormFooter(props: {
  problemCount: number;
  changed: boolean;
  version: number;
  readOnly: boolean;
  previewing: boolean;
  previewDisabledReason?: string;
  copyMenu: ReactNode;
  onShowFirstProblem(): void;
  onDiscard(): void;
  onPreview(): void;
}) {
  const { problemCount, changed, version, readOnly, previewing } = props;
  const classes = useStyles();
  let status: ReactNode = changed ? 'Unsaved changes' : `Version ${version}`;
  if (problemCount > 0) {
    status = (
      <Link
        component="button"
        variant="body2"
        color="error"
        onClick={props.onShowFirstProblem}
      >
        {problemsText(problemCount)} to fix
      </Link>
    );
  }

  return (
    <div className={classes.actions}>
      <Typography variant="body2" component="div" className={classes.status}>
        {status}
      </Typography>
      {props.copyMenu}
      <Button onClick={props.onDiscard} disabled={!changed || readOnly}>
        Discard changes
      </Button>
      <ActionButton
        color="primary"
        variant="contained"
        onClick={props.onPreview}
        disabled={previewing}
        disabledReason={props.previewDisabledReason}
      >
        {previewing ? 'Preparing preview…' : 'Preview'}
      </ActionButton>
    </div>
  );
}

/**
 * Scrolls the first field in error into the middle of the view, clear of the
 * sticky actions, and puts the cursor in it.
 */
export function showFirstProblem(form: HTMLElement | null) {
  const field =
    form?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
    form
      ?.querySelector('.Mui-error')
      ?.closest('.MuiFormControl-root')
      ?.querySelector<HTMLElement>('input, textarea, [role="button"]');
  if (!field) {
    return;
  }
  field.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
  field.focus({ preventScroll: true });
}
