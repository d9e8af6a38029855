import Box from '@material-ui/core/Box';
import Collapse from '@material-ui/core/Collapse';
import IconButton from '@material-ui/core/IconButton';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import ExpandLessIcon from '@material-ui/icons/ExpandLess';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { useState } from 'react';
import { failureLabel, formatDuration } from '../../../healthLabels';
import { SuiteRunItem } from '../../../hooks/useSuiteRun';
import { ENVIRONMENT_LABELS } from '../../../labels';
import { TestResultView } from '../TestResultView';
import { RunStateLabel } from './RunStateLabel';

function ProgressRow(props: { item: SuiteRunItem }) {
  const { item } = props;
  const [open, setOpen] = useState(false);
  const hasDetails = Boolean(item.result || item.error);
  return (
    <>
      <TableRow data-testid={`run-${item.integration}`}>
        <TableCell padding="checkbox">
          {hasDetails && (
            <IconButton
              size="small"
              aria-label={`${open ? 'Hide' : 'Show'} the result of ${
                item.integration
              }`}
              aria-expanded={open}
              onClick={() => setOpen(!open)}
            >
              {open ? <ExpandLessIcon /> : <ExpandMoreIcon />}
            </IconButton>
          )}
        </TableCell>
        <TableCell>{item.integration}</TableCell>
        <TableCell>{ENVIRONMENT_LABELS[item.environment]}</TableCell>
        <TableCell>
          <RunStateLabel state={item.state} />
        </TableCell>
        <TableCell>
          {item.result ? formatDuration(item.result.durationMs) : '—'}
        </TableCell>
        <TableCell>
          {item.result?.failure
            ? failureLabel(item.result.failure.class)
            : item.error ?? ''}
        </TableCell>
      </TableRow>
      {hasDetails && (
        <TableRow>
          <TableCell colSpan={6} style={{ paddingTop: 0, paddingBottom: 0 }}>
            <Collapse in={open} unmountOnExit>
              <Box py={2}>
                {item.result ? (
                  <TestResultView result={item.result} />
                ) : (
                  <Typography color="error">{item.error}</Typography>
                )}
              </Box>
            </Collapse>
          </TableCell>
        </TableRow>
      )}
    </>
  );
}

/** Each integration of the latest suite run: queued, running or its outcome. */
export function RunProgress(props: { items: SuiteRunItem[] }) {
  return (
    <Table size="small" aria-label="Progress of the test run">
      <TableHead>
        <TableRow>
          <TableCell padding="checkbox" />
          <TableCell>Integration</TableCell>
          <TableCell>Environment</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Duration</TableCell>
          <TableCell>Failure</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.items.map(item => (
          <ProgressRow
            key={`${item.integration}:${item.environment}`}
            item={item}
          />
        ))}
      </TableBody>
    </Table>
  );
}
