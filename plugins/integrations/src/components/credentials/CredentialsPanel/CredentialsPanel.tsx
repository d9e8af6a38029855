import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  CredentialFieldStatus,
  Environment,
  integrationCredentialsUpdatePermission,
} from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { FormEvent, useId, useState } from 'react';
import { useCredentialStatus } from '../../../hooks/useCredentialStatus';
import { ENVIRONMENT_LABELS, relativeTime, shortRef } from '../../../labels';
import { errorMessage, fieldIssuesOf } from '../../../requestErrors';
import { ActionButton } from '../../shared/ActionButton';
import { ConfirmationDialog } from '../../shared/ConfirmationDialog';
import { InlineAlert } from '../../shared/InlineAlert';
import { ExpiryForm } from './ExpiryForm';
import { FormError } from './FormError';
import { expiryOf } from './expiry';
import { useUpdateCredentials } from '../../../hooks/useCredentialMutations';

const CREDENTIALS_DENIED = 'Only integration admins may change credentials';

const useStyles = makeStyles(theme => ({
  row: {
    padding: theme.spacing(1.5, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  summary: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  replaceForm: {
    display: 'flex',
    alignItems: 'flex-start',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginTop: theme.spacing(1.5),
  },
}));

function isExpired(status: CredentialFieldStatus): boolean {
  const { expired, expiresAt } = status;
  if (expired !== undefined) {
    return expired;
  }
  return expiresAt !== undefined && Date.parse(expiresAt) <= Date.now();
}

/** "set · …4242 · updated 3 days ago by ada · expires in 12 days", without the expiry. */
function statusParts(status: CredentialFieldStatus): string[] {
  if (!status.set) {
    return ['not set'];
  }
  const parts = ['set'];
  if (status.last4) {
    parts.push(`…${status.last4}`);
  }
  if (status.updatedAt) {
    parts.push(
      `updated ${relativeTime(status.updatedAt)}${
        status.updatedBy ? ` by ${shortRef(status.updatedBy)}` : ''
      }`,
    );
  }
  return parts;
}

function CredentialStatusLine(props: { status: CredentialFieldStatus }) {
  const { status } = props;
  const expiry = status.set ? status.expiresAt : undefined;
  const expired = isExpired(status);
  return (
    <Typography variant="body2" color="textSecondary">
      {statusParts(status).join(' · ')}
      {expiry && (
        <>
          {' · '}
          <Typography
            component="span"
            variant="body2"
            color={expired ? 'error' : 'inherit'}
          >
            {expired
              ? `expired ${relativeTime(expiry)}`
              : `expires ${relativeTime(expiry)}`}
          </Typography>
        </>
      )}
    </Typography>
  );
}

/**
 * The new value exists only in this form's state, which is dropped when the
 * form closes after a save or a cancel.
 */
function ReplaceCredentialForm(props: {
  status: CredentialFieldStatus;
  busy: boolean;
  error?: Error;
  onSave(value: string, expiresAt?: string): void;
  onCancel(): void;
}) {
  const { status, busy, error, onSave, onCancel } = props;
  const classes = useStyles();
  const inputId = useId();
  const [value, setValue] = useState('');
  const [expiryDate, setExpiryDate] = useState('');
  const issues = error ? fieldIssuesOf(error) : [];
  const issueAt = (path: string) =>
    issues.find(issue => issue.path === path)?.message;
  const valueError = issueAt(`body.credentials.${status.field}`);
  const expiryError = issueAt(`body.expiresAt.${status.field}`);
  const otherError =
    error && !valueError && !expiryError ? errorMessage(error) : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value) {
      onSave(value, expiryOf(expiryDate));
    }
  };

  return (
    <form
      className={classes.replaceForm}
      onSubmit={submit}
      aria-label={`Replace ${status.label}`}
    >
      <TextField
        id={`${inputId}-value`}
        label={`New ${status.label}`}
        type="password"
        value={value}
        onChange={event => setValue(event.target.value)}
        inputProps={{ autoComplete: 'off', spellCheck: false }}
        error={Boolean(valueError)}
        helperText={valueError}
        disabled={busy}
        required
        variant="outlined"
        size="small"
      />
      <TextField
        id={`${inputId}-expiry`}
        label="Expires on"
        type="date"
        value={expiryDate}
        onChange={event => setExpiryDate(event.target.value)}
        InputLabelProps={{ shrink: true }}
        error={Boolean(expiryError)}
        helperText={
          expiryError ?? 'Optional; leave empty if it does not expire'
        }
        disabled={busy}
        variant="outlined"
        size="small"
      />
      <Button
        type="submit"
        color="primary"
        variant="contained"
        disabled={busy || !value}
      >
        Save
      </Button>
      <Button onClick={onCancel} disabled={busy}>
        Cancel
      </Button>
      <FormError message={otherError} />
    </form>
  );
}

export interface CredentialsPanelProps {
  name: string;
  environment: Environment;
  /** Why no credential may be changed regardless of permissions, e.g. the integration is deleted. */
  unavailableReason?: string;
}

/**
 * The credentials of one integration in one environment, write-only: their
 * masked status, and replacing or clearing them for those allowed to.
 */
