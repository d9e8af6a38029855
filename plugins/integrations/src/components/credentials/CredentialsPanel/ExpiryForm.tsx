import { CredentialFieldStatus } from '@internal/plugin-integrations-common';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import { FormEvent, useId, useState } from 'react';
import { errorMessage, fieldIssuesOf } from '../../../requestErrors';
import { FormError } from './FormError';
import { dateOf, expiryOf } from './expiry';

/**
 * Changes only when a stored credential expires, e.g. after the provider
 * extended a key's lifetime; the value itself is not touched.
 */
export function ExpiryForm(props: {
  status: CredentialFieldStatus;
  busy: boolean;
  error?: Error;
  className: string;
  onSave(expiresAt: string | null): void;
  onCancel(): void;
}) {
  const { status, busy, error, className, onSave, onCancel } = props;
  const inputId = useId();
  const [date, setDate] = useState(dateOf(status.expiresAt));
  const issue = error
    ? fieldIssuesOf(error).find(
        i => i.path === `body.expiresAt.${status.field}`,
      )?.message
    : undefined;
  const otherError = error && !issue ? errorMessage(error) : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const expiresAt = expiryOf(date);
    if (expiresAt) {
      onSave(expiresAt);
    }
  };

  return (
    <form
      className={className}
      onSubmit={submit}
      aria-label={`Expiry of ${status.label}`}
    >
      <TextField
        id={`${inputId}-expiry`}
        label="Expires on"
        type="date"
        value={date}
        onChange={event => setDate(event.target.value)}
        InputLabelProps={{ shrink: true }}
        error={Boolean(issue)}
        helperText={issue}
        disabled={busy}
        required
        variant="outlined"
        size="small"
      />
      <Button
        type="submit"
        color="primary"
        variant="contained"
        disabled={busy || !expiryOf(date)}
      >
        Save expiry
      </Button>
      {status.expiresAt && (
        <Button onClick={() => onSave(null)} disabled={busy}>
          Never expires
        </Button>
      )}
      <Button onClick={onCancel} disabled={busy}>
        Cancel
      </Button>
      <FormError message={otherError} />
    </form>
  );
}
