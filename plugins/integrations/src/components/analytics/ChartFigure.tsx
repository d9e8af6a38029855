import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode, useId } from 'react';

const useStyles = makeStyles(theme => ({
  root: { padding: theme.spacing(2), height: '100%', margin: 0 },
}));

/** A titled section of the page around one chart (or table), named for assistive technology. */
export function ChartFigure(props: {
  title: string;
  caption?: ReactNode;
  children: ReactNode;
}) {
  const classes = useStyles();
  const titleId = useId();
  return (
    <Paper
      variant="outlined"
      component="figure"
      className={classes.root}
      aria-labelledby={titleId}
    >
      <Typography id={titleId} variant="h6" component="h3">
        {props.title}
      </Typography>
      {props.caption && (
        <Typography variant="body2" color="textSecondary" paragraph>
          {props.caption}
        </Typography>
      )}
      {props.children}
    </Paper>
  );
}

/** Said in place of a chart with nothing to draw. */
export function NothingToChart(props: { children: ReactNode }) {
  return (
    <Typography variant="body2" color="textSecondary">
      {props.children}
    </Typography>
  );
}
