import { RouterLink } from '@backstage/frontend-plugin-api';
import { ErrorPattern } from '@internal/plugin-integrations-common';
import Link from '@material-ui/core/Link';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ERROR_PAGE_SIZES } from '../../../hooks/useErrorsPageParams';
import { absoluteTime, relativeTime } from '../../../labels';
import { ERROR_STATUS_LABELS, errorTypeLabel } from '../errorLabels';
import { SeverityChip } from '../SeverityChip';
import { PatternMarkers } from './PatternMarkers';
import { TrendSparkline } from './TrendSparkline';

const useStyles = makeStyles(theme => ({
  name: { minWidth: 280, maxWidth: 480, overflowWrap: 'anywhere' },
  nowrap: { whiteSpace: 'nowrap' },
  type: { display: 'block', marginTop: theme.spacing(0.25) },
}));

function Seen(props: { at: string }) {
  return (
    <Tooltip title={absoluteTime(props.at)}>
      <span>{relativeTime(props.at)}</span>
    </Tooltip>
  );
}

/**
 * One page of error groups: what failed, where, how bad, where it stands in
 * triage, how often and lately; a group's name opens its detail.
 */
export function ErrorPatternsTable(props: {
  patterns: ErrorPattern[];
  totalCount: number;
  page: number;
  pageSize: number;
  linkTo(pattern: ErrorPattern): string;
  onPageChange(page: number, pageSize: number): void;
}) {
  const { patterns, totalCount, page, pageSize, linkTo, onPageChange } = props;
  const classes = useStyles();
  return (
    <>
      <Table size="small" aria-label="Error groups">
        {/* Short column names read on one line, not broken mid-word. */}
        <TableHead style={{ whiteSpace: 'nowrap' }}>
          <TableRow>
            <TableCell>Error</TableCell>
            <TableCell>Integration</TableCell>
            <TableCell>Severity</TableCell>
            <TableCell>Status</TableCell>
            <TableCell align="right">Events</TableCell>
            <TableCell>First seen</TableCell>
            <TableCell>Last seen</TableCell>
            <TableCell>Last 24 hours</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {patterns.map(pattern => (
            <TableRow key={pattern.patternId} hover>
              <TableCell className={classes.name}>
                <Link component={RouterLink} href={linkTo(pattern)}>
                  {pattern.name}
                </Link>
                {pattern.matchingCriteria.errorType && (
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    className={classes.type}
                  >
                    {errorTypeLabel(pattern.matchingCriteria.errorType)}
                  </Typography>
                )}
                <PatternMarkers pattern={pattern} />
              </TableCell>
              <TableCell>{pattern.integration}</TableCell>
              <TableCell>
                <SeverityChip severity={pattern.severity} />
              </TableCell>
              <TableCell className={classes.nowrap}>
                {ERROR_STATUS_LABELS[pattern.status] ?? pattern.status}
              </TableCell>
              <TableCell align="right">
                {pattern.occurrences.toLocaleString('en-US')}
              </TableCell>
              <TableCell className={classes.nowrap}>
                <Seen at={pattern.firstSeen} />
              </TableCell>
              <TableCell className={classes.nowrap}>
                <Seen at={pattern.lastSeen} />
              </TableCell>
              <TableCell>
                <TrendSparkline trend={pattern.trend} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <TablePagination
        component="div"
        count={totalCount}
        page={page}
        rowsPerPage={pageSize}
        rowsPerPageOptions={[...ERROR_PAGE_SIZES]}
        onPageChange={(_event, next) => onPageChange(next, pageSize)}
        onRowsPerPageChange={event =>
          onPageChange(0, Number(event.target.value))
        }
      />
    </>
  );
}
