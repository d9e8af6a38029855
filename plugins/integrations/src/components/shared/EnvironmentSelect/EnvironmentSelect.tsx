import {
  ENVIRONMENTS,
  Environment,
} from '@internal/plugin-integrations-common';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import { makeStyles } from '@material-ui/core/styles';
import { useId } from 'react';
import { ENVIRONMENT_LABELS } from '../../../labels';

const useStyles = makeStyles({
  select: { minWidth: 160 },
});

/** Picks one environment; unlike a filter there is no "All". */
export function EnvironmentSelect(props: {
  value: Environment;
  onChange(environment: Environment): void;
}) {
  const classes = useStyles();
  const labelId = useId();
  return (
    <FormControl className={classes.select} size="small">
      <InputLabel id={labelId}>Environment</InputLabel>
      <Select
        labelId={labelId}
        value={props.value}
        onChange={event => props.onChange(event.target.value as Environment)}
      >
        {ENVIRONMENTS.map(environment => (
          <MenuItem key={environment} value={environment}>
            {ENVIRONMENT_LABELS[environment]}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}
