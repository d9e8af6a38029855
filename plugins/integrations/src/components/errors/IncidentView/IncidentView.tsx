import { Progress } from '@backstage/core-components';
import { RouterLink, useAppSearchParams } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  IncidentDetail,
  errorReadPermission,
} from '@internal/plugin-integrations-common';
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
import { useIncident } from '../../../hooks/useIncidents';
import { useIntegrationsPageLink } from '../../../hooks/useIntegrationsPageLink';
import { ENVIRONMENT_LABELS, absoluteTime, shortRef } from '../../../labels';
import { errorMessage } from '../../../requestErrors';
import { IntegrationImpact } from '../../impact/IntegrationImpact';
import { InlineAlert } from '../../shared/InlineAlert';
import { ERROR_STATUS_LABELS } from '../errorLabels';
import {
  INCIDENT_CAUSE_LABELS,
  INCIDENT_STATUS_LABELS,
} from '../incidentLabels';
import { SeverityChip } from '../SeverityChip';
import { IncidentTimeline } from './IncidentTimeline';
import { ResolveIncidentAction } from './ResolveIncidentAction';
import { RollbackAction } from './RollbackAction';

const useStyles = makeStyles(theme => ({
  heading: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginTop: theme.spacing(1),
  },
  back: { display: 'inline-flex', alignItems: 'center', gap: 4 },
  title: { overflowWrap: 'anywhere' },
  loading: { height: 4, margin: theme.spacing(1, 0) },
  card: { marginBottom: theme.spacing(2) },
  cause: { marginBottom: theme.spacing(2), overflowWrap: 'anywhere' },
  impact: { '& + &': { marginTop: theme.spacing(2) } },
  groups: { listStyle: 'none', margin: 0, padding: 0 },
  group: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
    overflowWrap: 'anywhere',
  },
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

/** Why an incident cannot be shown, in words for the user. */
function notShownTitle(error: Error): string {
  if (ResponseError.is(error) && error.statusCode === 404) {
    return `There is no such incident, or you may not read the errors of all its integrations (${errorReadPermission.name})`;
  }
  return 'The incident could not be loaded';
}

/** The cause, and its undo when it is a configuration change with a version before it. */
function LikelyCause(props: { incident: IncidentDetail }) {
  const classes = useStyles();
  const { likelyCause: cause, environment } = props.incident;
  const { integration, rollbackToVersion } = cause;
  return (
    <>
      <Typography variant="overline" component="p">
        {INCIDENT_CAUSE_LABELS[cause.kind]}
      </Typography>
      <Typography className={classes.cause}>{cause.description}</Typography>
      {cause.kind === 'configuration_change' &&
        integration &&
        rollbackToVersion !== undefined && (
          <RollbackAction
            cause={{ ...cause, integration, rollbackToVersion }}
            environment={environment}
          />
        )}
    </>
  );
}

/**
 * One incident at its own path: its likely cause (with the rollback of the
 * configuration change it blames), who is affected in the catalog, its
 * timeline and its error groups. It
 * reloads when the backend signals a change to it or to its groups.
 */
export function IncidentView(props: { incidentId: string }) {
  const classes = useStyles();
  const link = useIntegrationsPageLink();
  const [params] = useAppSearchParams();
  const detail = useIncident(props.incidentId);
  const incident = detail.value;

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

  if (!incident) {
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
        <Typography variant="h5" component="h2" className={classes.title}>
          {incident.title}
        </Typography>
        <Chip
          size="small"
          variant="outlined"
          label={INCIDENT_STATUS_LABELS[incident.status] ?? incident.status}
        />
      </Box>
      <Typography variant="body2" color="textSecondary">
        Incident in {ENVIRONMENT_LABELS[incident.environment].toLowerCase()},
        started {absoluteTime(incident.startedAt)}
        {incident.resolvedAt &&
          `, resolved ${absoluteTime(incident.resolvedAt)}${
            incident.resolvedBy ? ` by ${shortRef(incident.resolvedBy)}` : ''
          }`}
      </Typography>
      <Box className={classes.loading}>
        {detail.loading && (
          <LinearProgress aria-label="Reloading the incident" />
        )}
      </Box>
      {detail.error && (
        <InlineAlert
          severity="error"
          title="The incident could not be reloaded"
          action={<Button onClick={detail.retry}>Retry</Button>}
        >
          {errorMessage(detail.error)} Showing what loaded last.
        </InlineAlert>
      )}
      <Grid container spacing={2}>
        <Grid item xs={12} md={8}>
          <Panel title="Likely cause">
            <LikelyCause incident={incident} />
          </Panel>
          <Panel title="Impact">
            {incident.integrations.map(integration => (
              <Box key={integration} className={classes.impact}>
                <IntegrationImpact
                  integration={integration}
                  environment={incident.environment}
                  reloadKey={incident.updatedAt}
                />
              </Box>
            ))}
          </Panel>
          <Panel title="Timeline">
            <IncidentTimeline entries={incident.timeline} />
          </Panel>
        </Grid>
        <Grid item xs={12} md={4}>
          <Panel title="Error groups">
            <ul className={classes.groups}>
              {incident.patterns.map(pattern => (
                <li key={pattern.patternId} className={classes.group}>
                  <Link
                    component={RouterLink}
                    href={link(
                      `errors/${encodeURIComponent(pattern.patternId)}`,
                      params,
                    )}
                  >
                    {pattern.name}
                  </Link>
                  <SeverityChip severity={pattern.severity} />
                  <Typography variant="caption" color="textSecondary">
                    {pattern.integration},{' '}
                    {ERROR_STATUS_LABELS[pattern.status].toLowerCase()}
                  </Typography>
                </li>
              ))}
            </ul>
          </Panel>
          {incident.status === 'open' && (
            <Panel title="Status">
              <ResolveIncidentAction
                incident={incident}
                onResolved={detail.retry}
              />
            </Panel>
          )}
        </Grid>
      </Grid>
    </Box>
  );
}
