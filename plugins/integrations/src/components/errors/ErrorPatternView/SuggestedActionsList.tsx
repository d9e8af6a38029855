import { SuggestedActions } from '@internal/plugin-integrations-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useId } from 'react';

const KINDS: Array<{
  key: keyof SuggestedActions;
  title: string;
  empty: string;
}> = [
  { key: 'immediate', title: 'Now', empty: 'Nothing to do at once.' },
  {
    key: 'preventive',
    title: 'To prevent it',
    empty: 'No preventive step known.',
  },
  { key: 'monitoring', title: 'To watch', empty: 'Nothing to watch.' },
];

/** What to do about the group: now, to keep it from coming back, and what to watch. */
export function SuggestedActionsList(props: { actions: SuggestedActions }) {
  const ids = [useId(), useId(), useId()];
  return (
    <Grid container spacing={2}>
      {KINDS.map((kind, index) => {
        const steps = props.actions[kind.key] ?? [];
        return (
          <Grid item xs={12} md={4} key={kind.key}>
            <Typography variant="subtitle2" component="h4" id={ids[index]}>
              {kind.title}
            </Typography>
            {steps.length === 0 ? (
              <Typography variant="body2" color="textSecondary">
                {kind.empty}
              </Typography>
            ) : (
              <Typography
                variant="body2"
                component="ol"
                aria-labelledby={ids[index]}
                style={{ paddingLeft: 20, margin: 0 }}
              >
                {steps.map((step, i) => (
                  <li key={i}>{step}</li>
                ))}
              </Typography>
            )}
          </Grid>
        );
      })}
    </Grid>
  );
}
