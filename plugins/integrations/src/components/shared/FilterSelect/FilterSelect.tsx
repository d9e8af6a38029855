import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import { makeStyles } from '@material-ui/core/styles';
import { useId } from 'react';

const useStyles = makeStyles({
  select: {
    minWidth: 160,
  },
});

/** A filter of a listing: one of a fixed set of values, or "All". */
export function FilterSelect<T extends string>(props: {
  label: string;
  value: T | '';
  options: readonly T[];
  labels: Record<T, string>;
  onChange(value: T | ''): void;
}) {
  const classes = useStyles();
  const labelId = useId();
  return (
    <FormControl className={classes.select} size="small">
      <InputLabel id={labelId}>{props.label}</InputLabel>
      <Select
        labelId={labelId}
        value={props.value}
        onChange={event => props.onChange(event.target.value as T | '')}
      >
        <MenuItem value="">All</MenuItem>
        {props.options.map(option => (
          <MenuItem key={option} value={option}>
            {props.labels[option]}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}
