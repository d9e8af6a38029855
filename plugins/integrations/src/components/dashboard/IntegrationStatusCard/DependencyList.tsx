import { IntegrationHealthStatus } from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { HEALTH_STATUS_LABELS } from '../../../healthLabels';
import { InlineAlert } from '../../shared/InlineAlert';
import { HealthStatusLabel } from '../../shared/StatusLabel';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5, 2),
    listStyle: 'none',
    margin: theme.spacing(0.5, 0, 0),
    padding: 0,
  },
}));

/** The integrations this one depends on, with their statuses, and the one likely to blame. */
export function DependencyList(props: { status: IntegrationHealthStatus }) {
  const { dependencyStatus: dependencies, likelyCause } = props.status;
  const classes = useStyles();
  if (dependencies.length === 0) {
    return null;
  }
  return (
    <Box mt={1}>
      {likelyCause && (
        <InlineAlert
          severity="warning"
          title={`Likely cause: ${likelyCause.dependency} is ${(
            HEALTH_STATUS_LABELS[likelyCause.status] ?? likelyCause.status
          ).toLowerCase()}`}
        >
          This integration depends on {likelyCause.dependency}; fix that first.
        </InlineAlert>
      )}
      <Typography variant="body2" color="textSecondary">
        Depends on
      </Typography>
      <ul className={classes.list} aria-label="Dependencies">
        {dependencies.map(dependency => (
          <li key={dependency.name}>
            <Typography variant="body2" component="span">
              <HealthStatusLabel status={dependency.status}>
                {dependency.name}:{' '}
                {HEALTH_STATUS_LABELS[dependency.status] ?? dependency.status}
              </HealthStatusLabel>
            </Typography>
          </li>
        ))}
      </ul>
    </Box>
  );
}
