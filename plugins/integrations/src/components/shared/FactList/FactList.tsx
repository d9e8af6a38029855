import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Fragment, ReactNode } from 'react';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: theme.spacing(1, 0, 0),
    '& dt': { color: theme.palette.text.secondary },
    '& dd': { margin: 0, overflowWrap: 'anywhere' },
  },
}));

/** One line of a fact list: what it is, and its value. */
export type Fact = [label: string, value: ReactNode];

/** Labelled values in two aligned columns, as a description list. */
export function FactList(props: { facts: Fact[]; 'aria-label'?: string }) {
  const classes = useStyles();
  return (
    <Typography
      component="dl"
      variant="body2"
      className={classes.list}
      aria-label={props['aria-label']}
    >
      {props.facts.map(([label, value], index) => (
        <Fragment key={`${index}:${label}`}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </Fragment>
      ))}
    </Typography>
  );
}