export function CredentialsPanel(props: CredentialsPanelProps) {
  const { name, environment, unavailableReason } = props;
  const classes = useStyles();
  const updateCredentials = useUpdateCredentials(name, environment);
  const labelIdPrefix = useId();
  const status = useCredentialStatus(name, environment);
  const permission = usePermission({
    permission: integrationCredentialsUpdatePermission,
    resourceRef: `${name}:${environment}`,
  });
  const [saved, setSaved] = useState<CredentialFieldStatus[]>();
  const [replacing, setReplacing] = useState<string>();
  const [editingExpiry, setEditingExpiry] = useState<string>();
  const [clearing, setClearing] = useState<CredentialFieldStatus>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const [notice, setNotice] = useState<string>();

  let deniedReason = unavailableReason;
  if (!deniedReason && permission.loading) {
    deniedReason = 'Checking your permissions…';
  } else if (!deniedReason && !permission.allowed) {
    deniedReason = CREDENTIALS_DENIED;
  }

  const update = async (
    credentials: Record<string, string | null>,
    expiresAt: Record<string, string | null> | undefined,
    done: string,
  ) => {
    setBusy(true);
    setError(undefined);
    try {
      const result = await updateCredentials({
        credentials,
        ...(expiresAt ? { expiresAt } : {}),
      });
      setSaved(result.fields);
      setReplacing(undefined);
      setEditingExpiry(undefined);
      setClearing(undefined);
      setNotice(done);
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  const fields = saved ?? status.value;
  if (status.loading && !fields) {
    return <Progress />;
  }
  if (status.error) {
    return <ResponseErrorPanel error={status.error} />;
  }
  if (!fields || fields.length === 0) {
    return (
      <Typography>The provider of {name} takes no credentials.</Typography>
    );
  }

  return (
    <>
      <Typography variant="body2" color="textSecondary" paragraph>
        Credentials are write-only: their values never leave the backend, so
        only whether they are set, their last characters and their history are
        shown.
      </Typography>
      {notice && <InlineAlert severity="success" title={notice} />}
      {fields.map(field => {
        const labelId = `${labelIdPrefix}-${field.field}`;
        return (
          <Box
            key={field.field}
            className={classes.row}
            role="group"
            aria-labelledby={labelId}
          >
            <Box className={classes.summary}>
              <Box flexGrow={1}>
                <Typography id={labelId} variant="subtitle2" component="h3">
                  {field.label}
                </Typography>
                <CredentialStatusLine status={field} />
              </Box>
              <ActionButton
                size="small"
                variant="outlined"
                disabled={busy || replacing === field.field}
                disabledReason={deniedReason}
                onClick={() => {
                  setError(undefined);
                  setNotice(undefined);
                  setEditingExpiry(undefined);
                  setReplacing(field.field);
                }}
              >
                Replace
              </ActionButton>
              <ActionButton
                size="small"
                variant="outlined"
                disabled={busy || !field.set || editingExpiry === field.field}
                disabledReason={deniedReason}
                onClick={() => {
                  setError(undefined);
                  setNotice(undefined);
                  setReplacing(undefined);
                  setEditingExpiry(field.field);
                }}
              >
                Expiry
              </ActionButton>
              <ActionButton
                size="small"
                color="secondary"
                disabled={busy || !field.set}
                disabledReason={deniedReason}
                onClick={() => {
                  setError(undefined);
                  setNotice(undefined);
                  setReplacing(undefined);
                  setClearing(field);
                }}
              >
                Clear
              </ActionButton>
            </Box>
            {replacing === field.field && !deniedReason && (
              <ReplaceCredentialForm
                status={field}
                busy={busy}
                error={error}
                onSave={(value, expiresAt) =>
                  update(
                    { [field.field]: value },
                    expiresAt ? { [field.field]: expiresAt } : undefined,
                    `Replaced ${field.label}.`,
                  )
                }
                onCancel={() => {
                  setError(undefined);
                  setReplacing(undefined);
                }}
              />
            )}
            {editingExpiry === field.field && !deniedReason && (
              <ExpiryForm
                status={field}
                busy={busy}
                error={error}
                className={classes.replaceForm}
                onSave={expiresAt =>
                  update(
                    {},
                    { [field.field]: expiresAt },
                    expiresAt
                      ? `${field.label} now expires ${relativeTime(expiresAt)}.`
                      : `${field.label} no longer expires.`,
                  )
                }
                onCancel={() => {
                  setError(undefined);
                  setEditingExpiry(undefined);
                }}
              />
            )}
          </Box>
        );
      })}
      <ConfirmationDialog
        open={Boolean(clearing)}
        title={`Clear ${clearing?.label ?? ''}?`}
        confirmLabel="Clear"
        destructive
        busy={busy}
        error={clearing ? error : undefined}
        onConfirm={() =>
          clearing &&
          update(
            { [clearing.field]: null },
            undefined,
            `Cleared ${clearing.label}.`,
          )
        }
        onCancel={() => {
          setError(undefined);
          setClearing(undefined);
        }}
      >
        <Typography>
          The stored {clearing?.label} of {name} in{' '}
          {ENVIRONMENT_LABELS[environment].toLowerCase()} is deleted. Calls that
          need it fail until a new value is set.
        </Typography>
      </ConfirmationDialog>
    </>
  );
}
