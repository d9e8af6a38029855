import { InfoCard, StatusError, StatusOK } from '@backstage/core-components';
import {
  Environment,
  IntegrationHealthStatus,
} from '@internal/plugin-integrations-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { DEFAULT_UPTIME_TARGET, formatPercent } from '../../../healthLabels';
import { useIntegrationConfigs } from '../../../hooks/useIntegrationConfigs';
import { errorMessage } from '../../../requestErrors';

function UptimeCell(props: { uptime: number | null; target: number }) {
  const { uptime, target } = props;
  if (uptime === null) {
    return <Typography variant="body2">no data</Typography>;
  }
  return uptime >= target ? (
    <StatusOK>{formatPercent(uptime)}</StatusOK>
  ) : (
    <StatusError>{formatPercent(uptime)} (below target)</StatusError>
  );
}

const useStyles = makeStyles({
  // Figures and their marks stay on one line; the integration's name may wrap at spaces.
  table: {
    '& td, & th': { whiteSpace: 'nowrap' },
    '& th[scope="row"]': { whiteSpace: 'normal', minWidth: 160 },
  },
});

export interface UptimeTableProps {
  environment: Environment;
  integrations: IntegrationHealthStatus[];
  /** What to call each integration, told apart where display names collide. */
  displayNames?: ReadonlyMap<string, string>;
}

/**
 * Uptime over 24 hours, 7 days and 30 days against each integration's uptime
 * target (the uptime alert threshold of its monitoring settings).
 */
export function UptimeTable(props: UptimeTableProps) {
  const { environment, integrations, displayNames } = props;
  const classes = useStyles();
  const configs = useIntegrationConfigs({ environment, limit: 500 });
  const targets = new Map(
    (configs.value?.items ?? []).map(config => [
      config.name,
      config.monitoringConfig.alertThresholds.uptime,
    ]),
  );

  return (
    <InfoCard title="Uptime against target (SLA)">
      {configs.error && (
        <Typography variant="body2" color="error" paragraph>
          The targets could not be loaded ({errorMessage(configs.error)}), so
          uptime is compared with {DEFAULT_UPTIME_TARGET} %.
        </Typography>
      )}
      <Table
        size="small"
        aria-label="Uptime against target"
        className={classes.table}
      >
        <TableHead>
          <TableRow>
            <TableCell>Integration</TableCell>
            <TableCell>Target</TableCell>
            <TableCell>24 hours</TableCell>
            <TableCell>7 days</TableCell>
            <TableCell>30 days</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {integrations.map(status => {
            const target =
              targets.get(status.integration) ?? DEFAULT_UPTIME_TARGET;
            return (
              <TableRow key={status.integration}>
                <TableCell component="th" scope="row">
                  {displayNames?.get(status.integration) ?? status.displayName}
                </TableCell>
                <TableCell>{formatPercent(target)}</TableCell>
                <TableCell>
                  <UptimeCell
                    uptime={status.uptimeWindows.last24h}
                    target={target}
                  />
                </TableCell>
                <TableCell>
                  <UptimeCell
                    uptime={status.uptimeWindows.last7d}
                    target={target}
                  />
                </TableCell>
                <TableCell>
                  <UptimeCell
                    uptime={status.uptimeWindows.last30d}
                    target={target}
                  />
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </InfoCard>
  );
}
