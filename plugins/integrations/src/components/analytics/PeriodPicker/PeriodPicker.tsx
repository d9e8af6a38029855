import { ValidationIssue } from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { FormEvent, useId, useState } from 'react';
import {
  PERIOD_PRESETS,
  Period,
  PeriodPreset,
  toUtcInput,
} from '../analyticsData';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: theme.spacing(1.5),
  },
  custom: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    gap: theme.spacing(1.5),
  },
  date: { width: 210 },
}));

export interface PeriodPickerProps {
  value: Period;
  /** The period shown, to start a custom period from. */
  shown?: { start: string; end: string };
  onChange(period: Period): void;
  /** What the backend said about `query.from` / `query.to`. */
  issues?: ValidationIssue[];
}

/** The last hour, day, week or month, or a custom from–to in UTC. */
export function PeriodPicker(props: PeriodPickerProps) {
  const { value, shown, onChange, issues = [] } = props;
  const classes = useStyles();
  const fromId = useId();
  const toId = useId();
  const [customOpen, setCustomOpen] = useState(value.preset === 'custom');
  const [from, setFrom] = useState(value.preset === 'custom' ? value.from : '');
  const [to, setTo] = useState(value.preset === 'custom' ? value.to : '');
  const issueOf = (field: 'from' | 'to') =>
    issues.find(issue => issue.path === `query.${field}`)?.message;

  const pick = (_event: unknown, next: PeriodPreset | 'custom' | null) => {
    if (next === 'custom') {
      setCustomOpen(true);
      if (!from && !to && shown) {
        setFrom(toUtcInput(shown.start));
        setTo(toUtcInput(shown.end));
      }
    } else if (next) {
      setCustomOpen(false);
      onChange({ preset: next });
    }
  };

  const apply = (event: FormEvent) => {
    event.preventDefault();
    onChange({ preset: 'custom', from, to });
  };

  return (
    <Box className={classes.root}>
      <ToggleButtonGroup
        size="small"
        exclusive
        value={customOpen ? 'custom' : value.preset}
        onChange={pick}
        aria-label="Period"
      >
        {PERIOD_PRESETS.map(preset => (
          <ToggleButton key={preset.id} value={preset.id}>
            {preset.label}
          </ToggleButton>
        ))}
        <ToggleButton value="custom">Custom</ToggleButton>
      </ToggleButtonGroup>
      {customOpen && (
        <form
          className={classes.custom}
          onSubmit={apply}
          aria-label="Custom period"
        >
          <TextField
            id={fromId}
            className={classes.date}
            label="From (UTC)"
            type="datetime-local"
            size="small"
            value={from}
            onChange={event => setFrom(event.target.value)}
            InputLabelProps={{ shrink: true }}
            error={Boolean(issueOf('from'))}
            helperText={issueOf('from')}
            required
          />
          <TextField
            id={toId}
            className={classes.date}
            label="To (UTC)"
            type="datetime-local"
            size="small"
            value={to}
            onChange={event => setTo(event.target.value)}
            InputLabelProps={{ shrink: true }}
            error={Boolean(issueOf('to'))}
            helperText={issueOf('to')}
            required
          />
          <Button type="submit" variant="outlined" color="primary">
            Show period
          </Button>
        </form>
      )}
    </Box>
  );
}
