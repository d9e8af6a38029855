import { ErrorSummary } from '@internal/plugin-integrations-common';
import Link from '@material-ui/core/Link';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { makeStyles } from '@material-ui/core/styles';
import { useMemo } from 'react';
import { ChartFigure, NothingToChart } from '../../analytics/ChartFigure';

const useStyles = makeStyles({
  // About as tall as the trend chart beside it; more integrations scroll.
  scroll: { maxHeight: 260 },
});

/** The integrations with errors in the period, most errors first; a name filters the page by it. */
export function ErrorsByIntegration(props: {
  rows: ErrorSummary['errorsByIntegration'];
  onSelect(integration: string): void;
}) {
  const { onSelect } = props;
  const classes = useStyles();
  const rows = useMemo(
    () =>
      [...props.rows]
        .filter(row => row.totalErrors > 0 || row.openPatterns > 0)
        .sort(
          (a, b) =>
            b.totalErrors - a.totalErrors ||
            a.integration.localeCompare(b.integration),
        ),
    [props.rows],
  );
  return (
    <ChartFigure
      title="By integration"
      caption="Errors in the period; open and critical groups now."
    >
      {rows.length === 0 ? (
        <NothingToChart>
          No integration had errors in this period.
        </NothingToChart>
      ) : (
        <TableContainer className={classes.scroll}>
          <Table size="small" stickyHeader aria-label="Errors by integration">
            {/* Short column names read on one line, not broken mid-word. */}
            <TableHead style={{ whiteSpace: 'nowrap' }}>
              <TableRow>
                <TableCell>Integration</TableCell>
                <TableCell align="right">Errors</TableCell>
                <TableCell align="right">Open</TableCell>
                <TableCell align="right">Critical</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map(row => (
                <TableRow key={row.integration}>
                  <TableCell>
                    <Link
                      component="button"
                      variant="body2"
                      onClick={() => onSelect(row.integration)}
                    >
                      {row.integration}
                    </Link>
                  </TableCell>
                  <TableCell align="right">
                    {row.totalErrors.toLocaleString('en-US')}
                  </TableCell>
                  <TableCell align="right">{row.openPatterns}</TableCell>
                  <TableCell align="right">{row.criticalPatterns}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </ChartFigure>
  );
}
