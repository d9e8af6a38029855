import { RouterLink } from '@backstage/frontend-plugin-api';
import { Environment, Incident } from '@internal/plugin-integrations-common';
import Button from '@material-ui/core/Button';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Link from '@material-ui/core/Link';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useOpenIncidents } from '../../../hooks/useIncidents';
import {
  ENVIRONMENT_LABELS,
  absoluteTime,
  relativeTime,
} from '../../../labels';
import { errorMessage } from '../../../requestErrors';
import { InlineAlert } from '../../shared/InlineAlert';
import { INCIDENT_CAUSE_LABELS } from '../incidentLabels';

const useStyles = makeStyles(theme => ({
  title: { minWidth: 240, maxWidth: 420, overflowWrap: 'anywhere' },
  cause: { maxWidth: 420, overflowWrap: 'anywhere' },
  kind: { display: 'block', marginBottom: theme.spacing(0.25) },
}));

/**
 * The environment's open incidents, newest first: error groups that started
 * together, what they likely have in common, and a link to each incident's
 * timeline. Reloads when the backend signals a change.
 */
export function IncidentsPanel(props: {
  environment: Environment;
  linkTo(incident: Incident): string;
  className?: string;
}) {
  const { environment, linkTo, className } = props;
  const classes = useStyles();
  const incidents = useOpenIncidents(environment);
  const page = incidents.value;

  return (
    <Card className={className} component="section" aria-label="Incidents">
      <CardContent>
        <Typography variant="h6" component="h3" gutterBottom>
          Incidents
          {page ? ` (${page.totalCount.toLocaleString('en-US')} open)` : ''}
        </Typography>
        {incidents.error && (
          <InlineAlert
            severity="error"
            title="The incidents could not be loaded"
            action={<Button onClick={incidents.retry}>Retry</Button>}
          >
            {errorMessage(incidents.error)}
          </InlineAlert>
        )}
        {page?.items.length === 0 && (
          <Typography color="textSecondary">
            No open incidents in {ENVIRONMENT_LABELS[environment].toLowerCase()}
            : no error groups started together with a shared cause.
          </Typography>
        )}
        {page && page.items.length > 0 && (
          <Table size="small" aria-label="Open incidents">
            <TableHead style={{ whiteSpace: 'nowrap' }}>
              <TableRow>
                <TableCell>Incident</TableCell>
                <TableCell>Likely cause</TableCell>
                <TableCell>Integrations</TableCell>
                <TableCell>Started</TableCell>
                <TableCell align="right">Groups</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {page.items.map(incident => (
                <TableRow key={incident.id} hover>
                  <TableCell className={classes.title}>
                    <Link component={RouterLink} href={linkTo(incident)}>
                      {incident.title}
                    </Link>
                  </TableCell>
                  <TableCell className={classes.cause}>
                    <Typography
                      variant="caption"
                      color="textSecondary"
                      className={classes.kind}
                    >
                      {INCIDENT_CAUSE_LABELS[incident.likelyCause.kind]}
                    </Typography>
                    {incident.likelyCause.description}
                  </TableCell>
                  <TableCell>{incident.integrations.join(', ')}</TableCell>
                  <TableCell style={{ whiteSpace: 'nowrap' }}>
                    <Tooltip title={absoluteTime(incident.startedAt)}>
                      <span>{relativeTime(incident.startedAt)}</span>
                    </Tooltip>
                  </TableCell>
                  <TableCell align="right">
                    {incident.groupIds.length}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
