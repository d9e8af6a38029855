import {
  ErrorPattern,
  SnoozePatternRequest,
} from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { DateTime } from 'luxon';
import { FormEvent, ReactNode, useId, useState } from 'react';
import { useErrorTriage } from '../../../hooks/useErrorTriage';
import { FormError } from '../../credentials/CredentialsPanel/FormError';
import { triageIssues } from '../triageIssues';

type Condition = 'until' | 'untilOccurrences' | 'untilRatePerHour';

/** One way to wake: a checkbox that turns it on and the value it needs. */
function WakeCondition(props: {
  label: string;
  checked: boolean;
  onCheck(checked: boolean): void;
  children: ReactNode;
}) {
  return (
    <Box display="flex" alignItems="flex-start" gridGap={8} mt={1}>
      <FormControlLabel
        style={{ minWidth: 220, marginTop: 4 }}
        control={
          <Checkbox
            checked={props.checked}
            onChange={event => props.onCheck(event.target.checked)}
          />
        }
        label={props.label}
      />
      {props.children}
    </Box>
  );
}

/**
 * Quiets an error group until a time, until it happens so many more times,
 * or until it happens faster than a rate, whichever comes first. A snoozed
 * group leaves the list unless snoozed groups are shown.
 */
export function SnoozeDialog(props: {
  pattern: ErrorPattern;
  onSnoozed(pattern: ErrorPattern): void;
  onCancel(): void;
}) {
  const { pattern, onSnoozed, onCancel } = props;
  const titleId = useId();
  const fieldId = useId();
  const [chosen, setChosen] = useState<Record<Condition, boolean>>({
    until: true,
    untilOccurrences: false,
    untilRatePerHour: false,
  });
  const [until, setUntil] = useState(() =>
    DateTime.now()
      .plus({ days: 1 })
      .startOf('hour')
      .toFormat("yyyy-LL-dd'T'HH:mm"),
  );
  const [occurrences, setOccurrences] = useState('100');
  const [rate, setRate] = useState('50');
  const [state, snooze] = useErrorTriage(
    (api, request: SnoozePatternRequest) =>
      api.snoozeErrorPattern(pattern.patternId, request),
    onSnoozed,
  );
  const issues = triageIssues(
    state.error,
    /^(until|untilOccurrences|untilRatePerHour)$/,
  );
  const choose = (condition: Condition) => (checked: boolean) =>
    setChosen({ ...chosen, [condition]: checked });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const untilTime = DateTime.fromISO(until);
    snooze({
      ...(chosen.until
        ? { until: untilTime.isValid ? untilTime.toUTC().toISO()! : until }
        : {}),
      ...(chosen.untilOccurrences
        ? { untilOccurrences: Number(occurrences) }
        : {}),
      ...(chosen.untilRatePerHour ? { untilRatePerHour: Number(rate) } : {}),
    });
  };

  return (
    <Dialog
      open
      onClose={onCancel}
      aria-labelledby={titleId}
      maxWidth="sm"
      fullWidth
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>Snooze “{pattern.name}”</DialogTitle>
        <DialogContent>
          <Typography variant="body2">
            The group stays quiet, and out of the list, until the first of these
            is reached.
          </Typography>
          <WakeCondition
            label="Until"
            checked={chosen.until}
            onCheck={choose('until')}
          >
            <TextField
              id={`${fieldId}-until`}
              label="Date and time"
              type="datetime-local"
              value={until}
              onChange={event => setUntil(event.target.value)}
              disabled={!chosen.until}
              error={Boolean(issues.field('until'))}
              helperText={issues.field('until') ?? 'In your time zone'}
              InputLabelProps={{ shrink: true }}
              size="small"
              variant="outlined"
            />
          </WakeCondition>
          <WakeCondition
            label="After more events"
            checked={chosen.untilOccurrences}
            onCheck={choose('untilOccurrences')}
          >
            <TextField
              id={`${fieldId}-occurrences`}
              label="Events"
              type="number"
              value={occurrences}
              onChange={event => setOccurrences(event.target.value)}
              disabled={!chosen.untilOccurrences}
              error={Boolean(issues.field('untilOccurrences'))}
              helperText={
                issues.field('untilOccurrences') ?? 'Wakes after this many more'
              }
              inputProps={{ min: 1, step: 1 }}
              size="small"
              variant="outlined"
            />
          </WakeCondition>
          <WakeCondition
            label="When the rate exceeds"
            checked={chosen.untilRatePerHour}
            onCheck={choose('untilRatePerHour')}
          >
            <TextField
              id={`${fieldId}-rate`}
              label="Events per hour"
              type="number"
              value={rate}
              onChange={event => setRate(event.target.value)}
              disabled={!chosen.untilRatePerHour}
              error={Boolean(issues.field('untilRatePerHour'))}
              helperText={
                issues.field('untilRatePerHour') ??
                'Wakes when more arrive within an hour'
              }
              inputProps={{ min: 1, step: 1 }}
              size="small"
              variant="outlined"
            />
          </WakeCondition>
          <FormError message={issues.other} />
        </DialogContent>
        <DialogActions>
          <Button onClick={onCancel} disabled={state.loading}>
            Cancel
          </Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={state.loading || !Object.values(chosen).some(Boolean)}
          >
            Snooze
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
