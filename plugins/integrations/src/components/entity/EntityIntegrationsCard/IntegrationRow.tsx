import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { IntegrationHealthStatus } from '@internal/plugin-integrations-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatDuration, formatPercent } from '../../../healthLabels';
import { DependedOnIntegration } from '../../../hooks/useEntityIntegrations';
import { useIntegrationsPageLink } from '../../../hooks/useIntegrationsPageLink';
import { shortRef } from '../../../labels';
import { HealthStatusLabel } from '../../shared/StatusLabel';

const useStyles = makeStyles(theme => ({
  row: {
    display: 'grid',
    gridTemplateColumns: '1fr max-content',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.25),
    alignItems: 'baseline',
    padding: theme.spacing(1, 0),
    '& + &': { borderTop: `1px solid ${theme.palette.divider}` },
  },
  name: { fontWeight: 500 },
}));

export interface IntegrationRowProps {
  dependency: DependedOnIntegration;
  displayName: string;
  /** Absent when Integration Manager shows none: unreachable, or not readable. */
  status?: IntegrationHealthStatus;
  /** Integration Manager could not be asked, so a missing status says nothing. */
  statusUnavailable: boolean;
}

/** One integration of the Integrations card: name and status, why, and where to look. */
export function IntegrationRow(props: IntegrationRowProps) {
  const { dependency, displayName, status, statusUnavailable } = props;
  const classes = useStyles();
  const link = useIntegrationsPageLink();
  const details = [
    status?.reasons[0],
    status && `uptime 24 h ${formatPercent(status.uptimeWindows.last24h)}`,
    status?.responseTimeMs !== undefined &&
      formatDuration(status.responseTimeMs),
    !status &&
      !statusUnavailable &&
      'Integration Manager shows you no status for it in production',
    dependency.via.length > 0 &&
      `via ${dependency.via.map(shortRef).join(', ')}`,
  ].filter(Boolean);
  return (
    <li
      className={classes.row}
      data-testid={`integration-row-${dependency.integration}`}
    >
      <Typography variant="body1" component="span" className={classes.name}>
        {dependency.inCatalog ? (
          <EntityRefLink entityRef={dependency.entityRef} hideIcon>
            {displayName}
          </EntityRefLink>
        ) : (
          displayName
        )}
      </Typography>
      <Typography variant="body2" component="span">
        {status ? <HealthStatusLabel status={status.status} /> : 'No status'}
      </Typography>
      <Typography variant="caption" color="textSecondary" component="span">
        {details.join(' · ')}
      </Typography>
      <Typography variant="body2" component="span">
        <Link
          to={link('dashboard', { integration: dependency.integration })}
          aria-label={`${displayName} on the dashboard`}
        >
          Dashboard
        </Link>
      </Typography>
    </li>
  );
}
