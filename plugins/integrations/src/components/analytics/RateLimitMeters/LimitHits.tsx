import { RateLimitsResponse } from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useMemo, useState } from 'react';
import { absoluteTime } from '../../../labels';
import { formatCount, fromNow } from '../analyticsData';
import { SOURCE_LABELS } from './rateLimitText';

const useStyles = makeStyles(theme => ({
  hits: { marginTop: theme.spacing(3) },
}));

/** The answers that refused a call for its rate limit, the latest first. */
export function LimitHits(props: { status: RateLimitsResponse; now: Date }) {
  const classes = useStyles();
  const [showAll, setShowAll] = useState(false);
  const hits = useMemo(
    () =>
      Object.values(props.status)
        .flatMap(s =>
          s.rateLimitHistory
            .filter(h => h.hitLimit)
            .map(h => ({ ...h, integration: s.integration })),
        )
        .sort((a, b) => b.timestamp.localeCompare(a.timestamp)),
    [props.status],
  );
  if (hits.length === 0) {
    return (
      <Typography
        variant="body2"
        color="textSecondary"
        className={classes.hits}
      >
        No limit hits recorded: no answer refused a call for its rate limit.
      </Typography>
    );
  }
  const shown = showAll ? hits.slice(0, 200) : hits.slice(0, 5);
  return (
    <Box className={classes.hits}>
      <Typography variant="subtitle2" component="h4">
        Recent limit hits ({formatCount(hits.length)})
      </Typography>
      <Table size="small" aria-label="Recent limit hits">
        <TableHead>
          <TableRow>
            <TableCell>When</TableCell>
            <TableCell>Integration</TableCell>
            <TableCell>Endpoint</TableCell>
            <TableCell>Answer</TableCell>
            <TableCell align="right">Delay applied</TableCell>
            <TableCell>Read from</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {shown.map((hit, index) => (
            <TableRow key={`${hit.integration}-${hit.timestamp}-${index}`}>
              <TableCell title={absoluteTime(hit.timestamp)}>
                {fromNow(hit.timestamp, props.now)}
              </TableCell>
              <TableCell>{hit.integration}</TableCell>
              <TableCell>{hit.endpoint}</TableCell>
              <TableCell>
                {[hit.status, hit.reason].filter(Boolean).join(' ') || '—'}
              </TableCell>
              <TableCell align="right">
                {hit.delayTime !== undefined
                  ? `${formatCount(hit.delayTime / 1000)} s`
                  : '—'}
              </TableCell>
              <TableCell>{SOURCE_LABELS[hit.source]}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {hits.length > 5 && (
        <Button size="small" onClick={() => setShowAll(!showAll)}>
          {showAll
            ? 'Show the latest 5'
            : `Show all ${formatCount(Math.min(hits.length, 200))}${
                hits.length > 200 ? ' latest' : ''
              }`}
        </Button>
      )}
    </Box>
  );
}
