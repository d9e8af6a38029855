import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';

const useStyles = makeStyles(theme => ({
  section: {
    marginTop: theme.spacing(3),
  },
}));

/** One titled group of fields. */
export function Section(props: { title: string; children: ReactNode }) {
  const classes = useStyles();
  return (
    <Box className={classes.section} component="section">
      <Typography variant="h6" component="h3">
        {props.title}
      </Typography>
      <Grid container spacing={2}>
        {props.children}
      </Grid>
    </Box>
  );
}

/** One field: half the width on wide screens, or all of it. */
export function Cell(props: { wide?: boolean; children: ReactNode }) {
  return (
    <Grid item xs={12} md={props.wide ? 12 : 6}>
      {props.children}
    </Grid>
  );
}
