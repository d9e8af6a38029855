import {
  HealthHistoryPoint,
  HealthHistoryResponse,
} from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import { useId } from 'react';
import { formatPercent } from '../../../healthLabels';
import { absoluteTime } from '../../../labels';
import {
  UPTIME_BANDS,
  UPTIME_BAND_LABELS,
  bandColour,
  uptimeBand,
} from './uptimeBands';

const useStyles = makeStyles(theme => ({
  table: {
    borderCollapse: 'separate',
    borderSpacing: 2,
    width: '100%',
    tableLayout: 'fixed',
  },
  name: {
    ...theme.typography.body2,
    textAlign: 'left',
    fontWeight: 'normal',
    width: 160,
    paddingRight: theme.spacing(1),
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  cell: {
    height: 20,
    borderRadius: 2,
    padding: 0,
  },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    listStyle: 'none',
    padding: 0,
    margin: theme.spacing(1, 0, 0),
  },
  swatch: {
    display: 'inline-block',
    width: 12,
    height: 12,
    borderRadius: 2,
    marginRight: theme.spacing(0.5),
    verticalAlign: 'middle',
  },
}));

function cellTitle(name: string, point: HealthHistoryPoint): string {
  const when = absoluteTime(point.at);
  if (point.uptime === null || point.checks === 0) {
    return `${name} · ${when}: no checks`;
  }
  return `${name} · ${when}: ${formatPercent(point.uptime)} uptime (${
    point.checks
  } checks, ${point.failures} failed)`;
}

export interface HealthHeatmapProps {
  history: HealthHistoryResponse;
  /** Display names by integration name. */
  displayNames: Map<string, string>;
}

/**
 * Uptime per integration (rows) and time bucket (columns): green when every
 * check passed, amber below 100 %, red below 95 %, grey without checks.
 */
export function HealthHeatmap(props: HealthHeatmapProps) {
  const { history, displayNames } = props;
  const classes = useStyles();
  const theme = useTheme();
  const titleId = useId();
  const allPoints = history.series.flatMap(series => series.points);
  const first = allPoints[0]?.at;
  const last = allPoints[allPoints.length - 1]?.at;

  return (
    <Box>
      <Typography id={titleId} variant="subtitle2" component="h4">
        Uptime heatmap
      </Typography>
      <table className={classes.table} aria-labelledby={titleId}>
        <tbody>
          {history.series.map(({ integration, points }) => {
            const name = displayNames.get(integration) ?? integration;
            return (
              <tr key={integration}>
                <th scope="row" className={classes.name} title={name}>
                  {name}
                </th>
                {points.map(point => {
                  const band = uptimeBand(point.checks ? point.uptime : null);
                  return (
                    <td
                      key={point.at}
                      className={classes.cell}
                      title={cellTitle(name, point)}
                      style={{ backgroundColor: bandColour(band, theme) }}
                    />
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
      {first && last && (
        <Typography variant="caption" color="textSecondary">
          From {absoluteTime(first)} to {absoluteTime(last)}; hover a cell for
          its figures.
        </Typography>
      )}
      <ul className={classes.legend} aria-label="Legend">
        {UPTIME_BANDS.map(band => (
          <li key={band}>
            <Typography variant="caption">
              <span
                className={classes.swatch}
                style={{ backgroundColor: bandColour(band, theme) }}
              />
              {UPTIME_BAND_LABELS[band]}
            </Typography>
          </li>
        ))}
      </ul>
    </Box>
  );
}
