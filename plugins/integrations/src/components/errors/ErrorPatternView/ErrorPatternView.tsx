import { Progress } from '@backstage/core-components';
import { RouterLink, useAppSearchParams } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { errorReadPermission } from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ArrowBackIcon from '@material-ui/icons/ArrowBack';
import { ReactNode } from 'react';
import { useErrorPattern } from '../../../hooks/useErrorPattern';
import { useIntegrationsPageLink } from '../../../hooks/useIntegrationsPageLink';
import { ENVIRONMENT_LABELS } from '../../../labels';
import { errorMessage } from '../../../requestErrors';
import { InlineAlert } from '../../shared/InlineAlert';
import { PatternMarkers } from '../ErrorPatternsTable/PatternMarkers';
import { RecentErrors } from '../RecentErrors';
import { SeverityChip } from '../SeverityChip';
import { TriagePanel } from '../TriagePanel';
import { ERROR_STATUS_LABELS } from '../errorLabels';
import { PatternAbout } from './PatternAbout';
import { PatternHistory } from './PatternHistory';
import { SuggestedActionsList } from './SuggestedActionsList';

const useStyles = makeStyles(theme => ({
  heading: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginTop: theme.spacing(1),
  },
  back: { display: 'inline-flex', alignItems: 'center', gap: 4 },
  name: { overflowWrap: 'anywhere' },
  loading: { height: 4, margin: theme.spacing(1, 0) },
  card: { marginBottom: theme.spacing(2) },
}));

function Panel(props: { title: string; children: ReactNode }) {
  const classes = useStyles();
  return (
    <Card className={classes.card} component="section" aria-label={props.title}>
      <CardContent>
        <Typography variant="h6" component="h3" gutterBottom>
          {props.title}
        </Typography>
        {props.children}
      </CardContent>
    </Card>
  );
}

/** Why a group cannot be shown, in words for the user. */
function notShownTitle(error: Error): string {
  if (ResponseError.is(error) && error.statusCode === 404) {
    return 'There is no such error group';
  }
  if (ResponseError.is(error) && error.statusCode === 403) {
    return `You may not read this error group: that takes the ${errorReadPermission.name} permission`;
  }
  return 'The error group could not be loaded';
}

/**
 * One error group at its own path: what it is and what to do about it, its
 * triage, its latest events and its history. It reloads when the backend
 * signals a change to it, and after every triage action.
 */
export function ErrorPatternView(props: { patternId: string }) {
  const classes = useStyles();
  const link = useIntegrationsPageLink();
  const [params] = useAppSearchParams();
  const detail = useErrorPattern(props.patternId);
  const pattern = detail.value;

  const back = (
    <Link
      component={RouterLink}
      href={link('errors', params)}
      className={classes.back}
    >
      <ArrowBackIcon fontSize="small" />
      All errors
    </Link>
  );

  if (!pattern) {
    return (
      <Box>
        {back}
        {detail.loading && <Progress />}
        {detail.error && (
          <InlineAlert
            severity="error"
            title={notShownTitle(detail.error)}
            action={<Button onClick={detail.retry}>Retry</Button>}
          >
            {errorMessage(detail.error)}
          </InlineAlert>
        )}
      </Box>
    );
  }

  return (
    <Box>
      {back}
      <Box className={classes.heading}>
        <Typography variant="h5" component="h2" className={classes.name}>
          {pattern.name}
        </Typography>
        <SeverityChip severity={pattern.severity} />
        <Chip
          size="small"
          variant="outlined"
          label={ERROR_STATUS_LABELS[pattern.status] ?? pattern.status}
        />
      </Box>
      <Typography variant="body2" color="textSecondary">
        {pattern.integration} in{' '}
        {ENVIRONMENT_LABELS[pattern.environment].toLowerCase()}
      </Typography>
      <PatternMarkers pattern={pattern} />
      {pattern.incidentId && (
        <InlineAlert
          severity="warning"
          title="This group is part of an incident"
          action={
            <Link
              component={RouterLink}
              href={link(
                `errors/incidents/${encodeURIComponent(pattern.incidentId)}`,
                params,
              )}
            >
              Open the incident
            </Link>
          }
        >
          It started together with other groups or shortly after a change; the
          incident names the likely cause and its timeline.
        </InlineAlert>
      )}
      <Box className={classes.loading}>
        {detail.loading && <LinearProgress aria-label="Reloading the group" />}
      </Box>
      {detail.error && (
        <InlineAlert
          severity="error"
          title="The group could not be reloaded"
          action={<Button onClick={detail.retry}>Retry</Button>}
        >
          {errorMessage(detail.error)} Showing what loaded last.
        </InlineAlert>
      )}
      <Grid container spacing={2}>
        <Grid item xs={12} md={8}>
          <Panel title="About">
            <PatternAbout pattern={pattern} />
          </Panel>
          <Panel title="Suggested actions">
            <SuggestedActionsList actions={pattern.suggestedActions} />
          </Panel>
          <Panel title="Recent events">
            <RecentErrors events={pattern.recentErrors} />
          </Panel>
        </Grid>
        <Grid item xs={12} md={4}>
          <Box className={classes.card}>
            <TriagePanel pattern={pattern} onChanged={detail.retry} />
          </Box>
          <Panel title="History">
            <PatternHistory entries={pattern.history} />
          </Panel>
        </Grid>
      </Grid>
    </Box>
  );
}
